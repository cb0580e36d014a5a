package io.personaengine.decisions;

/** A rule set kept firing: almost always a rule that re-triggers itself. */
public class RulesDidNotSettleException extends RuntimeException {

	private final String version;

	public RulesDidNotSettleException(String version, int firings) {
		super("rule set " + version + " fired " + firings
				+ " rules without settling; a rule probably re-triggers itself (check modify and insert in rule actions)");
		this.version = version;
	}

	public String version() {
		return this.version;
	}

}
