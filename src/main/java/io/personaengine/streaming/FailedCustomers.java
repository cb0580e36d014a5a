package io.personaengine.streaming;

import io.micrometer.core.instrument.MeterRegistry;
import io.personaengine.facts.CustomerIds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaUtils;

/**
 * What the error handler does with a customer it could not decide or send, and what it says:
 * each retry is one line at WARN, since a retry may succeed; when it gives up, the customer is
 * dead-lettered, counted in {@code persona_kafka_dead_letters_total} and logged in one line at
 * ERROR with the reason, since that customer stays undecided until someone acts. A rule that
 * threw is named as REST names it, with its file and line ({@link DeadLetters#messageOf}). No
 * stack trace, as it says nothing an operator needs that the line does not (the dead letter
 * carries it, in its {@code kafka_dlt-exception-stacktrace} header), except for a bug, as over
 * REST: there it is where in the code it happened.
 */
final class FailedCustomers implements ConsumerRecordRecoverer, RetryListener, BackOffHandler {

	private static final Logger log = LoggerFactory.getLogger(FailedCustomers.class);

	private final ConsumerRecordRecoverer deadLetters;

	private final MeterRegistry meters;

	private final StreamingProperties properties;

	private final BackOffHandler backOff = new DefaultBackOffHandler();

	/**
	 * The delivery that just failed. The handler tells it to every retry listener, then waits
	 * before a retry or dead-letters at once: only the wait says that a retry follows. Both on the
	 * consumer's thread, and one handler serves every consumer.
	 */
	private final ThreadLocal<Delivery> failed = new ThreadLocal<>();

	FailedCustomers(ConsumerRecordRecoverer deadLetters, MeterRegistry meters, StreamingProperties properties) {
		this.deadLetters = deadLetters;
		this.meters = meters;
		this.properties = properties;
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		this.failed.set(new Delivery(record, deliveryAttempt));
	}

	@Override
	public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
		Delivery delivery = this.failed.get();
		this.failed.remove();
		if (delivery != null) {
			log.warn("Customer {} ({}) failed on delivery {} of {}; retried in {} ms: {}", keyOf(delivery.record()),
					KafkaUtils.format(delivery.record()), delivery.attempt(), this.properties.retries() + 1, nextBackOff,
					DeadLetters.messageOf(exception));
		}
		this.backOff.onNextBackOff(container, exception, nextBackOff);
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception ex) {
		this.failed.remove();
		this.deadLetters.accept(record, ex);
		String reason = DeadLetters.reasonFor(ex);
		CustomerListener.deadLetterCounted(this.meters, reason);
		log.error("Customer {} ({}) is dead-lettered to {} with reason {}: {}", keyOf(record), KafkaUtils.format(record),
				// A throwable last, beyond the placeholders, is logged with its stack trace; null is not.
				this.properties.deadLetterTopic(), reason, DeadLetters.messageOf(ex), DeadLetters.isBug(ex) ? ex : null);
	}

	/** The record's key, the customer's id by the topic's contract, as a log line names one. */
	private static String keyOf(ConsumerRecord<?, ?> record) {
		return CustomerIds.inMessage(String.valueOf(record.key()));
	}

	private record Delivery(ConsumerRecord<?, ?> record, int attempt) {
	}

}
