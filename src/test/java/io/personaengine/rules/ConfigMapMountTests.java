package io.personaengine.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.personaengine.JarCommands;
import io.personaengine.JarCommands.Run;
import io.personaengine.scenarios.ScenarioFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The rules mounted from a Kubernetes ConfigMap: every name at the top a link into a hidden
 * folder ({@code catalogue -> ..data/catalogue}), read as the names show it.
 */
class ConfigMapMountTests {

	@TempDir
	Path deploy;

	Path shipped;

	ConfigMapMount configMap;

	WatchedRules watched;

	@BeforeEach
	void mountACopyOfTheShippedRules() throws IOException {
		this.shipped = Files.createDirectories(this.deploy.resolve("shipped"));
		ShippedRules.copyTo(this.shipped, (path) -> true);
		this.configMap = ConfigMapMount.of(this.deploy.resolve("rules"), this.shipped);
	}

	@AfterEach
	void stop() {
		if (this.watched != null) {
			this.watched.watcher().stop();
		}
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
		RuleProblem cycle = new RuleProblem("catalogue/all-rules", 0, 0, "a link to .., which leads back to "
				+ this.shipped.toRealPath()
				+ ", a folder it is in: its files would be read without end; remove the link or point it elsewhere");
		assertThatExceptionOfType(RuleSetException.class)
			.isThrownBy(() -> new RuleSetLoader(Clock.systemUTC()).load(this.shipped))
			.satisfies((refused) -> assertThat(refused.problems()).containsExactly(cycle));
	}

	/**
	 * {@code shared -> ..} leads to the folder the rules folder is in, and the loop is met one step
	 * further on, at {@code shared/<rules>}, which is no link: it was named instead of the link.
	 */
	@Test
	void linkToTheFolderAboveTheRulesIsACycleNamedAtTheLinkNotWhereTheLoopIsMet() throws IOException {
		Files.createSymbolicLink(this.shipped.resolve("shared"), Path.of(".."));
		RuleProblem cycle = new RuleProblem("shared", 0, 0, "a link to .., which leads back to "
				+ this.shipped.getParent().toRealPath()
				+ ", a folder it is in: its files would be read without end; remove the link or point it elsewhere");
		assertThatExceptionOfType(RuleSetException.class)
			.isThrownBy(() -> new RuleSetLoader(Clock.systemUTC()).load(this.shipped))
			.satisfies((refused) -> assertThat(refused.problems()).containsExactly(cycle));
	}

	/**
	 * The kubelet writes an update into a new hidden folder, renames a link to it over
	 * {@code ..data} and deletes the old folder: no name the rules are read by changes, and the
	 * update was never seen (with sub-folders, their old folders' deletion was, once).
	 */
	@Test
	void updateGoesLiveAsItsLinkSwitchesAndSoDoesTheNext() throws IOException {
		ConfigMapMount mount = ConfigMapMount.of(this.deploy.resolve("mount"), rulesWithAov("v1", "100.00"));
		this.watched = WatchedRules.of(mount.path());

		mount.update(rulesWithAov("v2", "80.00"));
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		mount.update(rulesWithAov("v3", "70.00"));
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("70")) == 0);

		assertThat(this.watched.lifecycle().history()).extracting(RulesLifecycle.Loaded::reason)
			.containsExactly("link switched: ..data", "link switched: ..data", "start-up");
		assertThat(this.watched.live().current().files()).noneMatch((file) -> file.startsWith("."));
	}

	@Test
	void updateThatDoesNotCompileIsRefusedWhileTheOldRulesServeAndTheNextGoesLive() throws IOException {
		ConfigMapMount mount = ConfigMapMount.of(this.deploy.resolve("mount"), rulesWithAov("v1", "100.00"));
		this.watched = WatchedRules.of(mount.path());
		String serving = this.watched.live().current().version();

		Path broken = rulesWithAov("v2", "80.00");
		Files.writeString(broken.resolve("rule.drl"), "rule \"Broken\" when then oops end\n");
		mount.update(broken);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.watched.lifecycle().lastFailure() != null);
		assertThat(this.watched.lifecycle().lastFailure().problems()).extracting(RuleProblem::file).contains("rule.drl");
		assertThat(this.watched.live().current().version()).isEqualTo(serving);

		mount.update(rulesWithAov("v3", "70.00"));
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("70")) == 0);
		assertThat(this.watched.lifecycle().lastFailure().reason()).isEqualTo("link switched: ..data");
		assertThat(this.watched.lifecycle().currentEntry().reason()).isEqualTo("link switched: ..data");
	}

	/** A catalogue, thresholds with high-value AOV {@code aov}, a rule and a scenario folder: as items[].path lays them out. */
	private Path rulesWithAov(String release, String aov) throws IOException {
		Path rules = RulesFolderPathTests.rulesWithAov(this.deploy.resolve(release), aov);
		Files.createDirectories(rules.resolve("tests"));
		return rules;
	}

	private BigDecimal liveAov() {
		return this.watched.live().current().thresholds().getHighValueAov();
	}

}
