package io.personaengine.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.decisions.DecisionTimeoutException;
import io.personaengine.decisions.Recount;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.decisions.RulesDidNotSettleException;
import io.personaengine.decisions.RulesOverflowedException;
import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerIds;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A rule that fails while deciding, said as a problem of that rule: its name, its file and
 * line, and why in words an analyst can act on, not "." and line 0. Drools names the rule that
 * threw (in its then part, or in a condition); the stack names the one whose {@code eval} or
 * {@code accumulate} threw ({@link RuleFrames}); none is named when the rules keep firing, so
 * then they are run again on the same facts counting firings per rule ({@link Recount}), to
 * name the ones that never stop: first those that keep firing on what they themselves made.
 */
public final class RuleFailure {

	/**
	 * Drools' text for a condition that threw: "Error evaluating constraint 'x' in [Rule "A", "B"
	 * in a.drl]", naming every rule that shares the condition.
	 */
	private static final Pattern CONSTRAINT = Pattern.compile("Error evaluating constraint '(.*)' in \\[(Rule .*)\\]");

	private RuleFailure() {
	}

	/**
	 * A customer a rule may fail for: its facts, the rule set it is decided with (with the
	 * thresholds its scenario pins) and who it is ("scenario "Big spender" (tests/mine.yaml:2,
	 * customer c-1)").
	 */
	public record Customer(RuleSet ruleSet, CustomerFacts facts, String whose) {
	}

	/**
	 * The problem {@code failure} is, thrown while deciding {@code facts} with {@code ruleSet};
	 * {@code during} says when ("while deciding the scenarios' customers"). A rule may fail for
	 * some customers only: each of {@code customers} is decided alone again to name the first it
	 * fails for and count the others.
	 */
	public static RuleSetException of(RuleSet ruleSet, List<?> facts, RuntimeException failure, String during,
			List<Customer> customers) {
		Blame blame = blame(ruleSet, failure);
		String rule = (blame != null) ? blame.rule() : null;
		List<String> failing = new ArrayList<>();
		for (Customer customer : customers) {
			RuntimeException alone = failureAlone(customer.ruleSet(), customer.facts());
			if (alone != null && (Objects.equals(failedRule(customer.ruleSet(), alone), rule)
					&& (rule != null || (alone instanceof RulesDidNotSettleException) == (failure instanceof RulesDidNotSettleException)))) {
				failing.add(customer.whose());
			}
		}
		String who = switch (failing.size()) {
			case 0 -> during;
			case 1 -> during + ", for " + failing.get(0);
			default -> during + ", for " + failing.get(0) + " and " + (failing.size() - 1) + " other(s)";
		};
		return new RuleSetException("Rule set " + ruleSet.version() + " failed " + during,
				List.of(problem(ruleSet, facts, failure, blame, who)));
	}

	/**
	 * {@code failure}, thrown by the rules engine while deciding with {@code ruleSet}, as the failure
	 * of the rule that threw, in one line an operator can act on: "rule set 1a2b failed:
	 * segments.drl:125: rule "X" failed in its then part while deciding 2 customers: a calculation
	 * is impossible (ArithmeticException: / by zero)". The failure itself when it names no rule.
	 */
	public static RuntimeException named(RuleSet ruleSet, RuntimeException failure, String during) {
		Blame blame = blame(ruleSet, failure);
		return (blame != null) ? named(ruleSet, failure, blame, during) : failure;
	}

	private static RuleFailedException named(RuleSet ruleSet, RuntimeException failure, Blame blame, String during) {
		RuleProblem problem = problem(ruleSet, List.of(), failure, blame, during);
		return new RuleFailedException(ruleSet.version(), "rule set " + ruleSet.version() + " failed: "
				+ ((problem.line() > 0) ? problem.toString() : problem.message()), failure);
	}

