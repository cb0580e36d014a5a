package io.personaengine.rules;

import java.nio.file.Path;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where compiled rules are kept between starts ({@link CompiledRules}); unset, the default, keeps
 * none.
 *
 * @param dir the folder; the service loads class files from it, so it must be as protected as
 * the application's jar
 */
@Validated
@ConfigurationProperties("persona.rules.cache")
public record RulesCacheProperties(Path dir) {

	@AssertTrue(message = "must be a folder that only its owner can write, not a temporary folder: "
			+ "the service loads compiled classes from it")
	public boolean isDirSafe() {
		return this.dir == null || CompiledRules.unsafe(this.dir) == null;
	}

}
