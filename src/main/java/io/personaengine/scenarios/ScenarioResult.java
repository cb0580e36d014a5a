package io.personaengine.scenarios;

import java.util.List;

/**
 * How one scenario went: {@code differences} is empty when it passed, otherwise each line says
 * what was expected and what the rules decided. {@code firedRules} explains the decision.
 */
public record ScenarioResult(String file, int line, String name, List<String> differences, String persona,
		List<String> firedRules) {

	public boolean passed() {
		return this.differences.isEmpty();
	}

	public String where() {
		return (this.line > 0) ? this.file + ":" + this.line : this.file;
	}

}
