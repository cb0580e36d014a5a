package io.personaengine.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionService;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.JsonProblems;
import io.personaengine.facts.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides each poll of customers in one rules execution. A record that cannot be read or is
 * invalid becomes a dead letter at once, with the field and reason in its headers; the others
 * become decisions. The method returns only when the broker has acknowledged all of them, so the
 * offsets committed after it never cover a record whose outcome could be lost.
 */
class CustomerListener {

	private static final Logger log = LoggerFactory.getLogger(CustomerListener.class);

	static final String ID = "persona-customers";

	private final DecisionService decisions;

	private final KafkaTemplate<String, byte[]> template;

	private final JsonMapper json;

	private final StreamingProperties properties;

	private final MeterRegistry meters;

	CustomerListener(DecisionService decisions, KafkaTemplate<String, byte[]> template, JsonMapper json,
			StreamingProperties properties, MeterRegistry meters) {
		this.decisions = decisions;
		this.template = template;
		this.json = json;
		this.properties = properties;
		this.meters = meters;
	}

	@KafkaListener(id = ID, topics = "${persona.kafka.customers-topic:persona.customers}",
			containerFactory = "personaListenerContainerFactory")
	void onCustomers(List<ConsumerRecord<String, byte[]>> records) throws Exception {
		List<CustomerInput> valid = new ArrayList<>(records.size());
		List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			CustomerInput customer;
			if (record.value() == null || record.value().length == 0) {
				sent.add(deadLetter(record, "unreadable", List.of(new Violation("", "the record has no value (a tombstone?)"))));
				continue;
			}
			try {
				customer = this.json.readValue(record.value(), CustomerInput.class);
			}
			catch (JacksonException ex) {
				sent.add(deadLetter(record, "unreadable", List.of(JsonProblems.describe(ex))));
				continue;
			}
			// Without an asOf, a customer is decided as of the moment it was published, so that a
			// record delivered twice gets the same decision twice. Checked with that asOf.
			if (customer != null && customer.asOf() == null) {
				customer = withAsOf(customer, Instant.ofEpochMilli(record.timestamp()));
			}
			List<Violation> violations = this.decisions.check(customer);
			if (!violations.isEmpty()) {
				sent.add(deadLetter(record, "invalid", violations));
				continue;
			}
			valid.add(customer);
		}
		for (Decision decision : this.decisions.decideChecked(valid, "kafka")) {
			ProducerRecord<String, byte[]> out = new ProducerRecord<>(this.properties.decisionsTopic(), decision.customerId(),
					this.json.writeValueAsBytes(decision));
			out.headers().add(DeadLetters.RULE_SET_VERSION, decision.ruleSetVersion().getBytes(StandardCharsets.UTF_8));
			sent.add(this.template.send(out));
		}
		awaitAcknowledgements(sent);
	}

	private CompletableFuture<SendResult<String, byte[]>> deadLetter(ConsumerRecord<String, byte[]> record, String reason,
			List<Violation> violations) {
		ProducerRecord<String, byte[]> letter = new ProducerRecord<>(this.properties.deadLetterTopic(), record.key(),
				record.value());
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

	/** {@code persona_kafka_dead_letters_total{reason}}: unreadable, invalid, or failed after retries. */
	static void deadLetterCounted(MeterRegistry meters, String reason) {
		Counter.builder("persona.kafka.dead.letters")
			.description("Records sent to the dead-letter topic, by reason")
			.tag("reason", reason)
			.register(meters)
			.increment();
	}

	private static CustomerInput withAsOf(CustomerInput customer, Instant asOf) {
		return new CustomerInput(customer.customerId(), asOf, customer.profile(), customer.orders(), customer.events(),
				customer.summary());
	}

	/** Throws if any send failed, so that the error handler retries the poll. */
	private static void awaitAcknowledgements(List<CompletableFuture<SendResult<String, byte[]>>> sent)
			throws InterruptedException, ExecutionException, TimeoutException {
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
	}

}
