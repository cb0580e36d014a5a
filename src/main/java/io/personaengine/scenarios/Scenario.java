package io.personaengine.scenarios;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.personaengine.facts.CustomerInput;

/**
 * One scenario of {@code rules/tests/*.yaml}: a named customer, the instant to decide as of, and
 * what the rules must decide. {@code file} and {@code line} say where it was written.
 */
public record Scenario(String file, int line, String name, Instant asOf, CustomerInput customer, Expectation expect) {

	/** The scenario as written in YAML, before we know where it came from. */
	record Spec(String name, Instant asOf, CustomerInput customer, Expectation expect) {

		@JsonCreator
		Spec(@JsonProperty(value = "name", required = true) String name,
				@JsonProperty(value = "asOf", required = true) Instant asOf,
				@JsonProperty(value = "customer", required = true) CustomerInput customer,
				@JsonProperty(value = "expect", required = true) Expectation expect) {
			this.name = name;
			this.asOf = asOf;
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

		boolean isEmpty() {
			return this.persona == null && this.matchedPersonas == null && this.segments == null
					&& this.segmentsInclude == null && this.segmentsExclude == null && this.actions == null
					&& this.actionsInclude == null && this.actionsExclude == null;
		}

	}

}
