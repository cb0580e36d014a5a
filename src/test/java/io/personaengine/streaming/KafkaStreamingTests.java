package io.personaengine.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.personaengine.rules.EndlessRecursion;
import io.personaengine.rules.RulesLifecycle;
import io.personaengine.rules.ShippedRules;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Decisions from a real (embedded, KRaft) Kafka broker, with dead letters and nothing lost. */
@SpringBootTest(properties = { "persona.kafka.enabled=true", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"persona.rules.watch=false", "persona.kafka.retry-interval=100ms" })
@EmbeddedKafka(partitions = 3)
class KafkaStreamingTests {

	static final Path RULES = copyOfShippedRules();

	static final JsonMapper json = JsonMapper.builder().build();

	/** Everything read from the output topics so far, by key: decisions and dead letters. */
	static final Map<String, List<ConsumerRecord<String, String>>> decisions = new ConcurrentHashMap<>();

	static final Map<String, List<ConsumerRecord<String, String>>> deadLetters = new ConcurrentHashMap<>();

	static volatile boolean reading = true;

	static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	/** Under the appender's lock, which Logback appends under from the Kafka threads. */
	static List<ILoggingEvent> loggedSoFar() {
		synchronized (logged) {
			return List.copyOf(logged.list);
		}
	}

	/** Loggers heard at INFO while these tests run. */
	static final List<String> VERBOSE = List.of("org.springframework.kafka", "org.apache.kafka.clients.consumer");

	/** The service's and Spring Kafka's lines: the broker's own logs aside. */
	static final Predicate<ILoggingEvent> OURS = (event) -> event.getLoggerName().startsWith("org.springframework.kafka")
			|| event.getLoggerName().startsWith("io.personaengine");

	static Thread reader;

	@Value("${spring.embedded.kafka.brokers}")
	String brokers;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	RulesLifecycle rules;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void rulesFolder(DynamicPropertyRegistry registry) {
		registry.add("persona.rules.dir", RULES::toString);
	}

