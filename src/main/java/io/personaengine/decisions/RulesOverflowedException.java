package io.personaengine.decisions;

/**
 * The stack overflowed while the rules ran, outside any rule's then part and pattern constraints
 * (which Drools names): an eval or an accumulate, or a function it calls, calls itself without
 * end or too deeply. A failure of the rules, not of the
 * service; which rule, the stack does not say, as its top frames are the recursion's own. The
 * cause is the StackOverflowError.
 */
public class RulesOverflowedException extends RuntimeException {

	RulesOverflowedException(StackOverflowError overflow) {
		super("an eval or an accumulate, or a function it calls, calls itself without end, or too deeply (StackOverflowError); "
				+ "the stack does not say which rule's", overflow);
	}

}
