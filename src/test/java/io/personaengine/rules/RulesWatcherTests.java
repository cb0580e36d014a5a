package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Saving a file in the rules folder reloads it; editors' temporary files do not. */
class RulesWatcherTests {

	@TempDir
	Path rules;

	LiveRules live;

	RulesLifecycle lifecycle;

	RulesWatcher watcher;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void watchACopyOfTheShippedRules() throws IOException {
		ShippedRules.copyTo(this.rules, (path) -> !path.startsWith("tests/"));
		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC());
		this.live = new LiveRules(loader.load(this.rules));
		this.lifecycle = new RulesLifecycle(loader, this.live,
				new RulesProperties(this.rules, true, 10, true, Duration.ofMillis(200)), Clock.systemUTC(),
				this.meters);
		this.watcher = new RulesWatcher(this.lifecycle, Duration.ofMillis(200));
		this.watcher.start();
	}

	@AfterEach
	void stop() {
		this.watcher.stop();
	}

	@Test
	void savedChangeGoesLive() throws IOException {
		String before = this.live.current().version();
		replace("thresholds.yaml", "highValueAov: 100.00", "highValueAov: 80.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.live.current().version().equals(before));
		assertThat(this.live.current().thresholds().getHighValueAov()).isEqualByComparingTo("80");
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("file changed: thresholds.yaml");
	}

	/** A stopped watcher's executor took no more tasks: started again (a context restarted), it threw at start. */
	@Test
	void watcherStoppedAndStartedAgainSeesTheNextSave() throws IOException {
		this.watcher.stop();
		assertThat(this.watcher.isRunning()).isFalse();
		this.watcher.start();
		assertThat(this.watcher.isRunning()).isTrue();
		String before = this.live.current().version();
		replace("thresholds.yaml", "highValueAov: 100.00", "highValueAov: 90.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.live.current().version().equals(before));
		assertThat(this.live.current().thresholds().getHighValueAov()).isEqualByComparingTo("90");
	}

	@Test
	void brokenSaveIsRejectedAndRecorded() throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("personas.drl"), "\nrule \"Broken\" when then oops end\n",
				java.nio.file.StandardOpenOption.APPEND);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lifecycle.lastFailure() != null);
		assertThat(this.lifecycle.lastFailure().problems()).first().extracting(RuleProblem::file).isEqualTo("personas.drl");
		assertThat(this.live.current().version()).isEqualTo(before);
	}

	/**
	 * Drools' parser overflowed the stack on it: the watcher logged the Error, but the reload was
	 * neither counted nor shown as the last failure.
	 */
	@Test
	void saveNestedTooDeeplyToParseIsRejectedCountedAndRecorded() throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("deep.drl"), DeepRules.PARENTHESES);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lifecycle.lastFailure() != null);
		assertThat(this.lifecycle.lastFailure().problems()).singleElement()
			.isEqualTo(new RuleProblem("deep.drl", 6, 32 + DeepRules.LEVELS, DeepRules.SAID));
		assertThat(this.meters.get("persona.rules.reloads").tag("outcome", "compile_error").counter().count()).isEqualTo(1);
		assertThat(this.live.current().version()).isEqualTo(before);
	}

	@Test
	void newScenarioFolderIsWatchedToo() throws IOException {
		Files.createDirectories(this.rules.resolve("tests"));
		await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
		Files.writeString(this.rules.resolve("tests/failing.yaml"), """
				scenarios:
				  - name: Wrong on purpose
				    asOf: 2026-11-01T00:00:00Z
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: HIGH_ROLLER }
				""");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lifecycle.lastFailure() != null);
		assertThat(this.lifecycle.lastFailure().failedScenarios()).extracting(ReloadReport.FailedScenario::name)
			.containsExactly("Wrong on purpose");
	}

	/**
	 * An Error out of a reload, here the JVM's own (out of memory, which is no rule's failure)
	 * thrown by a rule's then part while the scenarios run, is said
	 * at ERROR: it went into the scheduled reload's Future, which no one reads, and the analyst who
	 * saved the file heard nothing.
	 */
	@Test
	void errorOutOfAReloadIsLoggedAtErrorAndTheOldRulesServe() throws IOException {
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger log = (Logger) LoggerFactory.getLogger(RulesWatcher.class);
		log.addAppender(logged);
		try {
			Files.createDirectories(this.rules.resolve("tests"));
			Files.writeString(this.rules.resolve("tests/scenario.yaml"), RulesLifecycleTests.SCENARIO);
			Files.writeString(this.rules.resolve("error.drl"), """
					package io.personaengine.rules;
					import io.personaengine.facts.CustomerFacts;
					rule "ThrowsAnError"
					when
					    CustomerFacts()
					then
					    throw new OutOfMemoryError("an Error thrown by a rule for tests");
					end
					""");
			String serving = this.live.current().version();
			await().atMost(Duration.ofSeconds(20)).until(() -> copy(logged).stream()
				.anyMatch((event) -> event.getLevel() == Level.ERROR && event.getThrowableProxy() != null
						&& event.getThrowableProxy().getClassName().equals(OutOfMemoryError.class.getName())));
			assertThat(copy(logged)).filteredOn((event) -> event.getLevel() == Level.ERROR)
				.first()
				.satisfies((event) -> assertThat(event.getFormattedMessage()).startsWith("Reload after a change to "));
			assertThat(this.live.current().version()).as("the rules serving").isEqualTo(serving);
			assertThat(this.live.current().ruleNames()).doesNotContain("ThrowsAnError");
		}
		finally {
			log.detachAppender(logged);
		}
	}

	/** Under the appender's lock, which Logback appends under from the watcher's thread. */
	static List<ILoggingEvent> copy(ListAppender<ILoggingEvent> logged) {
		synchronized (logged) {
			return List.copyOf(logged.list);
		}
	}

	@Test
	void editorTemporaryFilesDoNotTriggerAReload() throws IOException {
		Files.writeString(this.rules.resolve(".thresholds.yaml.swp"), "half a save");
		Files.writeString(this.rules.resolve("thresholds.yaml~"), "backup");
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> this.lifecycle.history().size() == 1 && this.lifecycle.lastFailure() == null);
	}

	private void replace(String file, String from, String to) throws IOException {
		Path path = this.rules.resolve(file);
		Files.writeString(path, Files.readString(path).replace(from, to));
	}

}
