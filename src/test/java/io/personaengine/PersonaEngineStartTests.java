package io.personaengine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.personaengine.rules.RuleSetException;
import io.personaengine.rules.RuleSetLoader;
import io.personaengine.rules.RulesLifecycle;
import io.personaengine.rules.ShippedRules;
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
	void startsServingTheRulesFolderOnceItHasLoaded() throws IOException {
		ShippedRules.copyTo(this.rules, (file) -> true);
		try (ConfigurableApplicationContext context = start()) {
			RulesLifecycle lifecycle = context.getBean(RulesLifecycle.class);
			assertThat(lifecycle.currentEntry().reason()).isEqualTo("start-up");
			assertThat(lifecycle.current().version())
				.isEqualTo(new RuleSetLoader(java.time.Clock.systemUTC()).load(this.rules).version());
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
