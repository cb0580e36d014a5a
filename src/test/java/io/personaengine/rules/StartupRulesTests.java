package io.personaengine.rules;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The start-up load that runs beside the application context: it reads {@code persona.rules.*}
 * from the environment, offers itself to the context, and hands over the rule set, or the
 * problems that must stop the start, with file and line.
 */
class StartupRulesTests {

	@TempDir
	Path rules;

	@Test
	void rulesFolderFromTheEnvironmentIsLoadedAndOfferedToTheContext() throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> true);
		try (GenericApplicationContext context = contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			StartupRules startup = context.getBeanFactory().getBean(StartupRules.class);
			RuleSet ruleSet = startup.await();
			assertThat(ruleSet.ruleNames()).contains("RecentFrequentHighValueBuyerIsHighRoller");
			assertThat(ruleSet.version()).isEqualTo(new RuleSetLoader(Clock.systemUTC()).load(this.rules).version());
		}
	}

	/** The StackOverflowError of Drools' parser stopped the start as a CompletionException, no file named. */
	@Test
	void ruleNestedTooDeeplyToParseStopsTheStartWithItsFileAndLine() throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> !file.startsWith("tests/"));
		Files.writeString(this.rules.resolve("deep.drl"), DeepRules.PARENTHESES);
		try (GenericApplicationContext context = contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			StartupRules startup = context.getBeanFactory().getBean(StartupRules.class);
			assertThatExceptionOfType(RuleSetException.class).isThrownBy(startup::await)
				.satisfies((ex) -> assertThat(ex.problems()).singleElement()
					.isEqualTo(new RuleProblem("deep.drl", 6, 32 + DeepRules.LEVELS, DeepRules.SAID)));
		}
	}

	@Test
	void ruleThatDoesNotCompileStopsTheStartWithItsFileAndLine() throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> !file.startsWith("tests/"));
		Files.writeString(this.rules.resolve("broken.drl"), "package io.personaengine.rules;\n\nrule \"Broken\"\nwhen\n    CustomerFacts( )\n");
		try (GenericApplicationContext context = contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			StartupRules startup = context.getBeanFactory().getBean(StartupRules.class);
			assertThatExceptionOfType(RuleSetException.class).isThrownBy(startup::await)
				.satisfies((ex) -> assertThat(ex.problems()).anySatisfy((problem) -> {
					assertThat(problem.file()).isEqualTo("broken.drl");
					assertThat(problem.line()).isPositive();
				}));
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void startingWithNoScenariosToCheckIsWarnedAbout(CapturedOutput output) throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> !file.startsWith("tests/"));
		try (GenericApplicationContext context = contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			context.getBeanFactory().getBean(StartupRules.class).await();
		}
		assertThat(output.getOut()).containsPattern("WARN .* is live without scenario checks: .*/tests holds no scenarios");
	}

	/** Refusing it stopped the start; passing it unseen hid that it checks nothing. */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void scenarioFileWithNoScenariosIsWarnedOfAndTheStartGoesOn(CapturedOutput output) throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> true);
		Files.writeString(this.rules.resolve("tests/empty.yaml"), "");
		try (GenericApplicationContext context = contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			RuleSet ruleSet = context.getBeanFactory().getBean(StartupRules.class).await();
			assertThat(output.getOut()).containsPattern("WARN .*Rule set " + ruleSet.version() + " is live with 1 warning\\(s\\):")
				.contains("\n  tests/empty.yaml: no scenarios in the file: it checks nothing");
		}
	}

	@Test
	void ruleSetHandedOverIsNotKeptForTheLifeOfTheContext() throws Exception {
		ShippedRules.copyTo(this.rules, (file) -> !file.startsWith("tests/"));
		try (GenericApplicationContext context = contextWithRules(this.rules)) {
			new StartupRules().initialize(context);
			StartupRules startup = context.getBeanFactory().getBean(StartupRules.class);
			WeakReference<RuleSet> handedOver = new WeakReference<>(startup.await());
			// Once reloads have replaced it and it has left the history, nothing else holds it.
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				System.gc();
				return handedOver.get() == null;
			});
		}
	}

	/** A context, not yet refreshed, whose environment sets persona.rules.dir to {@code rules}. */
	static GenericApplicationContext contextWithRules(Path rules) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("persona.rules.dir", rules.toString())));
		return context;
	}

}