	/**
	 * {@code failure}, thrown while deciding {@code customers} together, named as
	 * {@link #named(RuleSet, RuntimeException, String)} names it, with the first of them it is
	 * thrown for: "... failed in its then part while deciding customer c-7: ...". Drools names
	 * none for a condition that threw, and for a then part only the one it happened to fire for
	 * first; rules never see one another's customers, so each decided alone fails as among the
	 * others. A customer for whom another rule fails, or the rules loop, is not the one. Paid for
	 * only by a failure, and within {@code deadline}: once it passes, the failure is named
	 * {@code otherwise} ("while segmenting"), rather than keep the caller longer. A stack overflow
	 * outside a then part names no rule, and is named with the first customer it happens for.
	 * Anything else (a loop, which names its customer, a timeout, a bug) is returned as it is.
	 */
	public static RuntimeException namedWithItsCustomer(RuleSet ruleSet, RuntimeException failure,
			List<CustomerFacts> customers, Deadline deadline, String otherwise) {
		Blame blame = blame(ruleSet, failure);
		if (blame == null) {
			return failure;
		}
		FailedAlone first = firstFailingAlone(ruleSet, customers, deadline, (alone) -> {
			Blame aloneBlame = blame(ruleSet, alone);
			return aloneBlame != null && Objects.equals(aloneBlame.rule(), blame.rule());
		});
		return (first != null) ? named(ruleSet, first.failure(), blame(ruleSet, first.failure()), first.during())
				: named(ruleSet, failure, blame, otherwise);
	}

	/**
	 * The first of {@code customers} that, decided alone within {@code deadline}, fails as
	 * {@code same} says the failure looked for does; null if none does before the deadline passes.
	 * Rules never see one another's customers, so a customer fails alone as among the others.
	 */
	public static FailedAlone firstFailingAlone(RuleSet ruleSet, List<CustomerFacts> customers, Deadline deadline,
			Predicate<RuntimeException> same) {
		for (CustomerFacts customer : customers) {
			try {
				DecisionEngine.decide(ruleSet, List.of(customer), deadline);
			}
			catch (DecisionTimeoutException timedOut) {
				return null;
			}
			catch (RuntimeException alone) {
				if (same.test(alone)) {
					return new FailedAlone(alone, "while deciding customer " + CustomerIds.inMessage(customer.getCustomerId()));
				}
			}
		}
		return null;
	}

	/** A customer's failure decided alone, and {@code during} naming the customer for the message. */
	public record FailedAlone(RuntimeException failure, String during) {
	}

	private static RuleProblem problem(RuleSet ruleSet, List<?> facts, RuntimeException failure, Blame blame, String during) {
		if (blame != null && blame.rule() == null && blame.part().equals("from")) {
			return new RuleProblem(".", 0, 0, "a rule's from failed " + during + "; the stack does not say which rule's: "
					+ reason(ruleSet, blame.why()));
		}
		if (blame != null && blame.rule() == null) {
			String function = RuleFrames.functionAtTheTop(ruleSet.kieBase(), blame.why());
			return new RuleProblem(".", 0, 0, "a rule failed " + during + ": " + ((function != null)
					? "function " + function + ", called in an eval or an accumulate, calls itself without end, or too deeply "
							+ "(StackOverflowError); the stack does not say which rule calls it"
					: failure.getMessage()));
		}
		if (blame != null) {
			return at(ruleSet, blame.rule(), "rule \"" + blame.rule() + "\" failed in its " + blame.part() + " " + during + ": "
					+ reason(ruleSet, blame.why()));
		}
		if (failure instanceof RulesDidNotSettleException) {
			List<Recount.Firings> firings = Recount.of(ruleSet, facts, Deadline.NONE);
			if (!firings.isEmpty()) {
				Recount.Firings most = firings.get(0);
				String others = firings.stream()
					.skip(1)
					.filter((count) -> count.onItsOwnConclusions() * 2 >= most.onItsOwnConclusions() && count.times() * 2 >= most.times())
					.map((count) -> "\"" + count.rule() + "\" (" + count.times() + " times)")
					.reduce((a, b) -> a + ", " + b)
					.map((list) -> ", with " + list)
					.orElse("");
				return at(ruleSet, most.rule(), "rule \"" + most.rule() + "\" kept firing ("
						+ most.times() + " times" + others + ") " + during
						+ " and the rules never settled: its then part probably changes or inserts a fact that makes it match again");
			}
		}
		return new RuleProblem(".", 0, 0, "a rule failed " + during + ": " + reason(ruleSet, failure));
	}

