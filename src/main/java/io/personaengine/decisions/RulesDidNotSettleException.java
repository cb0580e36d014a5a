package io.personaengine.decisions;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.function.Supplier;

/**
 * A rule set kept firing: almost always a rule that re-triggers itself. Its message names the
 * customer and the rule that kept firing for it (DecisionEngine).
 */
public class RulesDidNotSettleException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String version;

	/** What is known without working the message out: said if that fails. */
	private final String fallback;

	/** Not serialized: it holds a rule set and facts; the message is worked out before writing. */
	private transient Supplier<String> naming;

	private String message;

	/**
	 * @param fallback the message if working out {@code message} fails: the customer, how often the
	 * rules fired and the rule that fired most, known when the rules are halted
	 * @param message worked out when first read: naming the rule runs the rules again
	 * ({@link Recount}), which a caller that only needs to know that they did not settle, such as
	 * the Kafka listener before it decides a poll's customers one by one, should not pay for. It
	 * is held to the deadline of the call that failed, so whoever tells it reads it at once. It
	 * should hold copies of what it needs, not a caller's list: the exception may be kept long.
	 */
	RulesDidNotSettleException(String version, String fallback, Supplier<String> message) {
		super((String) null);
		this.version = version;
		this.fallback = fallback;
		this.naming = message;
	}

	public String version() {
		return this.version;
	}

	/**
	 * Worked out once. Read in log calls and exception handlers, so it never throws: if working it
	 * out fails, it is the fallback, for good.
	 */
	@Override
	public synchronized String getMessage() {
		if (this.naming != null) {
			Supplier<String> naming = this.naming;
			this.naming = null;
			try {
				this.message = naming.get();
			}
			catch (RuntimeException ex) {
				this.message = null;
			}
		}
		return (this.message != null) ? this.message : this.fallback;
	}

	private synchronized void writeObject(ObjectOutputStream out) throws IOException {
		getMessage();
		out.defaultWriteObject();
	}

}
