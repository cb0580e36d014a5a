package io.personaengine.decisions;

/**
 * A rule threw while deciding: a fault of the live rules, to be fixed in {@code rules/}, not of
 * the caller nor of the service. The message is one line naming the rule set, the rule with its
 * file and line, and why; the cause is what the rules engine threw.
 */
public class RuleFailedException extends RuntimeException {

	private final String version;

	public RuleFailedException(String version, String message, RuntimeException cause) {
		super(message, cause);
		this.version = version;
	}

	public String version() {
		return this.version;
	}

}
