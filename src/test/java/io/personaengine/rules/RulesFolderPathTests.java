package io.personaengine.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher follows the rules folder at the path it is configured with, as a deploy changes
 * what is there: through a link to a release's folder.
 */
class RulesFolderPathTests {

	private static final String RULE = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;
			rule "NeverFires"
			when
			    CustomerFacts( orderCount < 0 )
			then
			end
			""";

	@TempDir
	Path deploy;

	LiveRules live;

	RulesLifecycle lifecycle;

	RulesWatcher watcher;

	@AfterEach
	void stop() {
		if (this.watcher != null) {
			this.watcher.stop();
		}
	}

	@Test
	void folderBelowALinkedRulesFolderIsWatched() throws IOException {
		Path release = rulesWithAov(this.deploy.resolve("releases/v1"), "100.00");
		Path rules = Files.createSymbolicLink(this.deploy.resolve("rules"), release);
		watch(rules);
		String before = this.live.current().version();
		Files.writeString(rules.resolve("catalogue/personas.yaml"), "\n# reviewed\n",
				java.nio.file.StandardOpenOption.APPEND);
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.live.current().version().equals(before));
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("file changed: catalogue/personas.yaml");
	}

	/** A folder of the shipped catalogues and thresholds, with high-value AOV {@code aov}, and one rule. */
	static Path rulesWithAov(Path folder, String aov) throws IOException {
		Files.createDirectories(folder);
		ShippedRules.copyTo(folder, (path) -> path.endsWith(".yaml") && !path.startsWith("tests/"));
		Files.writeString(folder.resolve("rule.drl"), RULE);
		setAov(folder, aov);
		return folder;
	}

	static void setAov(Path folder, String aov) throws IOException {
		Path thresholds = folder.resolve(RuleFiles.THRESHOLDS);
		Files.writeString(thresholds,
				Files.readString(thresholds).replaceFirst("(?m)^highValueAov: .*$", "highValueAov: " + aov));
	}

	BigDecimal liveAov() {
		return this.live.current().thresholds().getHighValueAov();
	}

	private void watch(Path rules) {
		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC());
		this.live = new LiveRules(loader.load(rules));
		this.lifecycle = new RulesLifecycle(loader, this.live,
				new RulesProperties(rules, true, 10, true, Duration.ofMillis(50)), Clock.systemUTC(),
				new SimpleMeterRegistry());
		this.watcher = new RulesWatcher(this.lifecycle, Duration.ofMillis(50));
		this.watcher.start();
	}

}
