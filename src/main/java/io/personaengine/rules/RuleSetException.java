package io.personaengine.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set that cannot be used, with every problem found in it. */
public class RuleSetException extends RuntimeException {

	private static final String CANNOT_READ = "Cannot read rules";

	private final transient List<RuleProblem> problems;

	private final boolean unreadable;

	public RuleSetException(String summary, List<RuleProblem> problems) {
		this(summary, problems, false);
	}

	private RuleSetException(String summary, List<RuleProblem> problems, boolean unreadable) {
		super(summary + ":\n" + problems.stream().map((p) -> "  " + p).collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
		this.unreadable = unreadable;
	}

	/** The rules folder could not be read (not a folder, a link leading nowhere, ...): nothing was compiled. */
	public static RuleSetException unreadable(List<RuleProblem> problems) {
		return new RuleSetException(CANNOT_READ, problems, true);
	}

	public List<RuleProblem> problems() {
		return this.problems;
	}

	/**
	 * The line a command heads the problems with: a folder that could not be read was said to
	 * "not compile", which sent an operator to look for a mistake in rules never read.
	 */
	public String headline(Object rulesDir) {
		return "The rules in " + rulesDir + (this.unreadable ? " cannot be read:" : " do not compile:");
	}

}
