package io.personaengine.streaming;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Decisions from a Kafka stream: off unless {@code persona.kafka.enabled=true}, so the service
 * starts without a broker. The broker itself (bootstrap servers, security) is configured with
 * Spring Boot's standard {@code spring.kafka.*} properties.
 *
 * @param customersTopic customers to decide, as the JSON of {@code POST /api/v1/decisions}
 * @param decisionsTopic decisions, keyed by customer id
 * @param deadLetterTopic records that cannot be decided, with why in their headers
 * @param partitions partitions of the topics this service creates
 * @param replicas replication factor of those topics
 * @param groupId consumer group
 * @param concurrency consumers in this instance; more than the partitions would idle
 * @param maxPollRecords records per poll, decided together
 * @param retries attempts after a failure that may be transient, before dead-lettering
 * @param retryInterval wait between those attempts
 */
@Validated
@ConfigurationProperties("persona.kafka")
public record StreamingProperties(@DefaultValue("false") boolean enabled,
		@NotBlank @DefaultValue("persona.customers") String customersTopic,
		@NotBlank @DefaultValue("persona.decisions") String decisionsTopic,
		@NotBlank @DefaultValue("persona.customers.DLT") String deadLetterTopic, @Min(1) @DefaultValue("3") int partitions,
		@Min(1) @DefaultValue("1") short replicas, @NotBlank @DefaultValue("persona-engine") String groupId,
		@Min(1) @DefaultValue("3") int concurrency, @Min(1) @DefaultValue("2000") int maxPollRecords,
		@Min(0) @DefaultValue("3") int retries, @NotNull @DurationMin(nanos = 0, message = "must not be negative") @DefaultValue("1s") Duration retryInterval) {
}
