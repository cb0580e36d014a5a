package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.personaengine.JarCommands;
import io.personaengine.JarCommands.Run;
import io.personaengine.scenarios.ScenarioFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules mounted from a Kubernetes ConfigMap: every name at the top a link into a hidden
 * folder ({@code catalogue -> ..data/catalogue}), read as the names show it.
 */
class ConfigMapMountTests {

	@TempDir
	Path deploy;

	Path shipped;

	ConfigMapMount configMap;

	@BeforeEach
	void mountACopyOfTheShippedRules() throws IOException {
		this.shipped = Files.createDirectories(this.deploy.resolve("shipped"));
		ShippedRules.copyTo(this.shipped, (path) -> true);
		this.configMap = ConfigMapMount.of(this.deploy.resolve("rules"), this.shipped);
	}

	@Test
	void mountIsReadAsTheNamesAtItsTopShowIt() {
		Path rules = this.configMap.path();
		assertThat(RuleFiles.read(rules).keySet()).containsExactlyElementsOf(RuleFiles.read(this.shipped).keySet());
		assertThat(ScenarioFiles.read(rules).keySet()).isNotEmpty()
			.containsExactlyElementsOf(ScenarioFiles.read(this.shipped).keySet());
		// Without catalogue/ every persona and segment was warned of as having no entry.
		assertThat(new RuleSetLoader(Clock.systemUTC()).load(rules).warnings()).isEmpty();
	}

	/** It said "No scenarios: put scenario files in …/tests" and exited 2. */
	@Test
	void testRulesRunsTheScenariosOfAMount() {
		Run run = JarCommands.run("test-rules", "--rules", this.configMap.path().toString());
		assertThat(run.err()).isEmpty();
		assertThat(run.exit()).isZero();
		assertThat(run.out()).contains("PASS  tests/personas.yaml:").contains(" passed, 0 failed");
	}

	/** Followed, a link to a folder above it would be read without end. */
	@Test
	void linkBackToAFolderItIsInIsACycleNamedAtTheLink() throws IOException {
		Files.createSymbolicLink(this.shipped.resolve("catalogue/all-rules"), Path.of(".."));
		// A hidden one is not read, so no cycle either.
		Files.createSymbolicLink(this.shipped.resolve("catalogue/.self"), Path.of("."));
		RuleProblem cycle = new RuleProblem("catalogue/all-rules", 0, 0, "a link back to " + this.shipped.toRealPath()
				+ ", a folder it is in: its files would be read without end; remove the link or point it elsewhere");
		assertThatExceptionOfType(RuleSetException.class)
			.isThrownBy(() -> new RuleSetLoader(Clock.systemUTC()).load(this.shipped))
			.satisfies((refused) -> assertThat(refused.problems()).containsExactly(cycle));
	}

}
