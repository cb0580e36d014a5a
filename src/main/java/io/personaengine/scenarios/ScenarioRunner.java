package io.personaengine.scenarios;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.decisions.RulesDidNotSettleException;
import io.personaengine.decisions.RulesOverflowedException;
import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.facts.FactDeriver;
import io.personaengine.facts.JsonPath;
import io.personaengine.facts.Thresholds;
import io.personaengine.facts.Violation;
import io.personaengine.rules.RuleFailure;
import io.personaengine.rules.RuleFrames;
import io.personaengine.rules.RuleIds;
import io.personaengine.rules.RuleProblem;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.YamlKeys;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.drools.mvel.ConstraintEvaluationException;
import org.kie.api.runtime.rule.ConsequenceException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs scenarios against a rule set: every scenario's customer is validated and its facts
 * derived as of the scenario's {@code asOf}, then all of them are decided together.
 */
public final class ScenarioRunner {

	private static final Validator VALIDATOR;

	/** As thresholds.yaml is read: 120.5 days is refused, not pinned as 120; "100" is refused as {@link InQuotes}. */
	private static final JsonMapper MAPPER = Thresholds.readStrictly(JsonMapper.builder()).build();

	static {
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			VALIDATOR = factory.getValidator();
		}
	}

	private ScenarioRunner() {
	}

	/**
	 * What running scenario files gave: a result for each scenario and each problem reading them,
	 * and a warning for each file that holds no scenario, which fails nothing.
	 */
	public record Results(List<ScenarioResult> results, List<RuleProblem> withoutScenarios) {
	}

	/** Reads and runs the given scenario files; unreadable files are failed results. */
	public static Results run(RuleSet ruleSet, SortedMap<String, byte[]> scenarioFiles) {
		ScenarioFiles.Parsed parsed = ScenarioFiles.parse(scenarioFiles);
		List<ScenarioResult> results = new ArrayList<>(parsed.unreadable());
		results.addAll(run(ruleSet, parsed.scenarios()));
		// Scenarios that could not be read come first in the list: on a line that starts several,
		// each scenario's place in the file orders them. Not the column: a problem without one (0)
		// would come before the scenario's start. One scenario's problems are in the order
		// ScenarioFiles gives them.
		results.sort(Comparator.comparing(ScenarioResult::file)
			.thenComparingInt(ScenarioResult::line)
			.thenComparingInt(ScenarioResult::scenario));
		return new Results(results, parsed.withoutScenarios());
	}

	/**
	 * Scenarios that pin the same thresholds are decided together, in one call per
	 * group; most pin none and share the rule set's own thresholds.
	 */
	public static List<ScenarioResult> run(RuleSet ruleSet, List<Scenario> scenarios) {
		Map<Map<String, Object>, List<Scenario>> byThresholds = new LinkedHashMap<>();
		scenarios.forEach((scenario) -> byThresholds.computeIfAbsent(scenario.thresholds(), (k) -> new ArrayList<>()).add(scenario));
		List<ScenarioResult> results = new ArrayList<>();
		List<Group> groups = new ArrayList<>();
		byThresholds.forEach((pinned, group) -> {
			try {
				groups.add(prepare(pinned.isEmpty() ? ruleSet : ruleSet.withThresholds(pinned(ruleSet.thresholds(), pinned)), group,
						results));
			}
			catch (Unpinnable ex) {
				group.forEach((scenario) -> results.add(at(scenario, ex.placeIn(scenario.places()), "thresholds: " + ex.getMessage())));
			}
		});
		for (Group group : groups) {
			results.addAll(decide(group, groups, scenarios));
		}
		return results;
	}

	private static String meant(String name, Collection<String> thresholds) {
		String closest = YamlKeys.closest(name, thresholds);
		return (closest != null) ? " (did you mean '" + closest + "'?)" : "";
	}

	/** The rule set's thresholds with the scenario's pinned values in place of its own. */
	static Thresholds pinned(Thresholds base, Map<String, Object> overrides) {
		Map<String, Object> values = new LinkedHashMap<>(MAPPER.convertValue(base, new TypeReference<Map<String, Object>>() {
		}));
		// All of them, not one at a time: the next would fail the next run. Sorted, as the map
		// keeps no order.
		List<String> unknown = overrides.keySet().stream().filter((name) -> !values.containsKey(name)).sorted().toList();
		if (!unknown.isEmpty()) {
			// As in thresholds.yaml, a misspelt name says the one it probably is.
			throw new Unpinnable("unknown threshold" + ((unknown.size() > 1) ? "s " : " ")
					+ String.join(", ", unknown.stream().map((name) -> "'" + name + "'" + meant(name, values.keySet())).toList()),
					unknown, false, null);
		}
		// The first in the order thresholds.yaml is read, as Jackson says the first value it cannot read.
		for (String name : values.keySet()) {
			if (overrides.get(name) instanceof InQuotes quoted) {
				throw new Unpinnable(Thresholds.inQuotes(name, quoted.text()), List.of(name), true, null);
			}
		}
		values.putAll(overrides);
		try {
			return MAPPER.convertValue(values, Thresholds.class);
		}
		catch (JacksonException ex) {
			throw new Unpinnable(ScenarioFiles.describe(ex), JsonPath.steps(ex).stream().map(String::valueOf).limit(1).toList(), true, ex);
		}
	}

	/**
	 * A pin written in quotes ({@code highValueAov: "100"}): YAML reads it as a text, as the REST
	 * API reads a number sent as a string, where Jackson would take it for the number, as it takes
	 * .5 or True written without quotes, which YAML writes numbers and booleans as.
	 */
	record InQuotes(String text) {
	}

	/**
	 * Thresholds a scenario pins that cannot be pinned: {@code names} are the ones at fault, the
	 * failure placed at the first of them written, at its value when the value is wrong
	 * ({@code value}), else at its key.
	 */
	static final class Unpinnable extends IllegalArgumentException {

		private final List<String> names;

		private final boolean value;

		Unpinnable(String message, List<String> names, boolean value, Throwable cause) {
			super(message, cause);
			this.names = names;
			this.value = value;
		}

		Places.Place placeIn(Places places) {
			return this.names.stream()
				.map((name) -> this.value ? places.value(List.of(Scenario.Spec.THRESHOLDS, name))
						: places.key(List.of(Scenario.Spec.THRESHOLDS, name)))
				.min(Places.Place.IN_THE_FILE)
				.orElseGet(() -> places.value(List.of(Scenario.Spec.THRESHOLDS)));
		}

	}

	/** A failure of {@code scenario} at {@code place}. */
	private static ScenarioResult at(Scenario scenario, Places.Place place, List<String> differences) {
		return new ScenarioResult(scenario.file(), scenario.index(), place.line(), place.column(), scenario.name(), differences,
				null, List.of());
	}

	private static ScenarioResult at(Scenario scenario, Places.Place place, String difference) {
		return at(scenario, place, List.of(difference));
	}

	/** Scenarios decided with one rule set (the thresholds they pin): those valid, and their customers' facts. */
	private record Group(RuleSet ruleSet, List<Scenario> valid, List<CustomerFacts> facts) {
	}

	/** The group's scenarios that can be decided; the others' failures go to {@code results}. */
	private static Group prepare(RuleSet ruleSet, List<Scenario> scenarios, List<ScenarioResult> results) {
		CustomerValidator validator = new CustomerValidator(VALIDATOR, CustomerValidator.Limits.DEFAULT);
		List<Scenario> valid = new ArrayList<>();
		List<CustomerFacts> facts = new ArrayList<>();
		for (Scenario scenario : scenarios) {
			CustomerInput customer = scenario.customer();
			ScenarioResult unknown = unknownIds(scenario, ruleSet.ids());
			if (unknown != null) {
				results.add(unknown);
				continue;
			}
			List<Violation> violations = validator.violations(customer, scenario.asOf());
			if (!violations.isEmpty()) {
				// Each at the value it refuses, as a value of the wrong kind is placed.
				for (Violation violation : violations) {
					List<Object> steps = new ArrayList<>(List.of(Scenario.Spec.CUSTOMER));
					steps.addAll(JsonPath.steps(violation.field()));
					results.add(at(scenario, scenario.places().value(steps),
							"customer." + violation.field() + ": " + violation.reason()));
				}
				continue;
			}
			CustomerInput asOfScenario = new CustomerInput(customer.customerId(), scenario.asOf(), customer.profile(),
					customer.orders(), customer.events(), customer.summary());
			valid.add(scenario);
			facts.add(FactDeriver.derive(asOfScenario, ruleSet.thresholds(), scenario.asOf()));
		}
		return new Group(ruleSet, valid, facts);
	}

	/**
	 * Decides a group's customers together. A rule that fails breaks the rule set,
	 * and is said for the customers of every group, in the order of {@code scenarios}: scenarios
	 * that pin thresholds are decided apart, but the analyst reads them in the file. Any other
	 * failure is a bug of the service, and is thrown as it is.
	 */
	private static List<ScenarioResult> decide(Group group, List<Group> groups, List<Scenario> scenarios) {
		List<Decision> decisions;
		try {
			decisions = DecisionEngine.decide(group.ruleSet(), group.facts());
		}
		catch (RuntimeException ex) {
			if (!failureOfTheRules(ex)) {
				// Read as a rule that failed, it sent the analyst looking for a fault in the rules.
				throw ex;
			}
			Map<Scenario, RuleFailure.Customer> customers = new IdentityHashMap<>();
			for (Group each : groups) {
				for (int i = 0; i < each.valid().size(); i++) {
					Scenario scenario = each.valid().get(i);
					customers.put(scenario, new RuleFailure.Customer(each.ruleSet(), each.facts().get(i), whose(scenario)));
				}
			}
			throw RuleFailure.of(group.ruleSet(), group.facts(), ex, "while deciding the scenarios' customers",
					scenarios.stream().map(customers::get).filter(Objects::nonNull).toList());
		}
		List<ScenarioResult> results = new ArrayList<>();
		for (int i = 0; i < group.valid().size(); i++) {
			Scenario scenario = group.valid().get(i);
			Decision decision = decisions.get(i);
			results.add(new ScenarioResult(scenario.file(), scenario.index(), scenario.line(), scenario.name(),
					differences(scenario.expect(), decision), decision.persona(), decision.firedRules()));
		}
		return results;
	}

	/**
	 * Whether {@code failure}, thrown while deciding, is the rules failing rather than the service:
	 * a rule that throws in its then part or in a condition, or rules that never settle, which
	 * RuleFailure names, an eval or accumulate that overflows the stack (RulesOverflowedException), and
	 * anything else the rules engine raises itself while running them (an
	 * {@code eval}, {@code from} or {@code accumulate} that throws comes as a plain
	 * RuntimeException from Drools or MVEL). Not a NullPointerException in the service's own Java.
	 * No deadline applies to scenarios, so no timeout either.
	 * <p>
	 * The engine need not be at the top of the stack: an inline {@code accumulate} or a DRL
	 * {@code function} in the Java dialect throws from classes Drools generates in the rules'
	 * package, under the engine's frames. So the engine met first, from the top, makes it the
	 * rules'; the service's own Java met first makes it a bug: DecisionEngine (its listeners, which
	 * the engine calls, or the conclusions it reads once the rules have settled), or a class of the
	 * facts a {@code from} or {@code accumulate} calls. MVEL wraps what a {@code from} throws, so
	 * each exception of the chain is looked at: the service's Java first in any of them is a bug.
	 */
	static boolean failureOfTheRules(RuntimeException failure) {
		if (failure instanceof ConsequenceException || failure instanceof ConstraintEvaluationException
				|| failure instanceof RulesDidNotSettleException || failure instanceof RuleFailedException
				|| failure instanceof RulesOverflowedException) {
			return true;
		}
		boolean engine = false;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable each = failure; each != null && seen.add(each); each = each.getCause()) {
			for (StackTraceElement frame : each.getStackTrace()) {
				if (RuleFrames.ofTheEngine(frame)) {
					engine = true;
					break;
				}
				if (RuleFrames.ofTheService(frame)) {
					return false;
				}
			}
		}
		return engine;
	}

	/** "scenario "Big spender" (tests/mine.yaml:2, customer c-1)"; a customer without an id is named after the scenario. */
	private static String whose(Scenario scenario) {
		String customer = scenario.customer().customerId();
		return "scenario \"" + scenario.name() + "\" (" + scenario.file() + ":" + scenario.line()
				+ (customer.equals(scenario.name()) ? "" : ", customer " + customer) + ")";
	}

	/**
	 * A failure at the first id in the file the rule set does not know, or null, saying each of
	 * them in the order they are written. An unknown id in an Exclude list would pass whatever the
	 * rules do, and in the others fail without saying why.
	 */
	private static ScenarioResult unknownIds(Scenario scenario, RuleIds ids) {
		Map<String, Places.Place> unknown = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> expected : scenario.expect().ids().entrySet()) {
			String key = expected.getKey();
			String kind = key.startsWith("segment") ? "segment" : key.startsWith("action") ? "action" : "persona";
			RuleIds.Known known = kind.equals("segment") ? ids.segments() : kind.equals("action") ? ids.actions() : ids.personas();
			List<String> named = expected.getValue();
			for (int i = 0; i < named.size(); i++) {
				String id = named.get(i);
				if (!known.contains(id)) {
					// persona names one id; the others a list of them.
					Places.Place at = scenario.places()
						.value(key.equals("persona") ? List.of(Scenario.Spec.EXPECT, key) : List.of(Scenario.Spec.EXPECT, key, i));
					String why = kind.equals("action") ? "no rule recommends it" : "neither in the catalogue nor made by a rule";
					unknown.put(key + ": unknown " + kind + " '" + id + "' (line " + at.line() + "): "
							+ (known.hint(id).isEmpty() ? why : known.hint(id)) + "; known: " + known.describe(), at);
				}
			}
		}
		List<String> inFileOrder = unknown.keySet().stream().sorted(Comparator.comparing(unknown::get, Places.Place.IN_THE_FILE)).toList();
		return unknown.isEmpty() ? null : at(scenario, unknown.get(inFileOrder.get(0)), inFileOrder);
	}

	static List<String> differences(Scenario.Expectation expect, Decision decision) {
		List<String> differences = new ArrayList<>();
		if (expect.persona() != null && !expect.persona().equals(decision.persona())) {
			differences.add("persona: expected " + expect.persona() + ", got " + decision.persona());
		}
		List<String> matched = decision.matchedPersonas().stream().map(Decision.Match::id).toList();
		if (expect.matchedPersonas() != null && !expect.matchedPersonas().equals(matched)) {
			differences.add("matchedPersonas: expected " + expect.matchedPersonas() + ", got " + matched);
		}
		Set<String> segments = new TreeSet<>(decision.segments().stream().map(Decision.Match::id).toList());
		compare("segments", expect.segments(), expect.segmentsInclude(), expect.segmentsExclude(), segments, differences);
		Set<String> actions = new TreeSet<>(decision.recommendations().stream().map(Decision.RecommendedAction::action).toList());
		compare("actions", expect.actions(), expect.actionsInclude(), expect.actionsExclude(), actions, differences);
		return differences;
	}

	private static void compare(String what, List<String> exactly, List<String> include, List<String> exclude,
			Set<String> actual, List<String> differences) {
		if (exactly != null) {
			Set<String> missing = minus(exactly, actual);
			Set<String> unexpected = minus(actual, exactly);
			if (!missing.isEmpty() || !unexpected.isEmpty()) {
				differences.add(what + ": expected exactly " + new TreeSet<>(exactly) + ", got " + actual
						+ describe(missing, unexpected));
			}
		}
		if (include != null) {
			Set<String> missing = minus(include, actual);
			if (!missing.isEmpty()) {
				differences.add(what + ": expected to include " + missing + ", got " + actual);
			}
		}
		if (exclude != null) {
			Set<String> present = new TreeSet<>(exclude);
			present.retainAll(actual);
			if (!present.isEmpty()) {
				differences.add(what + ": expected not to include " + present + ", got " + actual);
			}
		}
	}

	private static String describe(Set<String> missing, Set<String> unexpected) {
		StringBuilder text = new StringBuilder();
		if (!missing.isEmpty()) {
			text.append("; missing ").append(missing);
		}
		if (!unexpected.isEmpty()) {
			text.append("; unexpected ").append(unexpected);
		}
		return text.toString();
	}

	private static Set<String> minus(Collection<String> from, Collection<String> remove) {
		Set<String> result = new LinkedHashSet<>(from);
		result.removeAll(remove);
		return new TreeSet<>(result);
	}

}
