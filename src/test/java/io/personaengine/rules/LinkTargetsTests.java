package io.personaengine.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rule file that is a link to a file outside the rules folder
 * ({@code thresholds.yaml -> ../shared/thresholds.yaml}) was read through the link, but its
 * target was not watched: saved there, it never went live; nor did a link switched outside on
 * the way to a linked folder. The watcher hears the folders a link leads through, as it hears
 * the rules folder.
 */
class LinkTargetsTests {

	@TempDir
	Path deploy;

	WatchedRules watched;

	@AfterEach
	void stop() {
		if (this.watched != null) {
			this.watched.watcher().stop();
		}
	}

	@Test
	void targetEditedInPlaceOrSavedByRenameGoesLive() throws IOException {
		Path shared = rulesLinkingThresholdsTo(this.deploy.resolve("shared"));
		RulesFolderPathTests.setAov(shared, "80.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		assertThat(this.watched.lifecycle().currentEntry().reason()).isEqualTo("file changed: thresholds.yaml");

		// As vim and most IDEs save: a new file renamed over the old one, which the link then leads to.
		savedByRename(shared.resolve(RuleFiles.THRESHOLDS), "70.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("70")) == 0);
		savedByRename(shared.resolve(RuleFiles.THRESHOLDS), "60.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("60")) == 0);
	}

	@Test
	void targetSavedBrokenIsRefusedWhileTheOldRulesServe() throws IOException {
		Path shared = rulesLinkingThresholdsTo(this.deploy.resolve("shared"));
		String serving = this.watched.live().current().version();
		Path thresholds = shared.resolve(RuleFiles.THRESHOLDS);
		Files.writeString(thresholds, Files.readString(thresholds).replace("highValueAov: 100.00", "highValueAov: lots"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.watched.lifecycle().lastFailure() != null);
		assertThat(this.watched.lifecycle().lastFailure().reason()).isEqualTo("file changed: thresholds.yaml");
		assertThat(this.watched.lifecycle().lastFailure().problems()).extracting(RuleProblem::file)
			.containsExactly(RuleFiles.THRESHOLDS);
		assertThat(this.watched.live().current().version()).isEqualTo(serving);
	}

	/** Moved away, the link leads nowhere and is refused; put back, the file goes live. */
	@Test
	void targetMovedAwayIsRefusedAndPutBackGoesLive() throws IOException {
		Path shared = rulesLinkingThresholdsTo(this.deploy.resolve("shared"));
		Path thresholds = shared.resolve(RuleFiles.THRESHOLDS);
		Files.move(thresholds, shared.resolve("thresholds.yaml.old"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.watched.lifecycle().lastFailure() != null);
		assertThat(this.watched.lifecycle().lastFailure().problems()).extracting(RuleProblem::file)
			.containsExactly(RuleFiles.THRESHOLDS);

		Files.move(shared.resolve("thresholds.yaml.old"), thresholds);
		RulesFolderPathTests.setAov(shared, "80.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
	}

	/** The target in a ConfigMap mount of its own: an update switches ..data there, and nothing in the rules folder. */
	@Test
	void targetInAConfigMapMountGoesLiveWhenTheMountIsUpdated() throws IOException {
		ConfigMapMount mount = ConfigMapMount.of(this.deploy.resolve("shared"), thresholdsWithAov("v1", "100.00"));
		rulesLinkingThresholdsTo(mount.path());
		mount.update(thresholdsWithAov("v2", "80.00"));
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("80")) == 0);
		mount.update(thresholdsWithAov("v3", "70.00"));
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("70")) == 0);
	}

	/** catalogue -> ../current/catalogue, and current switched from release v1 to v2 (v1 kept). */
	@Test
	void linkSwitchedOutsideOnTheWayToALinkedFolderGoesLive() throws IOException {
		Path rules = rulesWithTheirCatalogueInReleases();
		Path current = Files.createSymbolicLink(this.deploy.resolve("current"), Path.of("releases/v1"));
		Files.createSymbolicLink(rules.resolve("catalogue"), Path.of("../current/catalogue"));
		this.watched = WatchedRules.of(rules);
		String serving = this.watched.live().current().version();

		Path next = Files.createSymbolicLink(this.deploy.resolve("current.next"), Path.of("releases/v2"));
		Files.move(next, current, StandardCopyOption.ATOMIC_MOVE);
		await().atMost(Duration.ofSeconds(20)).until(() -> !this.watched.live().current().version().equals(serving));
		assertThat(this.watched.lifecycle().currentEntry().reason()).isEqualTo("link switched: catalogue");
	}

	/**
	 * catalogue -> ../releases/v1/catalogue pointed anew at ../current/catalogue, current -> releases/v1:
	 * the same folder read, so the watches were left as they were, and a switch of current then went
	 * unseen. The watches are set again when a link leads another way, not only to another folder.
	 */
	@Test
	void linkPointedAnewAtTheSameFolderByAnotherWayIsWatchedThatWay() throws IOException {
		Path rules = rulesWithTheirCatalogueInReleases();
		Path current = Files.createSymbolicLink(this.deploy.resolve("current"), Path.of("releases/v1"));
		Path catalogue = Files.createSymbolicLink(rules.resolve("catalogue"), Path.of("../releases/v1/catalogue"));
		this.watched = WatchedRules.of(rules);

		Path repointed = Files.createSymbolicLink(rules.resolve("catalogue.next"), Path.of("../current/catalogue"));
		Files.move(repointed, catalogue, StandardCopyOption.ATOMIC_MOVE);
		// Heard after the link, in the same folder: once live, the link was heard too.
		RulesFolderPathTests.setAov(rules, "90.00");
		await().atMost(Duration.ofSeconds(20)).until(() -> liveAov().compareTo(new BigDecimal("90")) == 0);
		String serving = this.watched.live().current().version();

		Path next = Files.createSymbolicLink(this.deploy.resolve("current.next"), Path.of("releases/v2"));
		Files.move(next, current, StandardCopyOption.ATOMIC_MOVE);
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.watched.live().current().version().equals(serving));
		assertThat(this.watched.lifecycle().currentEntry().reason()).isEqualTo("link switched: catalogue");
	}

	/** Rules whose catalogue is moved to releases/v1, and a copy reviewed since to releases/v2: no catalogue link yet. */
	private Path rulesWithTheirCatalogueInReleases() throws IOException {
		Path v1 = Files.createDirectories(this.deploy.resolve("releases/v1"));
		Path v2 = Files.createDirectories(this.deploy.resolve("releases/v2"));
		Path rules = RulesFolderPathTests.rulesWithAov(this.deploy.resolve("rules"), "100.00");
		Files.move(rules.resolve("catalogue"), v1.resolve("catalogue"));
		FileSystemUtils.copyRecursively(v1.resolve("catalogue"), v2.resolve("catalogue"));
		Files.writeString(v2.resolve("catalogue/personas.yaml"), "\n# reviewed\n", StandardOpenOption.APPEND);
		return rules;
	}

	/**
	 * Rules watched whose thresholds.yaml is a link to the one in {@code shared}, a folder beside
	 * the rules folder (moved there if it holds none yet).
	 */
	private Path rulesLinkingThresholdsTo(Path shared) throws IOException {
		Path rules = RulesFolderPathTests.rulesWithAov(this.deploy.resolve("rules"), "100.00");
		Path thresholds = rules.resolve(RuleFiles.THRESHOLDS);
		if (!Files.exists(shared.resolve(RuleFiles.THRESHOLDS))) {
			Files.createDirectories(shared);
			Files.move(thresholds, shared.resolve(RuleFiles.THRESHOLDS));
		}
		else {
			Files.delete(thresholds);
		}
		Files.createSymbolicLink(thresholds, rules.relativize(shared.resolve(RuleFiles.THRESHOLDS)));
		this.watched = WatchedRules.of(rules);
		return shared;
	}

	private Path thresholdsWithAov(String release, String aov) throws IOException {
		Path folder = Files.createDirectories(this.deploy.resolve(release));
		Files.copy(ShippedRules.DIR.resolve(RuleFiles.THRESHOLDS), folder.resolve(RuleFiles.THRESHOLDS));
		RulesFolderPathTests.setAov(folder, aov);
		return folder;
	}

	private static void savedByRename(Path file, String aov) throws IOException {
		Path saving = file.resolveSibling(file.getFileName() + ".saving");
		Files.writeString(saving, Files.readString(file).replaceFirst("(?m)^highValueAov: .*$", "highValueAov: " + aov));
		Files.move(saving, file, StandardCopyOption.ATOMIC_MOVE);
	}

	private BigDecimal liveAov() {
		return this.watched.live().current().thresholds().getHighValueAov();
	}

}
