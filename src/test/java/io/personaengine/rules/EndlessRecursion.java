package io.personaengine.rules;

/** Rules whose DRL function calls itself without end: the stack overflows wherever it is called. */
public final class EndlessRecursion {

	/** A function that calls itself without end. */
	public static final String FUNCTION = "function int depth(int n) { return depth(n + 1) + 1; }\n";

	/** A rule file whose rule "DepthWithoutEnd", at line 6, calls {@link #FUNCTION} in its then part for every customer. */
	public static final String IN_A_THEN_PART = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;

			""" + FUNCTION + """

			rule "DepthWithoutEnd"
			when
			    CustomerFacts()
			then
			    depth(0);
			end
			""";

	/** How the service says that {@link #FUNCTION} overflowed the stack, once it has the rule. */
	public static final String SAID = "function depth calls itself without end, or too deeply (StackOverflowError)";

	private EndlessRecursion() {
	}

}
