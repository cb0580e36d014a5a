package io.personaengine.scenarios;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.personaengine.facts.CustomerInput;

/**
 * One scenario of {@code rules/tests/*.yaml}: a named customer, the instant to decide as of, and
 * what the rules must decide. {@code file}, {@code index} (in the file's list, from 0) and
 * {@code line} say where it was written; {@code places} where its parts are, for the failures that
 * name one.
 */
public record Scenario(String file, int index, int line, String name, Instant asOf, Map<String, Object> thresholds,
		CustomerInput customer, Expectation expect, Places places) {

	/**
	 * The scenario as written in YAML, before we know where it came from. {@code thresholds}
	 * pins the values a scenario tests at (a boundary at AOV 100.00 stays at 100.00 when the
	 * store's AOV moves); the others come from the rule set under test. name, asOf, customer and
	 * expect are required, checked by {@link RequiredKeys}: null here when missing.
	 */
	record Spec(String name, Instant asOf, Map<String, Object> thresholds, CustomerInput customer, Expectation expect) {

		// The keys as written, named once here for Jackson and for RequiredKeys alike.
		static final String NAME = "name";

		static final String AS_OF = "asOf";

		static final String THRESHOLDS = "thresholds";

		static final String CUSTOMER = "customer";

		static final String EXPECT = "expect";

		/** Every key a scenario takes; any other is unknown, and may be a required one misspelt. */
		static final List<String> KEYS = List.of(NAME, AS_OF, THRESHOLDS, CUSTOMER, EXPECT);

		@JsonCreator
		Spec(@JsonProperty(NAME) String name,
				@JsonProperty(AS_OF) Instant asOf,
				@JsonProperty(THRESHOLDS) Map<String, Object> thresholds,
				@JsonProperty(CUSTOMER) CustomerInput customer,
				@JsonProperty(EXPECT) Expectation expect) {
			this.name = name;
			this.asOf = asOf;
			this.thresholds = (thresholds != null) ? Map.copyOf(thresholds) : Map.of();
			this.customer = customer;
			this.expect = expect;
		}

	}

	/**
	 * What must hold. {@code segments} and {@code actions} are exact sets; the Include and Exclude
	 * forms check only what they name. {@code matchedPersonas} is exact and ordered.
	 */
	public record Expectation(String persona, List<String> matchedPersonas, List<String> segments,
			List<String> segmentsInclude, List<String> segmentsExclude, List<String> actions, List<String> actionsInclude,
			List<String> actionsExclude) {

		/** Each expectation that names ids, by key, with the ids it names (persona is one). */
		Map<String, List<String>> ids() {
			Map<String, List<String>> ids = new java.util.LinkedHashMap<>();
			ids.put("persona", (this.persona != null) ? List.of(this.persona) : null);
			ids.put("matchedPersonas", this.matchedPersonas);
			ids.put("segments", this.segments);
			ids.put("segmentsInclude", this.segmentsInclude);
			ids.put("segmentsExclude", this.segmentsExclude);
			ids.put("actions", this.actions);
			ids.put("actionsInclude", this.actionsInclude);
			ids.put("actionsExclude", this.actionsExclude);
			ids.values().removeIf(java.util.Objects::isNull);
			return ids;
		}

		boolean isEmpty() {
			return this.persona == null && this.matchedPersonas == null && this.segments == null
					&& this.segmentsInclude == null && this.segmentsExclude == null && this.actions == null
					&& this.actionsInclude == null && this.actionsExclude == null;
		}

	}

}
