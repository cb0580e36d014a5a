package io.personaengine.streaming;

/** The headers a dead letter carries, besides the original key and value. */
public final class DeadLetters {

	/**
	 * Why in one word: {@code unreadable} (not JSON or not a customer), {@code invalid}, or
	 * {@code failed} (the rules or the producer failed for it until retries ran out).
	 */
	public static final String REASON = "persona-dlt-reason";

	/**
	 * The same field and reason a REST client would get, as a JSON array of {field, reason}; for
	 * {@code failed}, the exception's message with an empty field.
	 */
	public static final String ERRORS = "persona-dlt-errors";

	public static final String ORIGINAL_TOPIC = "persona-dlt-original-topic";

	public static final String ORIGINAL_PARTITION = "persona-dlt-original-partition";

	public static final String ORIGINAL_OFFSET = "persona-dlt-original-offset";

	/** On a decision: the version of the rule set that made it. */
	public static final String RULE_SET_VERSION = "persona-rule-set-version";

	private DeadLetters() {
	}

}
