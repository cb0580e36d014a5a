package io.personaengine.decisions;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
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
		@NotNull @DurationMin(nanos = 0, message = NO_BOUND) @DefaultValue("2s") Duration timeout,
		@NotNull @DurationMin(nanos = 0, message = NO_BOUND) @DefaultValue("5m") Duration segmentationTimeout) {

	/**
	 * A negative time bound is refused rather than read as none: "-2s" is a slip for "2s" far more
	 * often than a way to write "0".
	 */
	static final String NO_BOUND = "must not be negative; 0 means no bound";

}
