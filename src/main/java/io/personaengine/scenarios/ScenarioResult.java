package io.personaengine.scenarios;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How one scenario went: {@code differences} is empty when it passed, otherwise each line says
 * what was expected and what the rules decided. {@code firedRules} explains the decision. The
 * line is the scenario's, or that of what fails it; the column (0 when none is given) is that of
 * what fails it, counted from 1 as every problem's. {@code scenario} is the scenario's place in
 * its file's list, from 0, or {@link #OF_THE_FILE}: a scenario with several problems has a result
 * at each, and is one scenario all the same ({@link Count}).
 */
public record ScenarioResult(String file, int scenario, int line, int column, String name, List<String> differences,
		String persona, List<String> firedRules) {

	/** The {@code scenario} of a problem of the file itself, in none of its scenarios: each counts on its own. */
	static final int OF_THE_FILE = -1;

	public ScenarioResult(String file, int scenario, int line, String name, List<String> differences, String persona,
			List<String> firedRules) {
		this(file, scenario, line, 0, name, differences, persona, firedRules);
	}

	public boolean passed() {
		return this.differences.isEmpty();
	}

	/** file:line:column, as a rule problem is placed; without the column or line when not known. */
	public String where() {
		String where = (this.line > 0) ? this.file + ":" + this.line : this.file;
		return (this.line > 0 && this.column > 0) ? where + ":" + this.column : where;
	}

	/**
	 * Scenarios that passed and failed: one that fails at three misspelt keys is one failure, not
	 * three. A problem of the file itself is one failure.
	 */
	public record Count(int passed, int failed) {

		public static Count of(List<ScenarioResult> results) {
			Set<List<Object>> failedScenarios = new HashSet<>();
			int ofTheFile = 0;
			int passed = 0;
			for (ScenarioResult result : results) {
				if (result.passed()) {
					passed++;
				}
				else if (result.scenario() == OF_THE_FILE) {
					// Counted, not kept in the set: two that read alike are two problems all the same.
					ofTheFile++;
				}
				else {
					failedScenarios.add(List.of(result.file(), result.scenario()));
				}
			}
			return new Count(passed, failedScenarios.size() + ofTheFile);
		}

		public int run() {
			return this.passed + this.failed;
		}

	}

}
