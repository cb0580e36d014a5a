package io.personaengine.streaming;

import java.util.List;
import java.util.concurrent.TimeoutException;

import io.personaengine.decisions.DecisionTimeoutException;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.decisions.RulesDidNotSettleException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.NestedExceptionUtils;

/** The headers a dead letter carries, besides the original key, value and headers. */
public final class DeadLetters {

	/**
	 * Why, in a word: {@code unreadable} (not JSON or not a customer), {@code invalid},
	 * {@code rules-did-not-settle} (the rules kept firing for it: not retried, as a loop is not
	 * transient) or {@code failed} (the rules or the producer failed for it until retries ran out).
	 */
	public static final String REASON = "persona-dlt-reason";

	/**
	 * The same field and reason a REST client would get, as a JSON array of {field, reason}; for
	 * {@code failed} and {@code rules-did-not-settle}, what failed ({@link #messageOf}) with an
	 * empty field.
	 */
	public static final String ERRORS = "persona-dlt-errors";

	public static final String ORIGINAL_TOPIC = "persona-dlt-original-topic";

	public static final String ORIGINAL_PARTITION = "persona-dlt-original-partition";

	public static final String ORIGINAL_OFFSET = "persona-dlt-original-offset";

	/** Every value of {@link #REASON}. */
	static final List<String> REASONS = List.of("unreadable", "invalid", "rules-did-not-settle", "failed");

	/** On a decision: the version of the rule set that made it. */
	public static final String RULE_SET_VERSION = "persona-rule-set-version";

	/** The dead-letter headers of a failure: this service's, and Spring Kafka's ({@code kafka_dlt-exception-message}...). */
	private static final List<String> OF_A_FAILURE = List.of("persona-dlt-", "kafka_dlt-");

	private DeadLetters() {
	}

	/**
	 * The headers of a record that its dead letter carries: all its own, the W3C trace context
	 * ({@code traceparent}, {@code tracestate}) and whatever else its producer set, so that the dead
	 * letter stays in the record's trace, but the dead-letter headers of an earlier failure, on a
	 * dead letter published again, which give way to this failure's.
	 */
	static Headers ownHeaders(ConsumerRecord<?, ?> record) {
		RecordHeaders own = new RecordHeaders();
		for (Header header : record.headers()) {
			if (OF_A_FAILURE.stream().noneMatch(header.key()::startsWith)) {
				own.add(header);
			}
		}
		return own;
	}

	/**
	 * {@code record} with its {@link #ownHeaders own headers} alone, for Spring Kafka's recoverer,
	 * which copies a record's headers onto its dead letter and adds its own and ours after them.
	 */
	static <K, V> ConsumerRecord<K, V> withOwnHeaders(ConsumerRecord<K, V> record) {
		return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
				record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
				record.value(), ownHeaders(record), record.leaderEpoch());
	}

	/**
	 * What went wrong, for a person: a rule that threw as the service words it everywhere (the rule
	 * set, the rule with its file and line, and why: RuleFailure.named), or the rules' loop or
	 * timeout; anything else by the message of its most specific cause.
	 */
	static String messageOf(Throwable failure) {
		Throwable ofTheRules = causeOf(failure, RuleFailedException.class, RulesDidNotSettleException.class,
				DecisionTimeoutException.class);
		return String.valueOf(
				((ofTheRules != null) ? ofTheRules : NestedExceptionUtils.getMostSpecificCause(failure)).getMessage());
	}

	/** The reason of a record the error handler gives up on: whether the rules looped, or anything else. */
	static String reasonFor(Throwable failure) {
		return (causeOf(failure, RulesDidNotSettleException.class) != null) ? "rules-did-not-settle" : "failed";
	}

	/**
	 * Whether {@code failure} is a bug: neither the rules' (a rule that threw, a loop, a timeout)
	 * nor Kafka's (the producer or the broker, or no acknowledgement in time). Only then does the
	 * stack trace say something, where in the code it happened, as for a bug over REST.
	 */
	static boolean isBug(Throwable failure) {
		return causeOf(failure, RuleFailedException.class, RulesDidNotSettleException.class, DecisionTimeoutException.class,
				KafkaException.class, TimeoutException.class) == null;
	}

	/** The first of {@code failure}'s causes, itself included, of one of {@code types}; null if none. */
	@SafeVarargs
	private static Throwable causeOf(Throwable failure, Class<? extends Throwable>... types) {
		// Bounded: a chain of causes can loop.
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return cause;
				}
			}
		}
		return null;
	}

}
