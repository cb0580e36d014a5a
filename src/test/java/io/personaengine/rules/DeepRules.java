package io.personaengine.rules;

/** Rule files nested too deeply for Drools to read or build: its parser calls itself once per level. */
public final class DeepRules {

	/** Levels of nesting far past what overflows the stack of any thread the service runs on. */
	public static final int LEVELS = 10_000;

	/**
	 * A rule file whose condition, on line 6, is {@link #LEVELS} parentheses deep within its
	 * pattern's, the deepest at column 32 + {@link #LEVELS}.
	 */
	public static final String PARENTHESES = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;

			rule "DeepCondition"
			when
			    CustomerFacts( orderCount > %s1%s )
			then
			end
			""".formatted("(".repeat(LEVELS), ")".repeat(LEVELS));

	/** How the service says {@link #PARENTHESES} in a file of its own. */
	public static final String SAID = "parentheses nested " + (LEVELS + 1) + " deep here: too deeply nested for Drools to parse "
			+ "(its parser overflowed the stack, StackOverflowError); nest fewer, or split the condition";

	private DeepRules() {
	}

}
