package io.personaengine.decisions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.rules.RuleFiles;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetLoader;

/**
 * The shipped rules' fact design against the "result" design of {@link ResultDesign}, in thread
 * CPU time per customer as {@link DecisionCoreCpuTime} measures it, with the hand-written
 * baseline in the same run. Before timing, checks on {@link DecisionCoreBenchmark}'s 1,000
 * customers that the prototype gives every customer the same personas (all matches and the
 * primary one), the same consent-filtered recommendations and, for the whole rule set, the same
 * segments as the shipped rules through {@link DecisionEngine}; it stops if one differs.
 * Arguments: the design to time ({@code shipped}; {@code result}; {@code result-eval}, its action
 * rules testing the primary persona in an eval; {@code result-sequential}, that in sequential mode),
 * the scope ({@code personas}: personas, their actions and consent; {@code all}: every rule
 * file) and the rounds (400). Run from the repository root, through
 * {@code docs/bench/fact-design.sh}.
 */
public final class FactDesignCpuTime {

	/** The files of rules/ that are not about personas, their actions or consent. */
	private static final Set<String> NOT_PERSONAS = Set.of("segments.drl", "segment-recommendations.drl",
			"guards.drl", "custom-segments.dslr");

	private FactDesignCpuTime() {
	}

	public static void main(String[] args) {
		String design = args[0];
		boolean all = "all".equals(args[1]);
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 400;
		Predicate<String> shippedFiles = (path) -> RuleFiles.isRuleFile(path) && (all || !NOT_PERSONAS.contains(path));
		RuleSet rules = new RuleSetLoader(Clock.systemUTC()).load(RuleFiles.read(Path.of("rules"), shippedFiles));
		Predicate<String> prototypeFiles = (path) -> all || path.equals("personas.drl")
				|| path.equals("recommendations.drl");
		ResultDesign prototype = ResultDesign.load(prototypeFiles, rules.thresholds(), design.equals("result-eval"),
				design.equals("result-sequential"));
		List<CustomerFacts> customers = BenchmarkCustomers.customers(rules, DecisionCoreBenchmark.BATCH, 42);
		check(DecisionEngine.decide(rules, customers), prototype.decide(customers, rules.version()), all);
		Function<List<CustomerFacts>, List<Decision>> decide = design.equals("shipped")
				? (batch) -> DecisionEngine.decide(rules, batch) : (batch) -> prototype.decide(batch, rules.version());
		double[] cpu = DecisionCoreCpuTime.measure(decide, customers, new HandWrittenPersonas(rules.thresholds()),
				rules.version(), rounds);
		double base = cpu[2];
		double fired = decide.apply(customers).stream().mapToInt((d) -> d.firedRules().size()).average().orElse(0);
		System.out.printf("CPU ns per customer: %s %s batch %.0f, single %.0f, hand-written %.0f;"
				+ " batch ratio %.0fx, single ratio %.0fx; %.1f rules fired per customer%n", design, args[1],
				cpu[0], cpu[1], base, cpu[0] / base, cpu[1] / base, fired);
	}

	/** Stops unless the prototype decides every customer as the shipped rules do. */
	private static void check(List<Decision> shipped, List<Decision> prototype, boolean segments) {
		for (int i = 0; i < shipped.size(); i++) {
			Decision expected = shipped.get(i);
			Decision actual = prototype.get(i);
			if (!expected.customerId().equals(actual.customerId()) || !expected.persona().equals(actual.persona())
					|| !expected.matchedPersonas().equals(actual.matchedPersonas())
					|| !expected.recommendations().equals(actual.recommendations())
					|| (segments && !expected.segments().equals(actual.segments()))) {
				throw new IllegalStateException("the prototype disagrees with the shipped rules on "
						+ expected.customerId() + ":\n shipped   " + expected + "\n prototype " + actual);
			}
		}
	}

}
