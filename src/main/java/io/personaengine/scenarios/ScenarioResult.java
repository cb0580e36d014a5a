package io.personaengine.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
	 * The failing results, a list for each scenario that failed holding its problems in the order
	 * of {@code results}, the scenarios in the order of their first problem; a problem of the file
	 * itself is a list of its own, even beside one that reads alike. What {@link Count} counts.
	 */
	public static List<List<ScenarioResult>> failing(List<ScenarioResult> results) {
		Map<List<Object>, List<ScenarioResult>> byScenario = new LinkedHashMap<>();
		List<List<ScenarioResult>> failing = new ArrayList<>();
		for (ScenarioResult result : results) {
			if (result.passed()) {
				continue;
			}
			if (result.scenario() == OF_THE_FILE) {
				failing.add(List.of(result));
			}
			else {
				byScenario.computeIfAbsent(List.of(result.file(), result.scenario()), (scenario) -> {
					List<ScenarioResult> problems = new ArrayList<>();
					failing.add(problems);
					return problems;
				}).add(result);
			}
		}
		return failing.stream().map(List::copyOf).toList();
	}

	/**
	 * Scenarios that passed and failed: one that fails at three misspelt keys is one failure, not
	 * three. A problem of the file itself is one failure.
	 */
	public record Count(int passed, int failed) {

		public static Count of(List<ScenarioResult> results) {
			int passed = (int) results.stream().filter(ScenarioResult::passed).count();
			return new Count(passed, failing(results).size());
		}

		public int run() {
			return this.passed + this.failed;
		}

	}

}
