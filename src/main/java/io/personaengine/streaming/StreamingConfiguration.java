package io.personaengine.streaming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.personaengine.decisions.DecisionService;
import io.personaengine.decisions.RulesDidNotSettleException;
import io.personaengine.facts.CustomerIds;
import io.personaengine.facts.Violation;
import io.personaengine.metrics.DecisionMetrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka, declared as beans: the topics, an idempotent producer, the failure policy (retry what
 * may be transient, then dead-letter) and a batch listener container that commits offsets only
 * after everything a poll produced was acknowledged by the broker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamingProperties.class)
@ConditionalOnProperty(name = "persona.kafka.enabled", havingValue = "true")
class StreamingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StreamingConfiguration.class);

	@Bean
	NewTopic customersTopic(StreamingProperties properties) {
		return TopicBuilder.name(properties.customersTopic()).partitions(properties.partitions()).replicas(properties.replicas()).build();
	}

	@Bean
	NewTopic decisionsTopic(StreamingProperties properties) {
		return TopicBuilder.name(properties.decisionsTopic()).partitions(properties.partitions()).replicas(properties.replicas()).build();
	}

	@Bean
	NewTopic deadLetterTopic(StreamingProperties properties) {
		return TopicBuilder.name(properties.deadLetterTopic()).partitions(properties.partitions()).replicas(properties.replicas()).build();
	}

	/** Decisions and dead letters: values are bytes we serialised, or the original record's. */
	@Bean
	ProducerFactory<String, byte[]> personaProducerFactory(KafkaProperties kafka, MeterRegistry meters) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
		// Kafka's 16 KB batch holds ten decisions (about 1.6 KB each): a poll of 2,000 became two
		// hundred produce requests, each acknowledged by every replica. 256 KB stays well below the
		// 1 MB a request and a broker's record batch may be.
		config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(),
				new ByteArraySerializer());
		factory.addListener(new MicrometerProducerListener<>(meters));
		return factory;
	}

	@Bean
	KafkaTemplate<String, byte[]> personaKafkaTemplate(ProducerFactory<String, byte[]> personaProducerFactory) {
		KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(personaProducerFactory);
		// Spring Kafka's default listener logs each failed send at ERROR with a stack trace and the
		// key as it is: a customer's id, any text, whose line break would forge a log line. What
		// failed is said already: a decision's send by FailedCustomers, in one line naming the
		// customer escaped; a dead letter's by the recoverer, by topic, partition and offset.
		template.setProducerListener(null);
		// At DEBUG (a failed send) and TRACE (every send) the template logs the record, by default
		// as its toString: the key as it is, and the headers as arrays of numbers.
		KafkaUtils.setProducerRecordFormatter(StreamingConfiguration::describe);
		return template;
	}

	/** The bootstrap servers of a client's configuration, as written: host:port, comma-separated. */
	static String brokers(Map<String, Object> config) {
		Object servers = config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
		return (servers instanceof List<?> list) ? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
				: String.valueOf(servers);
	}

	/** A record we send, as Spring Kafka's lines name it: where it went and its key, escaped. */
	static String describe(ProducerRecord<?, ?> record) {
		String where = (record.partition() != null) ? record.topic() + "-" + record.partition() : record.topic();
		return where + " key " + CustomerIds.inMessage(String.valueOf(record.key()));
	}

	/** Values are read as bytes, so that a record that is not JSON can still be dead-lettered as it was. */
	@Bean
	ConsumerFactory<String, byte[]> personaConsumerFactory(KafkaProperties kafka, StreamingProperties properties,
			MeterRegistry meters) {
		Map<String, Object> config = kafka.buildConsumerProperties();
		config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
		config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		// Kafka's own client metrics, records lag among them, for the dashboards.
		factory.addListener(new MicrometerConsumerListener<>(meters));
		return factory;
	}

	/**
	 * A failure of the rules or the producer may be transient: the listener names the record it
	 * failed on, the records before it are committed, and that record is retried with back-off
	 * (with the ones after it, which are delivered again). When retries run out, that record alone
	 * goes to the dead-letter topic, with reason {@code failed}, the exception in Spring Kafka's
	 * standard {@code kafka_dlt-exception-*} headers and what failed as the error
	 * ({@link DeadLetters#messageOf}: a rule that threw named with its file and line).
	 * <p>
	 * A rule set that loops for a customer loops for it every time, so that customer goes to the
	 * dead-letter topic at the first failure, with reason {@code rules-did-not-settle}: retrying
	 * would only hold up the records after it. The classifier finds the exception among the causes
	 * of the {@code BatchListenerFailedException} the listener throws.
	 * <p>
	 * Each retry is logged in one line at WARN, each dead letter in one line at ERROR with its
	 * reason ({@link FailedCustomers}).
	 */
	@Bean
	DefaultErrorHandler personaErrorHandler(KafkaTemplate<String, byte[]> personaKafkaTemplate, StreamingProperties properties,
			JsonMapper json, MeterRegistry meters) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(personaKafkaTemplate,
				(record, ex) -> new TopicPartition(properties.deadLetterTopic(), -1));
		recoverer.setHeadersFunction((record, ex) -> {
			Violation error = new Violation("", DeadLetters.messageOf(ex));
			return new RecordHeaders()
				.add(DeadLetters.REASON, DeadLetters.reasonFor(ex).getBytes(StandardCharsets.UTF_8))
				.add(DeadLetters.ERRORS, json.writeValueAsBytes(List.of(error)))
				.add(DeadLetters.ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8))
				.add(DeadLetters.ORIGINAL_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8))
				.add(DeadLetters.ORIGINAL_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
		});
		// The recoverer keeps a record's headers on its dead letter, and with them those of an
		// earlier failure, when a dead letter is published again: this failure's are the ones said.
		FailedCustomers failed = new FailedCustomers(
				(record, ex) -> recoverer.accept(DeadLetters.withOwnHeaders(record), ex), meters, properties);
		DefaultErrorHandler handler = new DefaultErrorHandler(failed,
				new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()), failed);
		handler.addNotRetryableExceptions(RulesDidNotSettleException.class);
		handler.setRetryListeners(failed);
		// After a retry is prepared or a record dead-lettered, the handler throws "Seek to current
		// after exception" so that the records after it are delivered again: how it works, not a
		// failure, yet logged at ERROR with a stack trace by default. FailedCustomers says what
		// happened, in one line.
		handler.setLogLevel(KafkaException.Level.DEBUG);
		return handler;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> personaListenerContainerFactory(
			ConsumerFactory<String, byte[]> personaConsumerFactory, DefaultErrorHandler personaErrorHandler,
			StreamingProperties properties) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(personaConsumerFactory);
		factory.setBatchListener(true);
		factory.setConcurrency(properties.concurrency());
		factory.setCommonErrorHandler(personaErrorHandler);
		// Offsets are committed after the listener returns, and it returns only once the broker
		// has acknowledged every decision and dead letter of the poll.
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		return factory;
	}

	/** {@code kafka} in {@code /actuator/health}. */
	@Bean
	KafkaHealth kafkaHealthIndicator(KafkaListenerEndpointRegistry registry) {
		return new KafkaHealth(registry);
	}

	@Bean
	CustomerListener customerListener(DecisionService decisions, KafkaTemplate<String, byte[]> personaKafkaTemplate,
			JsonMapper json, StreamingProperties properties, MeterRegistry meters, DecisionMetrics decisionMetrics,
			KafkaProperties kafka) {
		// In one line: Kafka's own clients say it only in their configuration dumps, some hundred
		// lines each.
		log.info("Kafka on: customers from {} at {} (group {}, {} consumers); decisions to {}, dead letters to {}",
				properties.customersTopic(), brokers(kafka.buildConsumerProperties()), properties.groupId(),
				properties.concurrency(), properties.decisionsTopic(), properties.deadLetterTopic());
		return new CustomerListener(decisions, personaKafkaTemplate, json, properties, meters, decisionMetrics);
	}

}
