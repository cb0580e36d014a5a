package io.personaengine.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionService;
import io.personaengine.facts.CustomerIds;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.JsonProblems;
import io.personaengine.facts.Violation;
import io.personaengine.metrics.DecisionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides each poll of customers together ({@code DecisionEngine} splits them into rules
 * executions). A record that cannot be read or is invalid becomes a dead letter at once, with the
 * field and reason in its headers; the others become decisions. The method returns only when the broker has acknowledged all of them, so the
 * offsets committed after it never cover a record whose outcome could be lost.
 * <p>
 * When something fails, it names the first record it could not settle in a
 * {@link BatchListenerFailedException}: the records before it have been acknowledged, so their
 * offsets are committed; that record alone is retried and finally dead-lettered (at once if the
 * rules looped for it, which no retry changes); the ones after it are delivered again. If the rules fail for the poll, the customers are decided one by one to
 * find the one they fail for, and nothing after it is sent, so that no record gets two outcomes.
 */
class CustomerListener {

	private static final Logger log = LoggerFactory.getLogger(CustomerListener.class);

	static final String ID = "persona-customers";

	/** The source of these decisions in the metrics. */
	static final String SOURCE = "kafka";

	private final DecisionService decisions;

	private final KafkaTemplate<String, byte[]> template;

	private final JsonMapper json;

	private final StreamingProperties properties;

	private final MeterRegistry meters;

	/**
	 * How long to wait for the broker's acknowledgements: longer than the producer's delivery
	 * timeout, after which it fails a send itself, so that a send given up on here cannot still
	 * be delivered after its record was dead-lettered.
	 */
	private final long acknowledgementWaitMillis;

	CustomerListener(DecisionService decisions, KafkaTemplate<String, byte[]> template, JsonMapper json,
			StreamingProperties properties, MeterRegistry meters, DecisionMetrics decisionMetrics) {
		this.decisions = decisions;
		this.template = template;
		this.json = json;
		this.properties = properties;
		this.meters = meters;
		Object deliveryTimeout = template.getProducerFactory()
			.getConfigurationProperties()
			.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		this.acknowledgementWaitMillis = ((deliveryTimeout != null) ? Long.parseLong(deliveryTimeout.toString()) : 120_000)
				+ 5_000;
		// At zero from the start: Prometheus' rate() and increase() count from a series' first
		// sample, so a reason that first appeared at 1 would never show on the dashboard or in an
		// alert, and dead letters are rare. Likewise the decisions of each persona from Kafka.
		DeadLetters.REASONS.forEach((reason) -> deadLetters(meters, reason));
		decisionMetrics.serves(SOURCE);
	}

