package io.personaengine.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be used, with every problem found in it. */
public class RuleSetException extends RuntimeException {

	private final transient List<RuleProblem> problems;

	public RuleSetException(String summary, List<RuleProblem> problems) {
		super(summary + ":\n" + problems.stream().map((p) -> "  " + p).collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
	}

	public List<RuleProblem> problems() {
		return this.problems;
	}

}
