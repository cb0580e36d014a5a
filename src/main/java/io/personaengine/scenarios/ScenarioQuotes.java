package io.personaengine.scenarios;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.personaengine.facts.JsonPath;
import io.personaengine.facts.JsonProblems;
import io.personaengine.rules.YamlQuotes;

/**
 * The values of a scenario file written in quotes. YAML reads one as a text, whatever it looks
 * like: where a scenario takes a number or true or false ({@code total: "12.50"}) it is refused,
 * as the REST API refuses a number sent as a string and thresholds.yaml one in quotes. Written
 * without quotes, {@code .5}, {@code +100} and {@code True} are the numbers and booleans YAML
 * writes so, which Jackson hands over as texts too: they are read, as thresholds.yaml reads them.
 */
final class ScenarioQuotes {

	/** Where the scenarios are in the file: item {@code index} of its list is at {@code scenarios, index}. */
	private static final String SCENARIOS = "scenarios";

	private final List<YamlQuotes.Quoted> quoted;

	private ScenarioQuotes(List<YamlQuotes.Quoted> quoted) {
		this.quoted = quoted;
	}

	/** The values in quotes of a file, read once for all its scenarios. */
	static ScenarioQuotes of(byte[] content) {
		return new ScenarioQuotes(YamlQuotes.in(content));
	}

	/**
	 * A failure for each value in quotes of scenario {@code index} where it takes a number or true
	 * or false, at the value, said as a value of the wrong kind is ("invalid value '"12.50"':
	 * expected a number, written without quotes (at customer.orders[0].total)"); pinned thresholds aside, which are
	 * refused when they are pinned ({@link #pins}).
	 */
	List<ScenarioResult> refused(String file, int index) {
		List<ScenarioResult> refused = new ArrayList<>();
		for (YamlQuotes.Quoted value : this.quoted) {
			List<Object> steps = steps(value, index);
			Class<?> type = (steps != null) ? typeAt(steps) : null;
			if (type != null && (type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class)) {
				refused.add(new ScenarioResult(file, index, value.line(), value.column(), ScenarioFiles.UNREADABLE,
						List.of(JsonProblems.quotedFor(value.text(), type) + " (at " + JsonPath.of(steps) + ")"), null, List.of()));
			}
		}
		return refused;
	}

	/**
	 * The thresholds scenario {@code index} pins, those written in quotes marked so: {@code ".5"}
	 * is refused where {@code .5} is pinned, though both read as a text.
	 */
	Map<String, Object> pins(Map<String, Object> pins, int index) {
		Map<String, Object> marked = new HashMap<>(pins);
		for (YamlQuotes.Quoted value : this.quoted) {
			List<Object> steps = steps(value, index);
			if (steps != null && steps.size() == 2 && steps.get(0).equals(Scenario.Spec.THRESHOLDS)) {
				marked.computeIfPresent(String.valueOf(steps.get(1)), (name, text) -> new ScenarioRunner.InQuotes(value.text()));
			}
		}
		return Map.copyOf(marked);
	}

	/** The path of {@code value} from scenario {@code index}, or null when it is not in that scenario. */
	private static List<Object> steps(YamlQuotes.Quoted value, int index) {
		List<Object> path = value.path();
		return (path.size() > 2 && SCENARIOS.equals(path.get(0)) && Integer.valueOf(index).equals(path.get(1)))
				? path.subList(2, path.size()) : null;
	}

	/**
	 * The type a scenario reads the value at {@code steps} as: of a record, the component its key
	 * names (the scenario's records are read by their components' names); of a list, its elements.
	 * Null where the scenario takes no such value, or any ({@code thresholds}, whose pins are typed
	 * when they are pinned).
	 */
	private static Class<?> typeAt(List<Object> steps) {
		Type type = Scenario.Spec.class;
		for (Object step : steps) {
			if (step instanceof Integer && type instanceof ParameterizedType list && list.getRawType() == List.class) {
				type = list.getActualTypeArguments()[0];
			}
			else if (step instanceof String key && type instanceof Class<?> record && record.isRecord()) {
				type = component(record, key);
			}
			else {
				return null;
			}
		}
		return (type instanceof Class<?> found) ? found : null;
	}

	private static Type component(Class<?> record, String key) {
		for (RecordComponent component : record.getRecordComponents()) {
			if (component.getName().equals(key)) {
				return component.getGenericType();
			}
		}
		return null;
	}

}
