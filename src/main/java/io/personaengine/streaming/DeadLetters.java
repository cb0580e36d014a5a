package io.personaengine.streaming;

import java.util.List;

import io.personaengine.decisions.RulesDidNotSettleException;
import org.springframework.core.NestedExceptionUtils;

/** The headers a dead letter carries, besides the original key and value. */
public final class DeadLetters {

	/**
	 * Why, in a word: {@code unreadable} (not JSON or not a customer), {@code invalid},
	 * {@code rules-did-not-settle} (the rules kept firing for it: not retried, as a loop is not
	 * transient) or {@code failed} (the rules or the producer failed for it until retries ran out).
	 */
	public static final String REASON = "persona-dlt-reason";

	/**
	 * The same field and reason a REST client would get, as a JSON array of {field, reason}; for
	 * {@code failed} and {@code rules-did-not-settle}, the exception's message with an empty field.
	 */
	public static final String ERRORS = "persona-dlt-errors";

	public static final String ORIGINAL_TOPIC = "persona-dlt-original-topic";

	public static final String ORIGINAL_PARTITION = "persona-dlt-original-partition";

	public static final String ORIGINAL_OFFSET = "persona-dlt-original-offset";

	/** Every value of {@link #REASON}. */
	static final List<String> REASONS = List.of("unreadable", "invalid", "rules-did-not-settle", "failed");

	/** On a decision: the version of the rule set that made it. */
	public static final String RULE_SET_VERSION = "persona-rule-set-version";

	private DeadLetters() {
	}

	/** What went wrong, for a person: the message of the most specific cause (a rule's own exception). */
	static String messageOf(Throwable failure) {
		return String.valueOf(NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
	}

	/** The reason of a record the error handler gives up on: whether the rules looped, or anything else. */
	static String reasonFor(Throwable failure) {
		// Bounded: a chain of causes can loop.
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			if (cause instanceof RulesDidNotSettleException) {
				return "rules-did-not-settle";
			}
		}
		return "failed";
	}

}
