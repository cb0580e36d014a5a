package io.personaengine.facts;

import java.util.List;

/**
 * The letters of a customer's country, with the bug a helper of the service's own Java could
 * have: it takes every customer to have a country. A rule that reads it with {@code from} is
 * right to; the NullPointerException for a customer without one is the service's.
 */
public final class CountryLetters {

	/** A rule whose condition reads {@link #of} for every customer. */
	public static final String RULE = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;
			import io.personaengine.facts.CountryLetters;

			rule "CountryLettersFrom"
			when
			    $c : CustomerFacts()
			    $letter : String() from CountryLetters.of( $c )
			then
			end
			""";

	/** A rule whose eval calls {@link #deeper}: the service's own Java calling itself without end. */
	public static final String RECURSING_RULE = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;
			import io.personaengine.facts.CountryLetters;

			rule "CountryLettersDeeper"
			when
			    $c : CustomerFacts()
			    eval( CountryLetters.deeper( 0 ) > 0 )
			then
			end
			""";

	private CountryLetters() {
	}

	public static int deeper(int depth) {
		return deeper(depth + 1) + 1;
	}

	/** The service's own Java failing to link, as a build against another version of a library would. */
	public static boolean linked(String customerId) {
		throw new NoSuchMethodError("CountryLetters.linked");
	}

	public static List<String> of(CustomerFacts customer) {
		return customer.getCountry().chars().mapToObj(Character::toString).toList();
	}

}
