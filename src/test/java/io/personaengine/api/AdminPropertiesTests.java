package io.personaengine.api;

import io.personaengine.PersonaEngineApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class AdminPropertiesTests {

	@Test
	void adminEndpointsWithoutAPasswordStopTheStartWithAClearMessage() {
		SpringApplication application = new SpringApplication(PersonaEngineApplication.class);
		assertThatException().isThrownBy(() -> application.run("--persona.admin.enabled=true", "--persona.rules.watch=false", "--server.port=0"))
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("persona.admin.password is not set")
				.contains("PERSONA_ADMIN_PASSWORD"));
	}

	@Test
	void adminEndpointsOffNeedNoPassword() {
		assertThat(new AdminProperties(false, "admin", null).enabled()).isFalse();
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
