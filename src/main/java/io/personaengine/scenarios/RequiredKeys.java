package io.personaengine.scenarios;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.personaengine.rules.YamlKeys;
import org.apache.commons.text.similarity.LevenshteinDistance;
import tools.jackson.core.TokenStreamLocation;

/**
 * The keys every scenario must give, checked here rather than by Jackson: Jackson stops at the
 * first one missing, in its own words ("Missing required creator property"), before it has read
 * the keys it does not know, and a key that is missing is most often one of those, misspelt.
 */
final class RequiredKeys {

	/** Each required key, in the order a scenario is written, with its value in what was read. */
	private static final Map<String, Function<Scenario.Spec, Object>> REQUIRED = new LinkedHashMap<>();

	static {
		REQUIRED.put("name", Scenario.Spec::name);
		REQUIRED.put("asOf", Scenario.Spec::asOf);
		REQUIRED.put("customer", Scenario.Spec::customer);
		REQUIRED.put("expect", Scenario.Spec::expect);
	}

	/** Every key a scenario takes; the others are unknown, and may be a required one misspelt. */
	private static final List<String> KNOWN = List.of("name", "asOf", "thresholds", "customer", "expect");

	/** Edits that still make a key a likely misspelling of another: "asof", "aOf", "asOff" for "asOf". */
	private static final int CLOSE = 2;

	/** Levenshtein's, giving up (-1) past {@link #CLOSE}. */
	private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(CLOSE);

	private RequiredKeys() {
	}

	/**
	 * The failures of a scenario that starts at {@code start} and whose own keys are
	 * {@code written}: one, where it starts, naming every required key it lacks, each with the
	 * unknown key of the scenario it is probably misspelt as; and one at each required key written
	 * without a value ({@code customer:} with nothing under it). {@code spec} is the scenario as
	 * read, null if it could not be, when only missing keys can be told.
	 */
	static List<ScenarioResult> check(String file, TokenStreamLocation start, List<YamlKeys.Key> written, Scenario.Spec spec) {
		List<String> names = written.stream().map(YamlKeys.Key::name).toList();
		List<String> unknown = names.stream().filter((name) -> !KNOWN.contains(name)).toList();
		String scenario = (spec != null && spec.name() != null) ? "scenario \"" + spec.name() + "\"" : "the scenario";
		List<String> missing = new ArrayList<>();
		List<ScenarioResult> failures = new ArrayList<>();
		REQUIRED.forEach((key, value) -> {
			if (!names.contains(key)) {
				missing.add(scenario + " is missing the required key '" + key + "'" + meant(key, unknown));
			}
			else if (spec != null && value.apply(spec) == null) {
				TokenStreamLocation at = written.get(names.indexOf(key)).at();
				failures.add(new ScenarioResult(file, at.getLineNr(), at.getColumnNr(), ScenarioFiles.UNREADABLE,
						List.of(scenario + " gives no value for the required key '" + key + "'"), null, List.of()));
			}
		});
		if (!missing.isEmpty()) {
			failures.add(0, new ScenarioResult(file, start.getLineNr(), start.getColumnNr(), ScenarioFiles.UNREADABLE, missing, null, List.of()));
		}
		return failures;
	}

	/** " (did you mean 'asOf' for 'asof'?)" for the unknown key closest to {@code key}, if any is close. */
	private static String meant(String key, List<String> unknown) {
		String closest = closest(key, unknown);
		return (closest != null) ? " (did you mean '" + key + "' for '" + closest + "'?)" : "";
	}

	/**
	 * The one of {@code candidates} {@code key} is most likely a misspelling of, or the other way
	 * round: at most two characters inserted, deleted or replaced, case aside; null if none is.
	 */
	static String closest(String key, Collection<String> candidates) {
		String closest = null;
		int best = CLOSE + 1;
		for (String candidate : candidates) {
			int distance = DISTANCE.apply(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
			if (distance >= 0 && distance < best) {
				closest = candidate;
				best = distance;
			}
		}
		return closest;
	}

}
