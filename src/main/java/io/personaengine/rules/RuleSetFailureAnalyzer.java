package io.personaengine.rules;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up with rules that do not compile: say where, without a wall of stack traces. */
class RuleSetFailureAnalyzer extends AbstractFailureAnalyzer<RuleSetException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RuleSetException cause) {
		String problems = cause.problems().stream().map((p) -> "    " + p).collect(Collectors.joining("\n"));
		return new FailureAnalysis("The rules could not be loaded:\n" + problems,
				"Fix the files above (paths are relative to the rules folder, persona.rules.dir) and start again.", cause);
	}

}
