package io.personaengine.decisions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one request may ask: customers per batch, orders and events per customer.
 * Defaults are generous for real customers and keep one request's memory and time bounded.
 */
@Validated
@ConfigurationProperties("persona.decisions")
public record DecisionProperties(@Min(1) @Max(100_000) @DefaultValue("1000") int maxBatchSize,
		@Min(1) @DefaultValue("10000") int maxOrdersPerCustomer, @Min(1) @DefaultValue("50000") int maxEventsPerCustomer) {
}
