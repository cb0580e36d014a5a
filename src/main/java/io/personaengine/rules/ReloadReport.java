package io.personaengine.rules;

import java.time.Instant;
import java.util.List;

import io.personaengine.scenarios.ScenarioResult;

/**
 * What became of a candidate rule set: {@code LOADED} (now live), {@code UNCHANGED} (same content
 * as the live one), {@code REJECTED} (does not compile, or a scenario failed: the live rules keep
 * serving), or {@code VALID} (checked only, by validate). A validation answers the same report a
 * reload would, without going live. {@code warnings}: what the candidate would go live with that
 * an analyst should put right (a segment the catalogue does not describe), refused or not.
 */
public record ReloadReport(Outcome outcome, String version, String liveVersion, String reason, Instant at,
		long durationMillis, List<RuleProblem> problems, List<RuleProblem> warnings, int scenariosRun,
		List<FailedScenario> failedScenarios) {

	public enum Outcome {

		LOADED, UNCHANGED, REJECTED, VALID

	}

	/**
	 * A scenario that failed, once however many of its problems: {@code where} is its first
	 * problem's place and {@code differences} all of them, in the order written, so that the list
	 * counts what {@code scenariosRun} and the summary count.
	 */
	public record FailedScenario(String where, String name, List<String> differences, List<String> firedRules) {

		/**
		 * The failure of the scenario {@code problems} are of ({@link ScenarioResult#failing}).
		 * Several are each said at their place, as test-rules says them on their own lines: the
		 * entry has a place only for the first.
		 */
		static FailedScenario of(List<ScenarioResult> problems) {
			ScenarioResult first = problems.get(0);
			if (problems.size() == 1) {
				return new FailedScenario(first.where(), first.name(), first.differences(), first.firedRules());
			}
			List<String> differences = problems.stream()
				.flatMap((problem) -> problem.differences().stream().map((difference) -> problem.where() + ": " + difference))
				.toList();
			List<String> firedRules = problems.stream().flatMap((problem) -> problem.firedRules().stream()).distinct().toList();
			return new FailedScenario(first.where(), first.name(), differences, firedRules);
		}

	}

	public boolean rejected() {
		return this.outcome == Outcome.REJECTED;
	}

	/**
	 * What was rejected, for a sentence: the candidate by its version, or the folder, when it could
	 * not be read and so the candidate has no version (it read "Rule set null").
	 */
	public String rejection() {
		return (this.version != null) ? "Rule set " + this.version + " was rejected" : FOLDER_NOT_READ;
	}

	private static final String FOLDER_NOT_READ = "The rules folder could not be read";

	/** One paragraph for the log: what was wrong and where. */
	String describe() {
		String what = (this.version != null) ? "Rule set " + this.version + " rejected" : FOLDER_NOT_READ;
		return what + " (" + this.reason + "); " + this.liveVersion + " keeps serving." + findings();
	}

	/** What was wrong, a line each: the same for the same candidate failing the same way. */
	String findings() {
		StringBuilder text = new StringBuilder();
		this.problems.forEach((problem) -> text.append("\n  ").append(problem));
		this.failedScenarios.forEach((failed) -> {
			text.append("\n  scenario ").append(failed.where()).append(" ").append(failed.name());
			failed.differences().forEach((difference) -> text.append("\n    ").append(difference));
		});
		return text.toString();
	}

}
