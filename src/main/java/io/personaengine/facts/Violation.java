package io.personaengine.facts;

/** One thing wrong with the input: the JSON path of the field and why it was refused. */
public record Violation(String field, String reason) {

	public Violation prefixed(String prefix) {
		return new Violation(this.field.isEmpty() ? prefix : prefix + "." + this.field, this.reason);
	}

}