	/**
	 * A rule that threw, where in it ("then part", "condition 'x > 1'", "eval"), and why. No rule
	 * for a stack overflow outside a then part: the overflowed stack keeps only the recursion's own
	 * frames.
	 */
	private record Blame(String rule, String part, Throwable why) {
	}

	/** The rule that threw {@code failure}, as {@link #blame} finds it; null if none is named. */
	private static String failedRule(RuleSet ruleSet, RuntimeException failure) {
		Blame blame = blame(ruleSet, failure);
		return (blame != null) ? blame.rule() : null;
	}

	/**
	 * The rule that threw {@code failure}, in its then part, in a condition, in its Java of an
	 * {@code eval} or {@code accumulate}, or in a {@code from} ({@link RuleFrames}); null if it is
	 * none of the rules' (a {@code from} whose rule cannot be told is a rule's, no rule named).
	 * Drools' failures only: the engine's own name what they are about, and a loop's
	 * message would run the rules again to name its rule.
	 */
	private static Blame blame(RuleSet ruleSet, RuntimeException failure) {
		if (failure instanceof RulesDidNotSettleException || failure instanceof DecisionTimeoutException
				|| failure instanceof RuleFailedException) {
			return null;
		}
		if (failure instanceof RulesOverflowedException) {
			return new Blame(null, "eval or accumulate", failure.getCause());
		}
		if (failure instanceof ConsequenceException consequence && consequence.getMatch() != null) {
			return new Blame(consequence.getMatch().getRule().getName(), "then part", failure.getCause());
		}
		Matcher constraint = CONSTRAINT.matcher(String.valueOf(failure.getMessage()));
		if (constraint.find()) {
			String rule = namedIn(constraint.group(2), ruleSet);
			return (rule != null) ? new Blame(rule, "condition '" + constraint.group(1) + "'", failure.getCause()) : null;
		}
		RuleFrames.Thrown thrown = RuleFrames.thrownIn(ruleSet.kieBase(), failure);
		if (thrown == null) {
			thrown = RuleFrames.thrownInAFrom(ruleSet.locations(), failure);
		}
		return (thrown != null) ? new Blame(thrown.rule(), thrown.part(), failure) : null;
	}

	/** What deciding {@code customer} on its own throws, as the service decides it; null if it goes well. */
	private static RuntimeException failureAlone(RuleSet ruleSet, CustomerFacts customer) {
		try {
			DecisionEngine.decide(ruleSet, List.of(customer));
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/**
	 * The first rule {@code rules} names. A rule's name may hold quotes and commas itself
	 * ({@code rule 'Country "code" is long'}), so the rule set's names are looked for in it.
	 */
	private static String namedIn(String rules, RuleSet ruleSet) {
		return ruleSet.ruleNames()
			.stream()
			.filter((name) -> rules.contains("\"" + name + "\""))
			.min(Comparator.comparingInt((name) -> rules.indexOf("\"" + name + "\"")))
			.orElse(null);
	}

	private static RuleProblem at(RuleSet ruleSet, String rule, String message) {
		RuleSet.Location location = ruleSet.locations().get(rule);
		return (location != null) ? new RuleProblem(location.file(), location.line(), 0, message)
				: new RuleProblem(".", 0, 0, message);
	}

	/** What went wrong, in the analyst's terms first, then Java's for whoever debugs it. */
	private static String reason(RuleSet ruleSet, Throwable failure) {
		Throwable root = failure;
		String detail = null;
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			root = cause;
			if (cause.getMessage() != null) {
				detail = cause.getMessage();
			}
		}
		String java = root.getClass().getSimpleName() + ((detail != null) ? ": " + detail : "");
		if (root instanceof NullPointerException) {
			return "a value it uses is missing (null) (" + java + ")";
		}
		if (root instanceof ArithmeticException) {
			return "a calculation is impossible (" + java + ")";
		}
		if (root instanceof StackOverflowError) {
			// Its message is none: the one found is a wrapper's, which says nothing more.
			String function = RuleFrames.functionAtTheTop(ruleSet.kieBase(), root);
			return ((function != null) ? "function " + function : "it") + " calls itself without end, or too deeply (StackOverflowError)";
		}
		return java;
	}

}
