package io.personaengine.rules;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rules folder and how changes to it go live.
 *
 * @param dir the rules folder, {@code ./rules} by default
 * @param checkScenarios a candidate must pass the scenarios in {@code tests/} to go live
 * @param historySize how many good rule sets are kept for rollback
 * @param watch reload when files in the folder change
 * @param watchQuietPeriod how long the folder must stay quiet after a change before it is read,
 * so that a save in progress is never half read
 */
@Validated
@ConfigurationProperties("persona.rules")
public record RulesProperties(@NotNull @DefaultValue("rules") Path dir, @DefaultValue("true") boolean checkScenarios,
		@Min(2) @Max(1000) @DefaultValue("10") int historySize, @DefaultValue("true") boolean watch,
		@NotNull @DurationMin(nanos = 0, message = "must not be negative") @DefaultValue("200ms") Duration watchQuietPeriod) {
}
