package io.personaengine.decisions;

/**
 * A rule set kept firing: almost always a rule that re-triggers itself. Its message names the
 * customer and the rule that fired most for it (DecisionEngine).
 */
public class RulesDidNotSettleException extends RuntimeException {

	private final String version;

	RulesDidNotSettleException(String version, String message) {
		super(message);
		this.version = version;
	}

	public String version() {
		return this.version;
	}

}
