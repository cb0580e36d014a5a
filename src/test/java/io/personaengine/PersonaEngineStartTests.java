package io.personaengine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.personaengine.rules.RuleSetException;
import io.personaengine.rules.RuleSetLoader;
import io.personaengine.rules.RulesLifecycle;
import io.personaengine.rules.ShippedRules;
import io.personaengine.rules.StartupRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The service started the way {@code main} starts it: the rules compile on their own thread
 * while the context is built, and the start waits for them before it serves.
 */
class PersonaEngineStartTests {

	@TempDir
	Path rules;

	@Test
	void startsServingTheRulesFolderOnceItHasLoaded() throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> true);
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBeanProvider(StartupRules.class).getIfAvailable())
				.as("the rules were loaded by main's initializer").isNotNull();
			RulesLifecycle lifecycle = context.getBean(RulesLifecycle.class);
			assertThat(lifecycle.currentEntry().reason()).isEqualTo("start-up");
			assertThat(lifecycle.current().version())
				.isEqualTo(new RuleSetLoader(Clock.systemUTC()).load(this.rules).version());
			URI health = URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port")
					+ "/actuator/health");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("UP");
		}
	}

	@Test
	void ruleThatDoesNotCompileStopsTheStartWithItsFileAndLine() throws IOException {
		ShippedRules.copyTo(this.rules, (file) -> !file.startsWith("tests/"));
		Files.writeString(this.rules.resolve("broken.drl"),
				"package io.personaengine.rules;\n\nrule \"Broken\"\nwhen\n    CustomerFacts( )\n");
		assertThatException().isThrownBy(this::start)
			.havingRootCause()
			.isInstanceOfSatisfying(RuleSetException.class, (ex) -> assertThat(ex.problems()).anySatisfy((problem) -> {
				assertThat(problem.file()).isEqualTo("broken.drl");
				assertThat(problem.line()).isPositive();
			}));
	}

	private ConfigurableApplicationContext start() {
		return PersonaEngineApplication.service()
			.run("--server.port=0", "--persona.rules.dir=" + this.rules, "--persona.rules.watch=false",
					"--spring.main.banner-mode=off");
	}

}
