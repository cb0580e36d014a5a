package io.personaengine.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watcher follows the rules folder at the path it is configured with, as a deploy changes
 * what is there: through a link to a release's folder, and when the folder is moved away, deleted
 * and copied again, or switched with its link or a link above it. It used to stay on the folder
 * first found there: the old rules went on serving, and edits at the path were never seen.
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

	/** The reload's reason when the folder is gone, as the log and GET /api/v1/rules say it. */
	private static final String GONE = "rules folder moved away or deleted; it is read again once it is back";

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

	/** catalogue -> ../shared/catalogue: read through the link, and edited there, it went unseen. */
	@Test
	void folderLinkedIntoTheRulesFolderIsWatched() throws IOException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		Path shared = Files.createDirectories(this.deploy.resolve("shared"));
		Files.move(rules.resolve("catalogue"), shared.resolve("catalogue"));
		Files.createSymbolicLink(rules.resolve("catalogue"), Path.of("../shared/catalogue"));
		watch(rules);
		String before = this.live.current().version();
		Files.writeString(shared.resolve("catalogue/personas.yaml"), "\n# reviewed\n",
				java.nio.file.StandardOpenOption.APPEND);
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.live.current().version().equals(before));
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("file changed: catalogue/personas.yaml");
	}

	@Test
	void folderMovedAwayIsAFailedReloadAndTheOldRulesServe() throws IOException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		watch(rules);
		String serving = this.live.current().version();
		Files.move(rules, this.deploy.resolve("rules.old"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lifecycle.lastFailure() != null);
		assertThat(this.lifecycle.lastFailure().reason()).isEqualTo(GONE);
		assertThat(this.lifecycle.lastFailure().problems()).singleElement()
			.isEqualTo(new RuleProblem(rules.toString(), 0, 0, "not a folder (set persona.rules.dir or --rules)"));
		assertThat(this.live.current().version()).isEqualTo(serving);
	}

	@Test
	void folderMovedInPlaceOfTheRulesGoesLiveAndIsWatched() throws IOException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		Path next = rulesWithAov(this.deploy.resolve("rules.new"), "80.00");
		watch(rules);
		Files.move(rules, this.deploy.resolve("rules.old"));
		Files.move(next, rules);
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		editedAtThePathGoesLive(rules);
	}

	@Test
	void folderDeletedAndCopiedAgainOnceSaidGoneGoesLiveAndIsWatched() throws IOException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		watch(rules);
		FileSystemUtils.deleteRecursively(rules);
		// Copied again only once said gone: the old watcher stopped looking after 5 s, and never read it again.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.lifecycle.lastFailure() != null
				&& GONE.equals(this.lifecycle.lastFailure().reason()));
		rulesWithAov(rules, "80.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("rules folder back");
		editedAtThePathGoesLive(rules);
	}

	/** As {@code ln -sfn releases/v2 rules} does: a new link renamed over the old one. */
	@Test
	void linkSwitchedToAnotherReleaseGoesLiveAndIsWatched() throws IOException {
		Path v1 = rulesWithAov(this.deploy.resolve("releases/v1"), "100.00");
		Path v2 = rulesWithAov(this.deploy.resolve("releases/v2"), "80.00");
		Path rules = Files.createSymbolicLink(this.deploy.resolve("rules"), v1);
		watch(rules);
		switchLink(rules, v2);
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("rules folder replaced by another folder");
		editedAtThePathGoesLive(rules);
	}

	/** current -> releases/a, the rules at current/rules: no watch hears the switch, the check sees it. */
	@Test
	void linkAboveTheRulesFolderSwitchedGoesLiveAndIsWatched() throws IOException {
		rulesWithAov(this.deploy.resolve("releases/a/rules"), "100.00");
		rulesWithAov(this.deploy.resolve("releases/b/rules"), "80.00");
		Path current = Files.createSymbolicLink(this.deploy.resolve("current"), this.deploy.resolve("releases/a"));
		Path rules = current.resolve("rules");
		watch(rules);
		switchLink(current, this.deploy.resolve("releases/b"));
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		editedAtThePathGoesLive(rules);
	}

	/**
	 * Its watch stayed on the folder wherever it went: a save in its new place was a reload of the
	 * rules. Seen here by thresholds.yaml edited through a hard link outside the rules folder,
	 * which no watch hears: only a reload reads it.
	 */
	@Test
	void subFolderMovedOutOfTheRulesIsWatchedNoMore() throws IOException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		Files.createDirectories(rules.resolve("extra"));
		Files.writeString(rules.resolve("extra/more.drl"), RULE.replace("NeverFires", "AlsoNeverFires"));
		Path unheard = Files.createLink(this.deploy.resolve("thresholds.yaml"), rules.resolve(RuleFiles.THRESHOLDS));
		watch(rules);
		String serving = this.live.current().version();
		Files.move(rules.resolve("extra"), this.deploy.resolve("extra"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.live.current().version().equals(serving));
		assertThat(this.live.current().ruleNames()).containsExactly("NeverFires");

		setAov(unheard.getParent(), "80.00");
		Files.writeString(this.deploy.resolve("extra/more.drl"), "rule \"Broken\" when then oops end\n");
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.until(() -> liveAov().compareTo(new BigDecimal("100")) == 0 && this.lifecycle.lastFailure() == null);
	}

	/**
	 * Stopped with the reload for the folder replaced still to come (a context stopped mid-deploy),
	 * the watcher started again said the first edit after it as that folder's change, the reload
	 * pending at the stop never cancelled.
	 */
	@Test
	void firstEditAfterARestartIsSaidAsItselfNotAsTheChangePendingAtTheStop() throws IOException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		Path next = rulesWithAov(this.deploy.resolve("rules.new"), "80.00");
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger log = (Logger) LoggerFactory.getLogger(RulesWatcher.class);
		log.addAppender(logged);
		try {
			// Quiet long enough for the stop to come first.
			watch(rules, Duration.ofSeconds(2));
			Files.move(rules, this.deploy.resolve("rules.old"));
			Files.move(next, rules);
			// Replaced, or gone and back if the watcher looked between the moves: a folder's change either way.
			await().atMost(Duration.ofSeconds(20)).until(() -> RulesWatcherTests.copy(logged).stream()
				.anyMatch((event) -> event.getFormattedMessage().endsWith("; reading it")));
		}
		finally {
			log.detachAppender(logged);
		}
		this.watcher.stop();
		this.watcher.start();
		setAov(rules, "70.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("70")) == 0);
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("file changed: thresholds.yaml");
	}

	/**
	 * A folder added, the watcher walks the tree and sets its watches again, which for 1,500
	 * folders outlasts the quiet period: a save meanwhile went unheard, 2 times in 10, its event on
	 * a watch ended before the new ones were set, and the folder's reload had read before it.
	 */
	@Test
	void saveWhileTheWatchesAreSetAgainGoesLive() throws IOException, InterruptedException {
		Path rules = rulesWithAov(this.deploy.resolve("rules"), "100.00");
		for (int folder = 0; folder < 1500; folder++) {
			Files.createDirectories(rules.resolve("archive/" + (folder / 50) + "/" + folder));
		}
		watch(rules);
		int aov = 99;
		for (int after : new int[] { 0, 20, 40, 60, 80, 100, 120, 150, 200, 250 }) {
			Files.createDirectories(rules.resolve("new" + after));
			// A pause that places the save in the watcher's work, not a wait for anything.
			Thread.sleep(after);
			setAov(rules, aov + ".00");
			BigDecimal saved = new BigDecimal(aov);
			await().atMost(Duration.ofSeconds(5)).until(() -> liveAov().compareTo(saved) == 0);
			aov--;
		}
	}

	private void editedAtThePathGoesLive(Path rules) throws IOException {
		setAov(rules, "70.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("70")) == 0);
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("file changed: thresholds.yaml");
	}

	private static void switchLink(Path link, Path target) throws IOException {
		Path next = Files.createSymbolicLink(link.resolveSibling(link.getFileName() + ".next"), target);
		Files.move(next, link, StandardCopyOption.ATOMIC_MOVE);
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
		watch(rules, Duration.ofMillis(50));
	}

	private void watch(Path rules, Duration quietPeriod) {
		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC());
		this.live = new LiveRules(loader.load(rules));
		this.lifecycle = new RulesLifecycle(loader, this.live,
				new RulesProperties(rules, true, 10, true, Duration.ofMillis(50)), Clock.systemUTC(),
				new SimpleMeterRegistry());
		this.watcher = new RulesWatcher(this.lifecycle, quietPeriod);
		this.watcher.start();
	}

}
