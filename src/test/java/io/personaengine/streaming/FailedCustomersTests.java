package io.personaengine.streaming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.personaengine.decisions.RuleFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the error handler's recoverer says of a customer it dead-letters, for each kind of failure
 * the listener names it for, wrapped as the listener container wraps it. Over a real broker in
 * {@link KafkaStreamingTests}; here for a bug, which no rule provokes.
 */
class FailedCustomersTests {

	final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	final List<Exception> recovered = new ArrayList<>();

	final FailedCustomers failed = new FailedCustomers((record, ex) -> this.recovered.add(ex), new SimpleMeterRegistry(),
			new StreamingProperties(true, "persona.customers", "persona.decisions", "persona.customers.DLT", 3, (short) 1,
					"persona-engine", 3, 2000, 3, Duration.ofSeconds(1)));

	final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("persona.customers", 1, 123, "c-1", new byte[0]);

	@BeforeEach
	void listenToTheLog() {
		this.logged.start();
		log().addAppender(this.logged);
	}

	@AfterEach
	void stopListening() {
		log().detachAppender(this.logged);
	}

	@Test
	void ruleThatThrewIsNamedInOneLineWithoutAStackTrace() {
		String named = "rule set 1a2b failed: a.drl:5: rule \"A\" failed in its then part while deciding 1 customer: "
				+ "IllegalStateException: boom";
		deadLettered(new RuleFailedException("1a2b", named, new IllegalStateException("boom")));
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).isEqualTo(
					"Customer c-1 (persona.customers-1@123) is dead-lettered to persona.customers.DLT with reason failed: " + named);
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
	}

	@Test
	void failureOfTheProducerIsOneLineWithoutAStackTrace() {
		deadLettered(new KafkaProducerException(new ProducerRecord<>("persona.decisions", "c-1", "{}"), "Failed to send",
				new TimeoutException("Expiring 1 record(s)")));
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).endsWith("with reason failed: Expiring 1 record(s)");
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
	}

	@Test
	void bugIsLoggedWithItsStackTrace() {
		NullPointerException bug = new NullPointerException("a bug");
		deadLettered(bug);
		assertThat(this.recovered).hasSize(1);
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getFormattedMessage()).endsWith("with reason failed: a bug");
			assertThat(event.getThrowableProxy()).as("stack trace").isNotNull();
			assertThat(event.getThrowableProxy().getCause().getCause().getClassName())
				.isEqualTo(NullPointerException.class.getName());
		});
	}

	/** A key is the customer's id, any text: a line break in it would forge a log line. */
	@Test
	void customerIdWithALineBreakIsLoggedInOneLineWithTheBreakEscaped() {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("persona.customers", 1, 124, "c\n1\u001b[2J", new byte[0]);
		this.failed.accept(record, new ListenerExecutionFailedException("Listener failed",
				new BatchListenerFailedException("Failed", new RuleFailedException("1a2b", "a rule failed", null), 0)));
		assertThat(this.logged.list).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).startsWith(
					"Customer c\\n1\\u001B[2J (persona.customers-1@124) is dead-lettered to persona.customers.DLT with reason"
							+ " failed: "));
	}

	/** Likewise each retry's line, which the error handler writes before it waits. */
	@Test
	void retryOfACustomerIdWithALineBreakIsLoggedInOneLineWithTheBreakEscaped() {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("persona.customers", 1, 124, "c\n1\u001b[2J", new byte[0]);
		Exception failure = new ListenerExecutionFailedException("Listener failed",
				new BatchListenerFailedException("Failed", new RuleFailedException("1a2b", "a rule failed", null), 0));
		this.failed.failedDelivery(record, failure, 1);
		this.failed.onNextBackOff(null, failure, 0);
		assertThat(this.logged.list).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).isEqualTo(
					"Customer c\\n1\\u001B[2J (persona.customers-1@124) failed on delivery 1 of 4; retried in 0 ms: a rule failed"));
	}

	/** Dead-lettered for {@code failure}, which the listener named the record for. */
	private void deadLettered(Exception failure) {
		this.failed.accept(this.record, new ListenerExecutionFailedException("Listener failed",
				new BatchListenerFailedException("Failed for c-1: " + failure.getMessage(), failure, 0)));
	}

	private static Logger log() {
		return (Logger) LoggerFactory.getLogger(FailedCustomers.class);
	}

}
