package io.personaengine.decisions;

import io.personaengine.facts.CustomerFacts;

/**
 * A conclusion whose getter throws, as a bug in the service's own Java would. A rule inserts it
 * without failing; DecisionEngine throws as it reads the conclusions, after the rules have
 * settled and outside any rule: a failure of the service, not of the rules.
 */
public final class ConclusionWithABug implements CustomerScoped {

	/** What a rule inserts to have the service fail on it. */
	public static final String RULE = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;
			import io.personaengine.decisions.ConclusionWithABug;

			rule "ConcludesWhatTheServiceCannotRead"
			when
			    $c : CustomerFacts()
			then
			    insert( new ConclusionWithABug() );
			end
			""";

	public static final String BUG = "a bug in the service's own Java";

	@Override
	public CustomerFacts getCustomer() {
		throw new NullPointerException(BUG);
	}

}
