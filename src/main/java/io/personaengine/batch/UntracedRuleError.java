package io.personaengine.batch;

import java.util.Arrays;
import java.util.List;

import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.ErrorInTheRulesException;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.facts.CustomerFacts;
import io.personaengine.rules.RuleFailure;
import io.personaengine.rules.RuleFrames;
import io.personaengine.rules.RuleSet;

/**
 * An Error the rules threw that no rule can be traced to, told as the rules failing, as
 * test-rules tells it, not as a bug with its stack trace. Drools compiles a condition to bytecode
 * once it has been evaluated some 20 times; an Error thrown there (its own NoSuchMethodError for
 * {@code str[startsWith]}, or a function the condition calls that throws one) is not wrapped in
 * its failure of the condition, which names the rule, and nothing on the stack says whose
 * condition it was. Drools' own code on the stack before the service's makes it the rules'
 * failure; the service's own Java met first is a bug of the service, and the Error stays one.
 */
final class UntracedRuleError {

	/** Drools' class that runs a condition, the bytecode it compiled of it included. */
	private static final String CONDITION = "org.drools.mvel.MVELConstraint";

	private UntracedRuleError() {
	}

	/**
	 * {@code failure}, thrown while deciding {@code customers} with {@code ruleSet}, as the failure
	 * of a rule, named with the first customer it is thrown for, if the rules threw it; otherwise
	 * {@code failure} as it is. The customers are decided alone again to find the first, within
	 * {@code deadline}: once it passes, it is said to have failed while segmenting.
	 */
	static RuntimeException told(RuleSet ruleSet, ErrorInTheRulesException failure, List<CustomerFacts> customers,
			Deadline deadline) {
		Throwable thrown = failure.getCause();
		StackTraceElement engine = firstOfTheEngine(thrown);
		if (engine == null) {
			return failure;
		}
		RuleFailure.FailedAlone first = RuleFailure.firstFailingAlone(ruleSet, customers, deadline,
				(alone) -> alone instanceof ErrorInTheRulesException error && error.getCause().getClass() == thrown.getClass());
		String during = (first != null) ? first.during() : "while segmenting";
		String what = engine.getClassName().equals(CONDITION)
				? "a rule's condition failed " + during + "; the stack does not say which rule's: "
				: "a rule failed " + during + ": ";
		return new RuleFailedException(ruleSet.version(), "rule set " + ruleSet.version() + " failed: " + what
				+ thrown.getClass().getSimpleName() + ((thrown.getMessage() != null) ? ": " + thrown.getMessage() : ""), failure);
	}

	/**
	 * The frame of the rules engine met first on {@code thrown}'s stack, from where it was thrown;
	 * null if the service's own Java is met first, or none of the engine is there.
	 */
	private static StackTraceElement firstOfTheEngine(Throwable thrown) {
		return Arrays.stream(thrown.getStackTrace())
			.filter((frame) -> RuleFrames.ofTheEngine(frame) || RuleFrames.ofTheService(frame))
			.findFirst()
			.filter(RuleFrames::ofTheEngine)
			.orElse(null);
	}

}
