package io.personaengine;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A setting the service cannot work with stops the start with Spring Boot's report naming the
 * property and why, not a stack trace, and not a service that starts and misbehaves later.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			persona.decisions.timeout              | -2s   | must not be negative; 0 means no bound
			persona.decisions.segmentation-timeout | -5m   | must not be negative; 0 means no bound
			persona.rules.watch-quiet-period       | -1ms  | must not be negative
			persona.kafka.retry-interval           | -1s   | must not be negative
			persona.api.max-body-size              | -1    | persona.api.max-body-size is -1B; it must be more than 0
			persona.api.max-body-size              | 0KB   | persona.api.max-body-size is 0B; it must be more than 0
			""")
	void negativeDurationOrSizeStopsTheStartNamingTheProperty(String property, String value, String reason,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> PersonaEngineApplication.service()
			.run("--server.port=0", "--persona.rules.watch=false", "--spring.main.banner-mode=off", "--" + property + "=" + value));
		assertThat(output).contains("APPLICATION FAILED TO START").contains(property).contains(reason).doesNotContain("\tat ");
	}

}
