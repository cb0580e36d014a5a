package io.personaengine.decisions;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one request may ask: customers per batch, orders and events per customer, and
 * how long its rules may run. Defaults are generous for real customers and keep one request's
 * memory and time bounded.
 *
 * @param timeout how long the rules may run for one decision, one batch or one Kafka poll (a
 * batch of 1,000 customers takes tens of milliseconds); 0 for no bound
 * @param segmentationTimeout how long one segmentation upload may take, from reading its files to
 * its last decision; 0 for no bound
 */
@Validated
@ConfigurationProperties("persona.decisions")
public record DecisionProperties(@Min(1) @Max(100_000) @DefaultValue("1000") int maxBatchSize,
		@Min(1) @DefaultValue("10000") int maxOrdersPerCustomer, @Min(1) @DefaultValue("50000") int maxEventsPerCustomer,
		@NotNull @DefaultValue("2s") Duration timeout, @NotNull @DefaultValue("5m") Duration segmentationTimeout) {
}
