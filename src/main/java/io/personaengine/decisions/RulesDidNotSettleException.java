package io.personaengine.decisions;

import java.util.function.Supplier;

/**
 * A rule set kept firing: almost always a rule that re-triggers itself. Its message names the
 * customer and the rule that kept firing for it (DecisionEngine).
 */
public class RulesDidNotSettleException extends RuntimeException {

	private final String version;

	private Supplier<String> naming;

	private String message;

	/**
	 * @param message worked out when first read: naming the rule runs the rules again
	 * ({@link Recount}), which a caller that only needs to know that they did not settle, such as
	 * the Kafka listener before it decides a poll's customers one by one, should not pay for. It
	 * is held to the deadline of the call that failed, so whoever tells it reads it at once.
	 */
	RulesDidNotSettleException(String version, Supplier<String> message) {
		super((String) null);
		this.version = version;
		this.naming = message;
	}

	public String version() {
		return this.version;
	}

	@Override
	public synchronized String getMessage() {
		if (this.naming != null) {
			this.message = this.naming.get();
			this.naming = null;
		}
		return this.message;
	}

}
