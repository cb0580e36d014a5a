package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.personaengine.JarCommands;
import io.personaengine.JarCommands.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A link in the rules folder whose target is gone ({@code personas.drl -> /gone/personas.drl}, a
 * shared volume not mounted, a release deleted under a linked folder) was skipped without a word:
 * the rules went live without what it held. It is refused at the link, naming what is missing,
 * wherever the folder is read; an editor's lock link (emacs' {@code .#name}) is hidden, and no rule.
 */
class LinksLeadingNowhereTests {

	@TempDir
	Path deploy;

	Path rules;

	WatchedRules watched;

	@BeforeEach
	void copyTheShippedRules() throws IOException {
		this.rules = Files.createDirectories(this.deploy.resolve("rules"));
		ShippedRules.copyTo(this.rules, (path) -> true);
		// Emacs' lock while personas.drl is being edited: a link to user@host.pid, which leads nowhere.
		Files.createSymbolicLink(this.rules.resolve(".#personas.drl"), Path.of("analyst@laptop.4242:1700000000"));
	}

	@AfterEach
	void stop() {
		if (this.watched != null) {
			this.watched.watcher().stop();
		}
	}

	@Test
	void linkToAFileThatIsGoneStopsTheStartNamingTheLinkAndWhatIsMissing() throws IOException {
		Path gone = this.deploy.resolve("shared/personas.drl");
		Files.move(this.rules.resolve("personas.drl"), this.deploy.resolve("personas.drl"));
		Files.createSymbolicLink(this.rules.resolve("personas.drl"), gone);
		try (GenericApplicationContext context = StartupRulesTests.contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			StartupRules startup = context.getBeanFactory().getBean(StartupRules.class);
			assertThatExceptionOfType(RuleSetException.class).isThrownBy(startup::await)
				.satisfies((refused) -> assertThat(refused.problems()).containsExactly(new RuleProblem("personas.drl", 0, 0,
						"a link to " + gone + ", which leads nowhere: " + gone.getParent() + " is not there; the rules "
								+ "would be read without what it holds: put it back, or remove the link")));
		}
	}

	@Test
	void linkedFolderThatLeadsNowhereIsARefusedReloadWhileTheOldRulesServe() throws IOException {
		this.watched = WatchedRules.of(this.rules);
		String serving = this.watched.live().current().version();
		Files.createSymbolicLink(this.rules.resolve("campaigns"), Path.of("../releases/v2/campaigns"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.watched.lifecycle().lastFailure() != null);
		ReloadReport refused = this.watched.lifecycle().lastFailure();
		assertThat(refused.reason()).isEqualTo("file changed: campaigns");
		assertThat(refused.problems()).containsExactly(new RuleProblem("campaigns", 0, 0,
				"a link to ../releases/v2/campaigns, which leads nowhere: " + this.deploy.toRealPath().resolve("releases")
						+ " is not there; the rules would be read without what it holds: put it back, or remove the link"));
		assertThat(this.watched.reloads("compile_error")).isPositive();
		assertThat(this.watched.live().current().version()).isEqualTo(serving);
	}

	@Test
	void testRulesSaysTheLinkThatLeadsNowhereAsRulesThatCannotBeReadAndExits2() throws IOException {
		Files.createSymbolicLink(this.rules.resolve("tests/gifts.yaml"), Path.of("gifts.yaml.orig"));
		Run run = JarCommands.run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).startsWith("The rules in " + this.rules.toAbsolutePath().normalize() + " cannot be read:\n")
			.contains("\n  tests/gifts.yaml: a link to gifts.yaml.orig, which leads nowhere: "
				+ this.rules.toRealPath().resolve("tests/gifts.yaml.orig") + " is not there;");
	}

}
