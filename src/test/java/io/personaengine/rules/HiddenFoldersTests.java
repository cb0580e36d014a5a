package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rules folder kept in git, or edited in an editor that keeps a local history: the hidden
 * folders in it hold no rules of the user's, and are neither read nor watched.
 */
class HiddenFoldersTests {

	@TempDir
	Path rules;

	WatchedRules watched;

	@BeforeEach
	void copyShippedRulesIntoAGitWorkingCopy() throws IOException {
		ShippedRules.copyTo(this.rules, (path) -> !path.startsWith("tests/"));
		Files.createDirectories(this.rules.resolve(".git/objects/a1"));
		Files.createDirectories(this.rules.resolve(".git/refs/heads"));
		Files.writeString(this.rules.resolve(".git/HEAD"), "ref: refs/heads/main\n");
		Files.writeString(this.rules.resolve(".git/index"), "DIRC");
		Files.writeString(this.rules.resolve(".git/objects/a1/b2c3d4e5f6"), "blob");
	}

	@AfterEach
	void stop() {
		if (this.watched != null) {
			this.watched.watcher().stop();
		}
	}

	/**
	 * VS Code's Local History keeps a copy of each save there. Drools leaves it out, but the
	 * service's own checks read it: a copy from before a segment was renamed (BIG_SPENDER, now
	 * TOP_SPENDER) failed the start with an unknown segment, in a file no rule set is built from.
	 */
	@Test
	void copiesOfTheRulesInAHiddenFolderAreNotRead() throws IOException {
		Files.createDirectories(this.rules.resolve(".history"));
		Files.writeString(this.rules.resolve(".history/segment-recommendations_20261101093000.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;
				rule "BigSpenderIsRecommendedVipPerks"
				when
				    SegmentMatch( segment == "BIG_SPENDER", $c : customer )
				then
				end
				""");
		Files.writeString(this.rules.resolve(".git/objects/a1/stray.drl"), "rule \"Stray\" when then oops end\n");
		RuleSet ruleSet = new RuleSetLoader(Clock.systemUTC()).load(this.rules);
		assertThat(ruleSet.warnings()).isEmpty();
		assertThat(ruleSet.files()).isNotEmpty().noneMatch((file) -> file.startsWith("."));
		assertThat(RuleFiles.read(this.rules)).containsOnlyKeys(ruleSet.files());
	}

	/**
	 * A commit, git status, or a checkout writes .git/: each was a reload, and while a save was
	 * broken, another failed reload counted ({@code persona_rules_reloads_total}) and shown as
	 * changed by .git/index.
	 */
	@Test
	void gitWritingItsFolderIsNoReloadWhileASaveIsBroken() throws IOException {
		this.watched = WatchedRules.of(this.rules);
		RulesLifecycle lifecycle = this.watched.lifecycle();
		Files.writeString(this.rules.resolve("broken.drl"), "rule \"Broken\" when then oops end\n");
		await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle.lastFailure() != null);
		assertThat(lifecycle.lastFailure().reason()).isEqualTo("file changed: broken.drl");

		Files.writeString(this.rules.resolve(".git/index"), "DIRC, broken.drl staged");
		Files.createDirectories(this.rules.resolve(".git/objects/c4"));
		Files.writeString(this.rules.resolve(".git/objects/c4/d5e6f7a8b9"), "blob");
		Files.writeString(this.rules.resolve(".git/refs/heads/main"), "c4d5e6f7a8b9\n");

		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> this.watched.reloads("compile_error") == 1
					&& "file changed: broken.drl".equals(lifecycle.lastFailure().reason()));
	}

}
