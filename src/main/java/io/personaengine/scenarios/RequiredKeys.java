package io.personaengine.scenarios;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.personaengine.facts.JsonPath;
import io.personaengine.rules.YamlKeys;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The keys every scenario must give, checked here rather than by Jackson: Jackson stops at the
 * first one missing, in its own words ("Missing required creator property"), before it has read
 * the keys it does not know, and a key that is missing is most often one of those, misspelt.
 */
final class RequiredKeys {

	/** A key a scenario must give, and its value in what was read. */
	private record Required(String key, Function<Scenario.Spec, Object> value) {
	}

	/** Each required key, in the order a scenario is written. */
	private static final List<Required> REQUIRED = List.of(new Required(Scenario.Spec.NAME, Scenario.Spec::name),
			new Required(Scenario.Spec.AS_OF, Scenario.Spec::asOf), new Required(Scenario.Spec.CUSTOMER, Scenario.Spec::customer),
			new Required(Scenario.Spec.EXPECT, Scenario.Spec::expect));

	private RequiredKeys() {
	}

	/**
	 * What is wrong with the required keys of scenario {@code index} of the file, which starts at
	 * {@code start} and whose own keys are {@code written}. A required key missing where an unknown
	 * key of the scenario is close to it fails once, at that key, which is probably it misspelt;
	 * the others missing fail together where the scenario starts; and a required key written
	 * without a value ({@code customer:} with nothing under it) fails at its line. {@code spec} is
	 * the scenario as read, null if it could not be, when only missing keys can be told.
	 */
	static Checked check(String file, int index, TokenStreamLocation start, List<YamlKeys.Key> written, Scenario.Spec spec) {
		List<String> names = written.stream().map(YamlKeys.Key::name).toList();
		Map<String, TokenStreamLocation> unknown = new LinkedHashMap<>();
		written.stream()
			.filter((key) -> !Scenario.Spec.KEYS.contains(key.name()))
			.forEach((key) -> unknown.putIfAbsent(key.name(), key.at()));
		String scenario = (spec != null && spec.name() != null) ? "scenario \"" + spec.name() + "\"" : "the scenario";
		List<String> missing = new ArrayList<>();
		List<ScenarioResult> failures = new ArrayList<>();
		Set<String> misspelt = new HashSet<>();
		for (Required required : REQUIRED) {
			String key = required.key();
			String meant = names.contains(key) ? null : YamlKeys.closest(key, unknown.keySet());
			if (meant != null) {
				TokenStreamLocation at = unknown.remove(meant);
				misspelt.add(meant);
				failures.add(ScenarioFiles.failure(file, index, at, "'" + meant + "' is probably the required key '" + key + "'"
						+ (meant.equalsIgnoreCase(key) ? " (keys are case-sensitive)" : ", misspelt")));
			}
			else if (!names.contains(key)) {
				missing.add(scenario + " is missing the required key '" + key + "'");
			}
			else if (spec != null && required.value().apply(spec) == null) {
				failures.add(ScenarioFiles.failure(file, index, written.get(names.indexOf(key)).at(),
						scenario + " gives no value for the required key '" + key + "'"));
			}
		}
		if (!missing.isEmpty()) {
			failures.add(0, new ScenarioResult(file, index, start.getLineNr(), start.getColumnNr(), ScenarioFiles.UNREADABLE, missing,
					null, List.of()));
		}
		return new Checked(failures, misspelt);
	}

	/**
	 * The failures of a scenario's required keys, and the unknown keys of the scenario they say
	 * are a required key misspelt: said once, not again as unknown keys.
	 */
	record Checked(List<ScenarioResult> failures, Set<String> misspelt) {

		/** Whether {@code problem} is one of the scenario's own keys that is not known, already said as misspelt. */
		boolean misspelt(DatabindException problem) {
			return problem instanceof UnrecognizedPropertyException unknown && JsonPath.steps(unknown).size() == 1
					&& this.misspelt.contains(unknown.getPropertyName());
		}

	}

}
