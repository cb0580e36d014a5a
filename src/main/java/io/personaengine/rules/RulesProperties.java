package io.personaengine.rules;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Where the rules live: {@code persona.rules.dir}, {@code ./rules} by default. */
@Validated
@ConfigurationProperties("persona.rules")
public record RulesProperties(@NotNull @DefaultValue("rules") Path dir) {
}