	// idIsGroup = false: the id names the container; the group is persona.kafka.group-id, set in
	// the consumer factory, which the id would otherwise override.
	@KafkaListener(id = ID, idIsGroup = false, topics = "${persona.kafka.customers-topic:persona.customers}",
			containerFactory = "personaListenerContainerFactory")
	void onCustomers(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
		List<Outcome> outcomes = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			outcomes.add(read(record));
		}
		BatchListenerFailedException failed = null;
		int failedAt = records.size();
		try {
			decide(outcomes);
		}
		catch (RuntimeException ex) {
			OneByOne oneByOne = decideOneByOne(outcomes);
			failedAt = oneByOne.failedAt();
			// One line per failure: when a customer fails alone too, the error handler's retry or
			// dead letter names it (FailedCustomers); only a failure no customer has alone is said here.
			// The poll's failure is read only for that line: a loop's message runs the rules again
			// to name the rule (RulesDidNotSettleException), for no one when the line is not written.
			if (oneByOne.failure() == null) {
				log.warn("Deciding a poll of {} records failed ({}); decided one by one, none failed", records.size(),
						ex.getMessage());
			}
			else {
				ConsumerRecord<String, byte[]> record = records.get(failedAt);
				log.atDebug()
					.setMessage("Deciding a poll of {} records failed ({}); {} fails alone too")
					.addArgument(records.size())
					.addArgument(ex::getMessage)
					.addArgument(CustomerIds.inMessage(record.key()))
					.log();
				// Read now, within that customer's time bound, which also bounds naming a loop's rule.
				failed = new BatchListenerFailedException("Rules failed for " + CustomerIds.inMessage(record.key()) + ": "
						+ oneByOne.failure().getMessage(), oneByOne.failure(), failedAt);
			}
		}
		List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(failedAt);
		for (int i = 0; i < failedAt; i++) {
			try {
				sent.add(send(records.get(i), outcomes.get(i)));
			}
			catch (RuntimeException ex) {
				// The producer refuses some records at once (too large, no metadata): that record
				// is the one to name, as if its send had failed later.
				sent.add(CompletableFuture.failedFuture(ex));
			}
		}
		awaitAcknowledgements(records, sent);
		if (failed != null) {
			throw failed;
		}
	}

	/** The customer to decide, or why the record is a dead letter. */
	private Outcome read(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null || record.value().length == 0) {
			return Outcome.deadLetter("unreadable", new Violation("", "the record has no value (a tombstone?)"));
		}
		CustomerInput customer;
		try {
			customer = this.json.readValue(record.value(), CustomerInput.class);
		}
		catch (JacksonException ex) {
			return Outcome.deadLetter("unreadable", JsonProblems.describe(ex));
		}
		// Without an asOf, a customer is decided as of the moment it was published, so that a
		// record delivered twice gets the same decision twice. Checked with that asOf.
		if (customer != null && customer.asOf() == null) {
			customer = withAsOf(customer, Instant.ofEpochMilli(record.timestamp()));
		}
		List<Violation> violations = this.decisions.check(customer);
		if (!violations.isEmpty()) {
			return new Outcome(null, "invalid", violations);
		}
		return new Outcome(customer, null, List.of());
	}

	private void decide(List<Outcome> outcomes) {
		List<Outcome> valid = outcomes.stream().filter(Outcome::decidable).toList();
		List<Decision> decided = this.decisions.decideChecked(valid.stream().map(Outcome::customer).toList(), SOURCE);
		for (int i = 0; i < valid.size(); i++) {
			valid.get(i).decision = decided.get(i);
		}
	}

	/** The first customer the rules fail for and why, or the size and no failure if none. */
	private OneByOne decideOneByOne(List<Outcome> outcomes) {
		for (int i = 0; i < outcomes.size(); i++) {
			Outcome outcome = outcomes.get(i);
			if (outcome.decidable()) {
				try {
					outcome.decision = this.decisions.decideChecked(List.of(outcome.customer()), SOURCE).get(0);
				}
				catch (RuntimeException ex) {
					return new OneByOne(i, ex);
				}
			}
		}
		return new OneByOne(outcomes.size(), null);
	}

	private record OneByOne(int failedAt, RuntimeException failure) {
	}

	private CompletableFuture<SendResult<String, byte[]>> send(ConsumerRecord<String, byte[]> record, Outcome outcome) {
		if (outcome.reason() != null) {
			return deadLetter(record, outcome.reason(), outcome.violations());
		}
		Decision decision = outcome.decision;
		ProducerRecord<String, byte[]> out = new ProducerRecord<>(this.properties.decisionsTopic(), null, decision.customerId(),
				this.json.writeValueAsBytes(decision), TraceContext.of(record));
		out.headers().add(DeadLetters.RULE_SET_VERSION, decision.ruleSetVersion().getBytes(StandardCharsets.UTF_8));
		return this.template.send(out);
	}

	private CompletableFuture<SendResult<String, byte[]>> deadLetter(ConsumerRecord<String, byte[]> record, String reason,
			List<Violation> violations) {
		ProducerRecord<String, byte[]> letter = new ProducerRecord<>(this.properties.deadLetterTopic(), null,
				record.key(), record.value(), DeadLetters.ownHeaders(record));
		letter.headers()
			.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8))
			.add(DeadLetters.ERRORS, this.json.writeValueAsBytes(violations))
			.add(DeadLetters.ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8))
			.add(DeadLetters.ORIGINAL_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8))
			.add(DeadLetters.ORIGINAL_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
		log.debug("Dead letter {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), violations);
		deadLetterCounted(this.meters, reason);
		return this.template.send(letter);
	}

	/** {@code persona_kafka_dead_letters_total{reason}}: one of the {@link DeadLetters#REASON reasons}. */
	static void deadLetterCounted(MeterRegistry meters, String reason) {
		deadLetters(meters, reason).increment();
	}

	private static Counter deadLetters(MeterRegistry meters, String reason) {
		return Counter.builder("persona.kafka.dead.letters")
			.description("Records sent to the dead-letter topic, by reason")
			.tag("reason", reason)
			.register(meters);
	}

	private static CustomerInput withAsOf(CustomerInput customer, Instant asOf) {
		return new CustomerInput(customer.customerId(), asOf, customer.profile(), customer.orders(), customer.events(),
				customer.summary());
	}

	/**
	 * Waits for the broker to acknowledge every send; if one failed or timed out, names the first
	 * such record, so that only what was acknowledged before it is committed.
	 */
	private void awaitAcknowledgements(List<ConsumerRecord<String, byte[]>> records,
			List<CompletableFuture<SendResult<String, byte[]>>> sent) throws InterruptedException {
		try {
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
				.get(this.acknowledgementWaitMillis, TimeUnit.MILLISECONDS);
			return;
		}
		catch (ExecutionException | TimeoutException ex) {
			for (int i = 0; i < sent.size(); i++) {
				CompletableFuture<SendResult<String, byte[]>> send = sent.get(i);
				if (!send.isDone() || send.isCompletedExceptionally()) {
					Throwable cause = send.isDone() ? failureOf(send) : ex;
					ConsumerRecord<String, byte[]> record = records.get(i);
					throw new BatchListenerFailedException(
							"Sending the outcome of " + CustomerIds.inMessage(record.key()) + " failed: " + cause.getMessage(),
							cause, i);
				}
			}
			throw new IllegalStateException("A send failed but none is marked as failed", ex);
		}
	}

	private static Throwable failureOf(CompletableFuture<?> failed) {
		try {
			failed.join();
			throw new IllegalStateException("Not failed: " + failed);
		}
		catch (CompletionException | CancellationException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
	}

	/** What became of one record: a decision of its customer, or a dead letter for a reason. */
	private static final class Outcome {

		private final CustomerInput customer;

		private final String reason;

		private final List<Violation> violations;

		private Decision decision;

		Outcome(CustomerInput customer, String reason, List<Violation> violations) {
			this.customer = customer;
			this.reason = reason;
			this.violations = violations;
		}

		static Outcome deadLetter(String reason, Violation violation) {
			return new Outcome(null, reason, List.of(violation));
		}

		boolean decidable() {
			return this.reason == null;
		}

		CustomerInput customer() {
			return this.customer;
		}

		String reason() {
			return this.reason;
		}

		List<Violation> violations() {
			return this.violations;
		}

	}

}