	@BeforeAll
	static void readOutputs(@Value("${spring.embedded.kafka.brokers}") String brokers) {
		reader = new Thread(() -> {
			Properties config = new Properties();
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(List.of("persona.decisions", "persona.customers.DLT"));
				while (reading) {
					for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
						Map<String, List<ConsumerRecord<String, String>>> into = record.topic().equals("persona.decisions") ? decisions : deadLetters;
						into.computeIfAbsent(String.valueOf(record.key()), (k) -> java.util.Collections.synchronizedList(new ArrayList<>())).add(record);
					}
				}
			}
		}, "test-output-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Before each test, not once: Boot resets logback when the first context of the JVM starts,
	 * which takes an appender added before off the root logger.
	 */
	@BeforeEach
	void listenToTheLog() {
		// Spring Kafka and the Kafka consumer at INFO, as in production (logback-test.xml has them
		// at WARN), so that what they say of a retry is heard; the levels application.yaml gives
		// their loggers one by one still apply.
		VERBOSE.forEach((name) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO));
		logged.start();
		synchronized (logged) {
			logged.list.clear();
		}
		root().detachAppender(logged);
		root().addAppender(logged);
	}

	@AfterAll
	static void stopReading() throws InterruptedException {
		reading = false;
		reader.join(5_000);
		root().detachAppender(logged);
		// Back to the levels of logback-test.xml for the test classes after this one.
		VERBOSE.forEach((name) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(null));
	}

	/** The copy is this class's alone: left behind, one more folder in /tmp at every run. */
	@AfterAll
	static void deleteTheRules() {
		FileSystemUtils.deleteRecursively(RULES.toFile());
	}

	@Test
	void decisionsArriveKeyedByCustomerWithThePersonaAndTheRuleSetVersion() {
		Map<String, String> records = new HashMap<>();
		records.put("happy-1", customer("happy-1", 3, "450.00", 10));
		records.put("happy-2", customer("happy-2", 0, "0", null));
		records.put("happy-tombstone", null);
		produce(records);
		await().atMost(Duration.ofSeconds(60)).until(() -> decisions.containsKey("happy-1") && decisions.containsKey("happy-2")
				&& deadLetters.containsKey("happy-tombstone"));
		assertThat(header(deadLetters.get("happy-tombstone").get(0), DeadLetters.REASON)).isEqualTo("unreadable");
		ConsumerRecord<String, String> record = decisions.get("happy-1").get(0);
		JsonNode decision = json.readTree(record.value());
		assertThat(decision.get("customerId").asString()).isEqualTo("happy-1");
		assertThat(decision.get("persona").asString()).isEqualTo("HIGH_ROLLER");
		assertThat(new String(record.headers().lastHeader(DeadLetters.RULE_SET_VERSION).value(), StandardCharsets.UTF_8))
			.isEqualTo(decision.get("ruleSetVersion").asString());
		assertThat(json.readTree(decisions.get("happy-2").get(0).value()).get("persona").asString()).isEqualTo("DEAD_WEIGHT");
	}

	/**
	 * The topic's contract keys a customer by its id, but a pipeline may key by something else (a
	 * household, a shop) or by nothing: the record is decided as any other, and its decision is keyed
	 * by the customer's id from the value, where consumers of the decisions look for it.
	 */
	@Test
	void decisionIsKeyedByTheCustomerIdOfItsValueWhateverTheRecordsKey() {
		produce(List.of(record(null, "household-7", customer("rekeyed-1", 1, "10", 5), Map.of()),
				record(null, null, customer("rekeyed-2", 1, "10", 5), Map.of())));
		await().atMost(Duration.ofSeconds(60)).until(() -> decisions.containsKey("rekeyed-1") && decisions.containsKey("rekeyed-2"));
		assertThat(json.readTree(decisions.get("rekeyed-1").get(0).value()).get("customerId").asString()).isEqualTo("rekeyed-1");
		assertThat(json.readTree(decisions.get("rekeyed-2").get(0).value()).get("customerId").asString()).isEqualTo("rekeyed-2");
		assertThat(decisions).doesNotContainKeys("household-7", "null");
		assertThat(deadLetters).doesNotContainKeys("household-7", "null", "rekeyed-1", "rekeyed-2");
	}

	/**
	 * Kafka's default batch (16 KB) holds about ten decisions, so a poll went out in hundreds of
	 * requests; the service's producer batches up to 256 KB a partition.
	 */
	@Test
	void decisionsOfAPollLeaveInBatchesLargerThanKafkasDefault() {
		produce(batch("batched-", 600), 0);
		await().atMost(Duration.ofSeconds(60)).until(() -> count(decisions, "batched-") == 600);
		double largest = this.meters.find("kafka.producer.batch.size.max").gauges().stream()
			.mapToDouble(io.micrometer.core.instrument.Gauge::value)
			.filter(Double::isFinite)
			.max()
			.orElse(0);
		assertThat(largest).isGreaterThan(16_384);
	}

	@Test
	void offsetsAreCommittedForTheConfiguredConsumerGroup() throws Exception {
		produce(Map.of("group-1", customer("group-1", 1, "10", 5)));
		await().atMost(Duration.ofSeconds(60)).until(() -> decisions.containsKey("group-1"));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers))) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.listConsumerGroupOffsets("persona-engine").partitionsToOffsetAndMetadata().get().keySet().stream()
					.anyMatch((partition) -> partition.topic().equals("persona.customers")));
		}
	}

	@Test
	void tenThousandRecordsWithOnePercentPoisonLoseNothing() {
		Map<String, String> records = new HashMap<>();
		Map<String, String> poison = new HashMap<>();
		for (int i = 0; i < 10_000; i++) {
			String key = "bulk-" + i;
			String value = switch (i % 100 == 7 ? i % 3 : -1) {
				case 0 -> "{\"customerId\": \"" + key + "\", \"orders\": [";
				case 1 -> "{\"customerId\":\"" + key + "\",\"orders\":[{\"id\":\"o\",\"placedAt\":\"2026-10-01T00:00:00Z\",\"total\":-5}]}";
				case 2 -> "{\"customerId\":\"" + key + "\",\"events\":[{\"type\":\"email_bounce\",\"occurredAt\":\"2026-10-01T00:00:00Z\"}]}";
				default -> customer(key, i % 5, String.valueOf(40 * (i % 7 + 1)), i % 400);
			};
			records.put(key, value);
			if (i % 100 == 7) {
				poison.put(key, value);
			}
		}
		produce(records);
		await().atMost(Duration.ofSeconds(120)).until(() -> count(decisions, "bulk-") + count(deadLetters, "bulk-") >= 10_000);
		assertThat(keys(deadLetters, "bulk-")).isEqualTo(poison.keySet());
		Set<String> good = new HashSet<>(records.keySet());
		good.removeAll(poison.keySet());
		assertThat(keys(decisions, "bulk-")).hasSize(9_900).isEqualTo(good);

		// Poison at i % 100 == 7, of kind i % 3: 207 broken JSON, 307 a negative total, 107 an unknown event type.
		ConsumerRecord<String, String> broken = deadLetters.get("bulk-207").get(0);
		assertThat(broken.value()).isEqualTo(poison.get("bulk-207"));
		assertThat(header(broken, DeadLetters.REASON)).isEqualTo("unreadable");
		assertThat(header(broken, DeadLetters.ERRORS)).contains("malformed JSON");
		assertThat(header(broken, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("persona.customers");
		ConsumerRecord<String, String> negative = deadLetters.get("bulk-307").get(0);
		assertThat(header(negative, DeadLetters.REASON)).isEqualTo("invalid");
		assertThat(header(negative, DeadLetters.ERRORS)).contains("\"field\":\"orders[0].total\"")
			.contains("must be greater than or equal to 0");
		ConsumerRecord<String, String> unknownEvent = deadLetters.get("bulk-107").get(0);
		assertThat(header(unknownEvent, DeadLetters.ERRORS)).contains("\"field\":\"events[0].type\"").contains("email_bounce");
	}

	@Test
	void consumerStoppedAndRestartedMidStreamLosesNothing() {
		Map<String, String> first = batch("restart-a-", 2_000);
		produce(first);
		await().atMost(Duration.ofSeconds(60)).until(() -> count(decisions, "restart-a-") > 100);
		this.listeners.getListenerContainer(CustomerListener.ID).stop();
		Map<String, String> second = batch("restart-b-", 2_000);
		produce(second);
		this.listeners.getListenerContainer(CustomerListener.ID).start();
		await().atMost(Duration.ofSeconds(120))
			.until(() -> keys(decisions, "restart-a-").size() == 2_000 && keys(decisions, "restart-b-").size() == 2_000);
		assertThat(keys(deadLetters, "restart-")).isEmpty();
	}

	@Test
	void reloadMidStreamSwitchesVersionsAndFailsNothing() throws IOException {
		String before = this.rules.current().version();
		produce(batch("reload-a-", 1_500));
		await().atMost(Duration.ofSeconds(60)).until(() -> count(decisions, "reload-a-") > 100);
		Path thresholds = RULES.resolve("thresholds.yaml");
		Files.writeString(thresholds, Files.readString(thresholds) + "\n# reloaded mid-stream\n");
		assertThat(this.rules.reload("test").outcome()).isEqualTo(io.personaengine.rules.ReloadReport.Outcome.LOADED);
		String after = this.rules.current().version();
		produce(batch("reload-b-", 1_500));
		await().atMost(Duration.ofSeconds(120))
			.until(() -> keys(decisions, "reload-a-").size() == 1_500 && keys(decisions, "reload-b-").size() == 1_500);
		assertThat(keys(deadLetters, "reload-")).isEmpty();
		Set<String> versions = new HashSet<>();
		decisions.forEach((key, list) -> {
			if (key.startsWith("reload-")) {
				list.forEach((record) -> versions.add(header(record, DeadLetters.RULE_SET_VERSION)));
			}
		});
		assertThat(versions).containsExactlyInAnyOrder(before, after);
		assertThat(header(decisions.get("reload-b-1499").get(0), DeadLetters.RULE_SET_VERSION)).isEqualTo(after);
	}

	/**
	 * A rule that throws is named as over REST, with the rule set, its file and line and why, in
	 * the dead letter's error and in the ERROR line, without a stack trace. Both said only
	 * "boom for tests", the message of the rule's own exception.
	 */
	@Test
	void ruleFailureIsRetriedThenDeadLetteredNamingTheRuleWithItsFileAndLine() throws IOException {
		Path explode = ruleThrowingFor("explode-1", "boom for tests");
		try {
			String named = "rule set " + this.rules.current().version() + " failed: test-explode-1.drl:5: "
					+ "rule \"TestRuleFor_explode_1\" failed in its then part while deciding customer explode-1: "
					+ "IllegalStateException: boom for tests";
			produce(Map.of("explode-1", customer("explode-1", 1, "10", 5)));
			await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.containsKey("explode-1"));
			ConsumerRecord<String, String> letter = deadLetters.get("explode-1").get(0);
			assertThat(header(letter, DeadLetters.REASON)).isEqualTo("failed");
			assertThat(json.readTree(header(letter, DeadLetters.ERRORS))).singleElement().satisfies((error) -> {
				assertThat(error.get("field").asString()).isEmpty();
				assertThat(error.get("reason").asString()).isEqualTo(named);
			});
			assertThat(header(letter, "kafka_dlt-exception-message")).contains("boom for tests");
			assertThat(letter.value()).isEqualTo(customer("explode-1", 1, "10", 5));
			assertThat(decisions).doesNotContainKey("explode-1");
			// The first delivery and 3 retries (persona.kafka.retries), each with its poll and alone;
			// a rebalance meanwhile could only add deliveries.
			assertThat(RuleRuns.of("explode-1")).isGreaterThanOrEqualTo(2 * (1 + 3));
			assertRetriedThenDeadLetteredInOneLineEach("explode-1", "failed", named, 3);
		}
		finally {
			Files.delete(explode);
			this.rules.reload("test");
		}
	}

	/**
	 * A then part that calls itself without end overflows the stack, an Error Drools does not
	 * wrap: Spring Kafka stopped the listener container on it, for every customer, and again at
	 * each restart on the same record. Now that customer fails as for a rule that throws, and the
	 * container goes on with the others.
	 */
	@Test
	void ruleThatCallsItselfWithoutEndDeadLettersThatCustomerAndTheContainerKeepsConsuming() throws IOException {
		assertDeadLettersTheFifthAndTheContainerKeepsConsuming("deep", "depth(0);", EndlessRecursion.FUNCTION,
				EndlessRecursion.SAID);
	}

	/** Any Error a then part throws, an assert say, stopped the container as the overflow did. */
	@Test
	void thenPartThrowingAnErrorDeadLettersThatCustomerAndTheContainerKeepsConsuming() throws IOException {
		assertDeadLettersTheFifthAndTheContainerKeepsConsuming("hard", "throw new AssertionError(\"hard for hard-5\");", "",
				"AssertionError: hard for hard-5");
	}

	/**
	 * MVEL runs a {@code from} and wraps what it throws, an Error too, in an exception that names no
	 * rule: that customer was a bug of the service, its stack trace logged at ERROR.
	 */
	@Test
	void fromThatCallsAFunctionThrowingAnErrorDeadLettersThatCustomerNamingTheRuleAndTheContainerKeepsConsuming()
			throws IOException {
		String failing = "fromerror-5";
		Path rule = rule(failing, "$c : CustomerFacts( customerId == \"" + failing + "\" )\n    String() from asserted( $c )",
				"\"" + failing + "\"", "", """
						function java.util.List asserted(CustomerFacts c) {
						    throw new AssertionError("asserted for " + c.getCustomerId());
						}
						""");
		assertDeadLettersTheFifthAndTheContainerKeepsConsuming("fromerror", rule, "from",
				"AssertionError: asserted for fromerror-5");
	}

	/**
	 * Of 20 customers "{prefix}-0" to "-19", the rule {@code then} fails for "-5": that one is
	 * retried, then dead-lettered saying {@code why}, the 19 others are decided, and so is a
	 * customer produced after: the container keeps consuming.
	 */
	private void assertDeadLettersTheFifthAndTheContainerKeepsConsuming(String prefix, String then, String moreRules,
			String why) throws IOException {
		assertDeadLettersTheFifthAndTheContainerKeepsConsuming(prefix, ruleFor(prefix + "-5", then, moreRules), "then part",
				why);
	}

	/**
	 * Of 20 customers "{prefix}-0" to "-19", the loaded {@code rule} fails for "-5" in its
	 * {@code part}: that one is retried, then dead-lettered saying {@code why}, the 19 others are
	 * decided, and so is a customer produced after: the container keeps consuming. The rule is
	 * deleted and the rules reloaded at the end.
	 */
	private void assertDeadLettersTheFifthAndTheContainerKeepsConsuming(String prefix, Path rule, String part, String why)
			throws IOException {
		String failing = prefix + "-5";
		try {
			String named = "rule set " + this.rules.current().version() + " failed: test-" + failing + ".drl:5: rule \"TestRuleFor_"
					+ prefix + "_5\" failed in its " + part + " while deciding customer " + failing + ": " + why;
			Map<String, String> records = batch(prefix + "-", 20);
			produce(records);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> count(decisions, prefix + "-") == 19 && deadLetters.containsKey(failing));
			ConsumerRecord<String, String> letter = deadLetters.get(failing).get(0);
			assertThat(letter.value()).isEqualTo(records.get(failing));
			assertThat(header(letter, DeadLetters.REASON)).isEqualTo("failed");
			assertThat(json.readTree(header(letter, DeadLetters.ERRORS))).singleElement()
				.satisfies((error) -> assertThat(error.get("reason").asString()).isEqualTo(named));
			assertRetriedThenDeadLetteredInOneLineEach(failing, "failed", named, 3);
			produce(Map.of(prefix + "-after", customer(prefix + "-after", 1, "10", 5)));
			await().atMost(Duration.ofSeconds(60)).until(() -> decisions.containsKey(prefix + "-after"));
			assertThat(this.listeners.getListenerContainer(CustomerListener.ID).isRunning()).isTrue();
		}
		finally {
			Files.delete(rule);
			this.rules.reload("test");
		}
	}

	@Test
	void ruleFailingForOneCustomerOfAPollDeadLettersThatOneAloneAndDecidesTheOthersOnce() throws IOException {
		Path explode = ruleThrowingFor("alone-700", "boom for alone-700");
		try {
			// Produced while the listener is stopped, so that each consumer gets its partition's
			// records in one poll: the failing customer shares its poll with ~660 others.
			this.listeners.getListenerContainer(CustomerListener.ID).stop();
			Map<String, String> records = batch("alone-", 2_000);
			produce(records);
			this.listeners.getListenerContainer(CustomerListener.ID).start();
			await().atMost(Duration.ofSeconds(120))
				.until(() -> count(decisions, "alone-") == 1_999 && deadLetters.containsKey("alone-700"));
			assertThat(keys(deadLetters, "alone-")).containsExactly("alone-700");
			ConsumerRecord<String, String> letter = deadLetters.get("alone-700").get(0);
			assertThat(letter.value()).isEqualTo(records.get("alone-700"));
			assertThat(header(letter, DeadLetters.REASON)).isEqualTo("failed");
			assertThat(header(letter, DeadLetters.ERRORS)).contains("boom for alone-700");
			assertThat(header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("persona.customers");
			assertThat(header(letter, DeadLetters.ORIGINAL_OFFSET)).isNotBlank();
			assertThat(header(letter, "kafka_dlt-exception-message")).contains("boom for alone-700");
			Set<String> others = new HashSet<>(records.keySet());
			others.remove("alone-700");
			assertThat(keys(decisions, "alone-")).isEqualTo(others);
			// Let anything sent twice arrive before counting.
			produce(Map.of("alone-sentinel", customer("alone-sentinel", 1, "10", 5)));
			await().atMost(Duration.ofSeconds(60)).until(() -> decisions.containsKey("alone-sentinel"));
			assertThat(others).allSatisfy((key) -> assertThat(decisions.get(key)).as(key).hasSize(1));
			assertRetriedThenDeadLetteredInOneLineEach("alone-700", "failed", "boom for alone-700", 3);
		}
		finally {
			Files.delete(explode);
			this.rules.reload("test");
		}
	}

	/** As over REST: they were decided, " ids-1" as another customer than "ids-1", and a NUL as part of an id. */
	@Test
	void customerIdWithWhitespaceAtAnEndOrAControlCharacterIsDeadLetteredAsInvalidNamingIt() {
		produce(Map.of("ids-space", customer(" ids-1", 1, "10", 5), "ids-nul", customer("ids-\\u00002", 1, "10", 5),
				"ids 3", customer("ids 3", 1, "10", 5)));
		await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.containsKey("ids-space")
				&& deadLetters.containsKey("ids-nul") && decisions.containsKey("ids 3"));
		assertThat(header(deadLetters.get("ids-space").get(0), DeadLetters.REASON)).isEqualTo("invalid");
		assertThat(json.readTree(header(deadLetters.get("ids-space").get(0), DeadLetters.ERRORS))).singleElement()
			.satisfies((error) -> {
				assertThat(error.get("field").asString()).isEqualTo("customerId");
				assertThat(error.get("reason").asString())
					.isEqualTo("must not start or end with whitespace: ' ids-1' would be another customer than 'ids-1'");
			});
		assertThat(header(deadLetters.get("ids-nul").get(0), DeadLetters.ERRORS))
			.isEqualTo("[{\"field\":\"customerId\",\"reason\":\"must not contain control characters; character 5 is U+0000\"}]");
	}

	/**
	 * A dead letter carries the headers its record came with, the W3C trace context among them,
	 * beside why, whatever the reason: an unreadable or invalid record's had only the reason
	 * headers, so it fell out of its trace. Those of an earlier dead letter published again (with
	 * Spring Kafka's exception headers) give way to this failure's.
	 */
	@Test
	void deadLetterCarriesItsRecordsOwnHeadersBesideWhy() throws IOException {
		Map<String, String> traced = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
				"tracestate", "campaigns=t61rcWkgMzE", "campaign-run", "autumn-7");
		Map<String, String> earlierLetter = new HashMap<>(traced);
		earlierLetter.putAll(Map.of(DeadLetters.REASON, "failed", DeadLetters.ERRORS, "[{\"field\":\"\",\"reason\":\"earlier\"}]",
				DeadLetters.ORIGINAL_OFFSET, "12", "kafka_dlt-exception-message", "earlier"));
		Path explode = ruleThrowingFor("traced-failed", "boom for tests");
		try {
			produce("traced-unreadable", "{\"customerId\": \"traced-unreadable\", \"orders\": [", traced);
			produce("traced-invalid", customer("traced-invalid", 1, "-5", 3), traced);
			produce("traced-failed", customer("traced-failed", 1, "10", 5), earlierLetter);
			produce("traced-again", customer("traced-again", 1, "-5", 3), earlierLetter);
			Map<String, String> reasons = Map.of("traced-unreadable", "unreadable", "traced-invalid", "invalid",
					"traced-failed", "failed", "traced-again", "invalid");
			await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.keySet().containsAll(reasons.keySet()));
			reasons.forEach((key, reason) -> {
				ConsumerRecord<String, String> letter = deadLetters.get(key).get(0);
				traced.forEach((name, value) -> assertThat(header(letter, name)).as(key + " " + name).isEqualTo(value));
				assertThat(letter.headers().headers(DeadLetters.REASON)).as(key).singleElement()
					.satisfies((header) -> assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(reason));
				assertThat(letter.headers().headers(DeadLetters.ERRORS)).as(key).hasSize(1);
				assertThat(letter.headers().headers(DeadLetters.ORIGINAL_OFFSET)).as(key).hasSize(1);
			});
			assertThat(deadLetters.get("traced-again").get(0).headers().headers("kafka_dlt-exception-message")).isEmpty();
			assertThat(deadLetters.get("traced-failed").get(0).headers().headers("kafka_dlt-exception-message"))
				.singleElement()
				.satisfies((header) -> assertThat(new String(header.value(), StandardCharsets.UTF_8)).contains("boom for tests"));
		}
		finally {
			Files.delete(explode);
			this.rules.reload("test");
		}
	}

	/**
	 * A decision carries the W3C trace context of the record it answers ({@code traceparent},
	 * {@code tracestate}, {@code baggage}, those it has), so that a customer's trace goes on through
	 * its decision: it carried none. Those alone: the record's other headers describe the record, not
	 * the decision (a type header of its producer, the dead-letter headers of a dead letter published
	 * again). In one poll, with a dead letter among the decisions, each decision gets its own record's.
	 */
	@Test
	void decisionCarriesTheTraceContextOfItsOwnRecordAndNoOtherHeader() {
		String first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		String second = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		String third = "00-5a1b2c3d4e5f60718293a4b5c6d7e8f9-1122334455667788-00";
		String invalid = "00-99999999999999999999999999999999-9999999999999999-01";
		Map<String, String> whole = new LinkedHashMap<>();
		whole.put("traceparent", first);
		whole.put("tracestate", "campaigns=t61rcWkgMzE");
		whole.put("baggage", "tenant=store-7");
		whole.put("__TypeId__", "com.example.Customer");
		whole.put("campaign-run", "autumn-7");
		Map<String, String> replayed = Map.of("traceparent", third, DeadLetters.REASON, "failed", DeadLetters.ERRORS,
				"[{\"field\":\"\",\"reason\":\"earlier\"}]", "kafka_dlt-exception-message", "earlier");
		// All on one partition while the consumers are paused, so that one consumer gets them in one poll.
		MessageListenerContainer container = pausedOnceEachConsumerHasItsPartition();
		produce(List.of(record(0, "traced-decision-0", customer("traced-decision-0", 1, "10", 5), whole),
				record(0, "traced-decision-bad", customer("traced-decision-bad", 1, "-5", 5), Map.of("traceparent", invalid)),
				record(0, "traced-decision-1", customer("traced-decision-1", 1, "10", 5), Map.of("traceparent", second)),
				record(0, "traced-decision-2", customer("traced-decision-2", 1, "10", 5), Map.of()),
				record(0, "traced-decision-3", customer("traced-decision-3", 1, "10", 5), replayed)));
		container.resume();
		await().atMost(Duration.ofSeconds(60)).until(() -> count(decisions, "traced-decision-") == 4
				&& deadLetters.containsKey("traced-decision-bad"));
		assertThat(headers(decisions.get("traced-decision-0").get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
				"traceparent", first, "tracestate", "campaigns=t61rcWkgMzE", "baggage", "tenant=store-7"));
		assertThat(headers(decisions.get("traced-decision-1").get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("traceparent", second));
		assertThat(headers(decisions.get("traced-decision-2").get(0))).isEmpty();
		assertThat(headers(decisions.get("traced-decision-3").get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("traceparent", third));
		assertThat(header(deadLetters.get("traced-decision-bad").get(0), "traceparent")).isEqualTo(invalid);
	}

	/** A decision's headers but the rule-set version, which every decision has, each once. */
	private static Map<String, String> headers(ConsumerRecord<String, String> decision) {
		assertThat(decision.headers().headers(DeadLetters.RULE_SET_VERSION)).hasSize(1);
		Map<String, String> headers = new HashMap<>();
		for (Header header : decision.headers()) {
			if (!header.key().equals(DeadLetters.RULE_SET_VERSION)) {
				assertThat(headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8))).as(header.key()).isNull();
			}
		}
		return headers;
	}

	/**
	 * A key is the customer's id by the topic's contract, but any text: the id in the value is
	 * checked, and refused with a control character, the key is not. A line break in it would end
	 * a log line and forge the next, an ESC would restyle a terminal. A customer whose rules fail,
	 * and one whose outcome the producer refuses (a decision over its 1 MB limit), are retried, then
	 * dead-lettered: each retry's line names the key escaped, and so does what the listener says of
	 * the failure ("Rules failed for ...", "Sending the outcome of ..."), which the dead letter
	 * carries in its exception headers and a bug's line at ERROR in its stack trace. The template
	 * names a decision by its key, the id, with a backslash doubled, as any escaped id.
	 */
	@Test
	void customerIdWithALineBreakOrAnEscapeIsEscapedWhereverItsFailureIsSaid() throws IOException {
		String throwing = "escape-rules-c\n1\u001b[2J";
		String oversized = "escape-send-c\n1\u001b[2J";
		Path rules = rule("escape", "$customer : CustomerFacts( customerId.startsWith(\"escape-rules-\") )",
				"$customer.getCustomerId()", "throw new IllegalStateException(\"boom\");", """
						rule "OversizedOutcomeFor_escape"
						when
						    $customer : CustomerFacts( customerId.startsWith("escape-send-") )
						then
						    insert( new io.personaengine.decisions.SegmentMatch( $customer, "OVERSIZED", "x".repeat(1100000) ) );
						end
						""");
		// What Spring Kafka's template says of the records it sends: a failed send at DEBUG, every send at TRACE.
		Logger template = (Logger) LoggerFactory.getLogger(KafkaTemplate.class);
		template.setLevel(Level.TRACE);
		try {
			Map<String, String> idsInTheValue = Map.of(throwing, "escape-rules-c1", oversized, "escape-send-c\\1");
			for (String id : List.of(throwing, oversized)) {
				produce(Map.of(id, customer("escaped", 0, "0", null).replace("\"escaped\"",
						json.writeValueAsString(idsInTheValue.get(id)))));
				await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.containsKey(id));
			}
		}
		finally {
			template.setLevel(null);
			Files.delete(rules);
			this.rules.reload("test");
		}
		Map<String, String> said = Map.of(throwing, "Rules failed for escape-rules-c\\n1\\u001B[2J: rule set ",
				oversized, "Sending the outcome of escape-send-c\\n1\\u001B[2J failed: ");
		said.forEach((id, failure) -> {
			ConsumerRecord<String, String> letter = deadLetters.get(id).get(0);
			assertThat(header(letter, "kafka_dlt-exception-message")).contains(failure);
			assertThat(header(letter, "kafka_dlt-exception-stacktrace")).contains(failure);
		});
		List<ILoggingEvent> events = loggedSoFar();
		for (String prefix : List.of("escape-rules-", "escape-send-")) {
			assertThat(events).as("retries of %s", prefix)
				.filteredOn((event) -> event.getLevel() == Level.WARN && event.getFormattedMessage().contains("retried in"))
				.map(ILoggingEvent::getFormattedMessage)
				.filteredOn((line) -> line.startsWith("Customer " + prefix))
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line).startsWith("Customer " + prefix + "c\\n1\\u001B[2J (persona.customers-"));
		}
		// Nor does any line at INFO or above, the service's or Spring Kafka's: its producer listener
		// logged each failed send at ERROR with the key as it is, and a stack trace.
		assertThat(events).as("lines at INFO or above")
			.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.INFO))
			.map(KafkaStreamingTests::everythingSaid)
			.filteredOn((line) -> line.contains("c\n1") || line.contains("\u001b"))
			.isEmpty();
		// Nor the template's lines at DEBUG (a failed send) and TRACE (every send), which printed
		// the record as it is: the key unescaped, the headers as arrays of numbers.
		assertThat(events).as("the template's lines")
			.filteredOn((event) -> event.getLoggerName().equals(KafkaTemplate.class.getName()))
			.map(KafkaStreamingTests::everythingSaid)
			.anySatisfy((line) -> assertThat(line).startsWith("Failed to send: persona.decisions key escape-send-c\\\\1"))
			.anySatisfy((line) -> assertThat(line).startsWith("Sending: persona.decisions key escape-send-c\\\\1"))
			.noneSatisfy((line) -> assertThat(line).containsAnyOf("c\n1", "\u001b", "ProducerRecord(", "RecordHeader("));
	}

	/** An event's line and the messages of its exception and their causes, as its stack trace would show them. */
	private static String everythingSaid(ILoggingEvent event) {
		StringBuilder said = new StringBuilder(event.getFormattedMessage());
		for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
			said.append("\n").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
		}
		return said.toString();
	}

	@Test
	void customerTheRulesLoopForIsDeadLetteredAtTheFirstFailureAndTheOthersAreDecided() throws IOException {
		Path loop = ruleLoopingFor("settle-150");
		try {
			// Produced while the consumers are paused, so that the looping customer shares its poll;
			// paused rather than stopped, so that no rebalance hands its partition to a consumer
			// that does not know it has failed before.
			MessageListenerContainer container = pausedOnceEachConsumerHasItsPartition();
			Map<String, String> records = batch("settle-", 300);
			produce(records);
			container.resume();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> count(decisions, "settle-") == 299 && deadLetters.containsKey("settle-150"));
			ConsumerRecord<String, String> letter = deadLetters.get("settle-150").get(0);
			assertThat(letter.value()).isEqualTo(records.get("settle-150"));
			assertThat(header(letter, DeadLetters.REASON)).isEqualTo("rules-did-not-settle");
			String why = "did not settle for customer settle-150: the customer's rules fired 1,001 times, more than the 1,000"
					+ " allowed; rule \"LoopsFor_settle_150\" (test-settle-150.drl:12), which fired ";
			assertThat(json.readTree(header(letter, DeadLetters.ERRORS))).singleElement()
				.satisfies((error) -> assertThat(error.get("reason").asString()).contains(why,
						" of those times, probably keeps re-triggering itself"));
			assertThat(header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo("persona.customers");
			// One delivery: decided with its poll, then alone, then once more alone to find the rule
			// that kept firing, which the dead letter names. Not for the poll's failure, which only
			// sends its customers to be decided one by one: its message, which would name the rule
			// too, is not read. Each retry would have run them again.
			assertThat(RuleRuns.of("settle-150")).isEqualTo(3);
			Counter counted = this.meters.find("persona.kafka.dead.letters").tag("reason", "rules-did-not-settle").counter();
			assertThat(counted).isNotNull().extracting(Counter::count).isEqualTo(1.0);
			Set<String> others = new HashSet<>(records.keySet());
			others.remove("settle-150");
			assertThat(keys(decisions, "settle-")).isEqualTo(others);
			assertThat(keys(deadLetters, "settle-")).containsExactly("settle-150");
			assertRetriedThenDeadLetteredInOneLineEach("settle-150", "rules-did-not-settle", why, 0);
		}
		finally {
			Files.delete(loop);
			this.rules.reload("test");
		}
	}

	/**
	 * A poll the rules cannot decide together while each of its customers is decided alone: here
	 * a poll whose rules run past {@code persona.decisions.timeout} (2 s), each customer taking
	 * 100 ms. The customers are decided one by one, each within the bound, and that is said in one
	 * line at WARN, as a slow poll may pass; no customer is retried or dead-lettered.
	 */
	@Test
	void pollThatRunsOutOfTimeTogetherIsDecidedOneByOneWithOneWarnLine() throws IOException {
		Path slow = ruleTakingItsTimeFor("slowpoll-", 100);
		try {
			String version = this.rules.current().version();
			// All on one partition while the consumers are paused, so that one consumer gets them
			// in one poll: 2.5 s of rules together, 100 ms each alone.
			MessageListenerContainer container = pausedOnceEachConsumerHasItsPartition();
			Map<String, String> records = batch("slowpoll-", 25);
			produce(records, 0);
			container.resume();
			await().atMost(Duration.ofSeconds(60)).until(() -> count(decisions, "slowpoll-") == 25);
			assertThat(keys(decisions, "slowpoll-")).isEqualTo(records.keySet());
			assertThat(records.keySet()).allSatisfy((key) -> assertThat(decisions.get(key)).as(key).hasSize(1));
			assertThat(keys(deadLetters, "slowpoll-")).isEmpty();
			assertThat(loggedSoFar()).filteredOn(OURS)
				.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.WARN);
					assertThat(event.getLoggerName()).isEqualTo(CustomerListener.class.getName());
					assertThat(event.getFormattedMessage()).isEqualTo("Deciding a poll of 25 records failed (rule set " + version
							+ " did not finish deciding 25 customers within 2 s; the execution was stopped); "
							+ "decided one by one, none failed");
					assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
				});
		}
		finally {
			Files.delete(slow);
			this.rules.reload("test");
		}
	}

	/**
	 * What an operator reads of a customer the error handler gave up on: each retry in one line
	 * at WARN (a retry may succeed), the dead letter in one line at ERROR with its reason, and no
	 * stack trace from the service or Spring Kafka. The handler logged "Seek to current after
	 * exception" at ERROR, with a stack trace, after a dead letter with records after it in its
	 * poll, and the dead letter itself not at all. Each retried delivery was then four lines: the
	 * listener's WARN "deciding them one by one", the retry's WARN, the container's INFO "Record in
	 * retry and not yet recovered" and the Kafka consumer's INFO "Seeking to offset".
	 */
	private static void assertRetriedThenDeadLetteredInOneLineEach(String key, String reason, String why, int retries) {
		await("an ERROR once " + key + " is dead-lettered").atMost(Duration.ofSeconds(30))
			.until(() -> loggedSoFar().stream().anyMatch((event) -> OURS.test(event) && event.getLevel() == Level.ERROR));
		List<ILoggingEvent> events = loggedSoFar().stream().filter(OURS).toList();
		assertThat(events).as("stack traces")
			.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null)
			.isEmpty();
		assertThat(events).filteredOn((event) -> event.getLevel() == Level.ERROR)
			.singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("Customer " + key, "dead-lettered",
					"with reason " + reason, why));
		List<ILoggingEvent> retried = events.stream()
			.filter((event) -> event.getFormattedMessage().startsWith("Customer " + key + " ")
					&& event.getFormattedMessage().contains("retried in"))
			.toList();
		// A rebalance meanwhile could only add retries.
		assertThat(retried).hasSizeGreaterThanOrEqualTo(retries)
			.allSatisfy((event) -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
		// Reloads of the test's rules aside, every line at INFO or above is one of those; nor does
		// the Kafka consumer say at INFO that it seeks back to the customer, as it does at each retry.
		assertThat(events).as("lines at INFO or above")
			.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.INFO)
					&& !event.getLoggerName().equals(RulesLifecycle.class.getName()))
			.allSatisfy((event) -> assertThat(event.getFormattedMessage()).startsWith("Customer " + key + " "));
		assertThat(loggedSoFar()).as("the Kafka consumer's seeks")
			.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.INFO)
					&& event.getFormattedMessage().contains("Seeking to offset"))
			.isEmpty();
		if (retries == 0) {
			assertThat(retried).isEmpty();
		}
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/**
	 * The listener's consumers, paused once each has its partition: a test run first could pause
	 * them while their group was still forming, and Kafka's rebalance of a consumer joining late
	 * is a WARN line of Spring Kafka's among those the tests count.
	 */
	private MessageListenerContainer pausedOnceEachConsumerHasItsPartition() {
		MessageListenerContainer container = this.listeners.getListenerContainer(CustomerListener.ID);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ((ConcurrentMessageListenerContainer<?, ?>) container).getContainers()
				.stream()
				.map(MessageListenerContainer::getAssignedPartitions)
				.allMatch((partitions) -> partitions != null && !partitions.isEmpty()));
		container.pause();
		await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
		return container;
	}

	/** A rule file that keeps firing for one customer, loaded; delete it and reload when done. */
	private Path ruleLoopingFor(String customerId) throws IOException {
		// Only this rule sees the counter, so the loop reaches the firing limit in milliseconds;
		// it fires for the customer, so it is counted against that customer's limit.
		return ruleFor(customerId, "insert( new AtomicInteger() );", """
				rule "LoopsFor_%s"
				when
				    CustomerFacts( customerId == "%s" )
				    $n : AtomicInteger()
				then
				    $n.incrementAndGet();
				    update( $n );
				end
				""".formatted(customerId.replace('-', '_'), customerId));
	}

	/** A rule file that throws for one customer, loaded; delete it and reload when done. */
	private Path ruleThrowingFor(String customerId, String message) throws IOException {
		return ruleFor(customerId, "throw new IllegalStateException(\"" + message + "\");", "");
	}

	/**
	 * A rule file that takes {@code millis} for each customer whose id starts with {@code prefix},
	 * however often the thread is woken, loaded; delete it and reload when done.
	 */
	private Path ruleTakingItsTimeFor(String prefix, long millis) throws IOException {
		return rule(prefix, "$customer : CustomerFacts( customerId.startsWith(\"" + prefix + "\") )",
				"$customer.getCustomerId()", """
						long until = System.nanoTime() + %dL * 1_000_000L;
						    while (System.nanoTime() < until) {
						        java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
						    }""".formatted(millis), "");
	}

	/**
	 * A rule file whose rule, for one customer, counts the run in {@link RuleRuns} and does
	 * {@code then}; with {@code moreRules}; loaded.
	 */
	private Path ruleFor(String customerId, String then, String moreRules) throws IOException {
		return rule(customerId, "CustomerFacts( customerId == \"" + customerId + "\" )", "\"" + customerId + "\"", then,
				moreRules);
	}

	/**
	 * A rule file whose rule, for the customers {@code pattern} matches, counts the run of
	 * {@code customerId} in {@link RuleRuns} and does {@code then}; with {@code moreRules}; loaded.
	 */
	private Path rule(String name, String pattern, String customerId, String then, String moreRules) throws IOException {
		Path rule = RULES.resolve("test-" + name + ".drl");
		Files.writeString(rule, """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.streaming.RuleRuns;
				import java.util.concurrent.atomic.AtomicInteger;
				rule "TestRuleFor_%s"
				when
				    %s
				then
				    RuleRuns.ran(%s);
				    %s
				end
				%s""".formatted(name.replace('-', '_'), pattern, customerId, then, moreRules));
		assertThat(this.rules.reload("test").rejected()).isFalse();
		return rule;
	}

	private void produce(Map<String, String> records) {
		produce(records, null);
	}

	/** One record, with {@code headers}. */
	private void produce(String key, String value, Map<String, String> headers) {
		produce(List.of(record(null, key, value, headers)));
	}

	/**
	 * A record to the customers topic, to {@code partition} (where the producer puts it if null),
	 * with {@code headers} in their order.
	 */
	private static ProducerRecord<String, String> record(Integer partition, String key, String value,
			Map<String, String> headers) {
		ProducerRecord<String, String> record = new ProducerRecord<>("persona.customers", partition, key, value);
		headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

	/** {@code records}, in their order, by one producer. */
	private void produce(List<ProducerRecord<String, String>> records) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
				new StringSerializer())) {
			records.forEach(producer::send);
			producer.flush();
		}
	}

	private Properties producerConfig() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		return config;
	}

	/** {@code records} to {@code partition}, or where the producer puts them if null. */
	private void produce(Map<String, String> records, Integer partition) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
				new StringSerializer())) {
			records.forEach((key, value) -> producer.send(new ProducerRecord<>("persona.customers", partition, key, value)));
			producer.flush();
		}
	}

	static Map<String, String> batch(String prefix, int size) {
		Map<String, String> records = new HashMap<>();
		for (int i = 0; i < size; i++) {
			records.put(prefix + i, customer(prefix + i, i % 4, String.valueOf(60 * (i % 5 + 1)), i % 300));
		}
		return records;
	}

	static String customer(String id, int orders, String total, Integer daysSinceLastOrder) {
		String summary = (orders == 0) ? "{\"orderCount\":0}"
				: "{\"orderCount\":" + orders + ",\"totalSpent\":" + total + ",\"daysSinceLastOrder\":" + daysSinceLastOrder + "}";
		return "{\"customerId\":\"" + id + "\",\"asOf\":\"2026-11-01T00:00:00Z\",\"profile\":{\"country\":\"SE\",\"emailConsent\":true},"
				+ "\"summary\":" + summary + "}";
	}

	static long count(Map<String, List<ConsumerRecord<String, String>>> records, String prefix) {
		return keys(records, prefix).size();
	}

	static Set<String> keys(Map<String, List<ConsumerRecord<String, String>>> records, String prefix) {
		Predicate<String> wanted = (key) -> key.startsWith(prefix);
		Set<String> keys = new HashSet<>();
		records.keySet().stream().filter(wanted).forEach(keys::add);
		return keys;
	}

	static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private static Path copyOfShippedRules() {
		try {
			Path copy = Files.createTempDirectory("persona-rules-kafka-");
			ShippedRules.copyTo(copy, (path) -> true);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
