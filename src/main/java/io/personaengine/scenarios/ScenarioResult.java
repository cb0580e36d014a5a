package io.personaengine.scenarios;

import java.util.List;

/**
 * How one scenario went: {@code differences} is empty when it passed, otherwise each line says
 * what was expected and what the rules decided. {@code firedRules} explains the decision. The
 * line is the scenario's, or that of what fails it; the column (0 when none is given) is that of
 * what fails it, counted from 1 as every problem's.
 */
public record ScenarioResult(String file, int line, int column, String name, List<String> differences, String persona,
		List<String> firedRules) {

	public ScenarioResult(String file, int line, String name, List<String> differences, String persona,
			List<String> firedRules) {
		this(file, line, 0, name, differences, persona, firedRules);
	}

	public boolean passed() {
		return this.differences.isEmpty();
	}

	/** file:line:column, as a rule problem is placed; without the column or line when not known. */
	public String where() {
		String where = (this.line > 0) ? this.file + ":" + this.line : this.file;
		return (this.line > 0 && this.column > 0) ? where + ":" + this.column : where;
	}

}
