package io.personaengine.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.personaengine.scenarios.ScenarioFiles;
import io.personaengine.scenarios.ScenarioResult;
import io.personaengine.scenarios.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rule set the service starts with: the folder compiled and, with scenario checks on, its
 * scenarios passed; the same bar a reload must pass. Compiling rules is most of a start-up, so
 * as an initializer it begins on its own thread before the application context is built, and
 * the context's {@code liveRules} bean waits for it (see {@code RulesConfiguration}).
 */
public final class StartupRules implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Logger log = LoggerFactory.getLogger(StartupRules.class);

	static final String BEAN_NAME = "startupRules";

	/**
	 * Said whenever rules go live with the checks on but nothing to check: an emptied tests/
	 * folder would otherwise switch the safety net off without a word.
	 */
	static final String NO_SCENARIOS = "Rule set {} is live without scenario checks: {}/tests holds no scenarios";

	private BackgroundRules loading;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		RulesProperties properties = Binder.get(context.getEnvironment())
			.bindOrCreate("persona.rules", RulesProperties.class);
		this.loading = BackgroundRules.start("rules-startup", () -> load(new RuleSetLoader(Clock.systemUTC()), properties));
		context.getBeanFactory().registerSingleton(BEAN_NAME, this);
	}

	/**
	 * The rule set, once loaded; a rule set that fails stops the start with its problems. Handed
	 * over once and then let go of: this bean lives as long as the context, and would otherwise
	 * keep the start-up rule set, its KieBase and every session of its pool after reloads have
	 * replaced it and it has left the rollback history.
	 */
	RuleSet await() {
		if (this.loading == null) {
			throw new IllegalStateException("the start-up rule set has been handed over already");
		}
		RuleSet ruleSet = this.loading.await();
		this.loading = null;
		return ruleSet;
	}

	static RuleSet load(RuleSetLoader loader, RulesProperties properties) {
		Path dir = properties.dir().toAbsolutePath().normalize();
		RuleSet ruleSet = loader.load(dir);
		int scenarios = 0;
		List<RuleProblem> warnings = new ArrayList<>(ruleSet.warnings());
		if (properties.checkScenarios()) {
			ScenarioRunner.Results ran = ScenarioRunner.run(ruleSet, ScenarioFiles.read(dir));
			List<ScenarioResult> results = ran.results();
			warnings.addAll(ran.withoutScenarios());
			List<RuleProblem> failures = results.stream()
				.filter((result) -> !result.passed())
				.map((result) -> new RuleProblem(result.where(), 0, 0,
						"scenario '" + result.name() + "' failed: " + String.join("; ", result.differences())))
				.toList();
			if (!failures.isEmpty()) {
				throw new RuleSetException("Rule set " + ruleSet.version() + " fails its scenarios", failures);
			}
			scenarios = results.size();
		}
		log.info("Rule set {} loaded from {}: {} rules in {} files, {} scenarios passed", ruleSet.version(), dir,
				ruleSet.ruleNames().size(), ruleSet.files().size(), scenarios);
		if (properties.checkScenarios() && scenarios == 0) {
			log.warn(NO_SCENARIOS, ruleSet.version(), dir);
		}
		warn(log, ruleSet.version(), warnings);
		return ruleSet;
	}

	/**
	 * What rules going live as {@code version} should have put right, one WARN for them all, a
	 * line each, as a rejected rule set's problems are said.
	 */
	static void warn(Logger log, String version, List<RuleProblem> warnings) {
		if (!warnings.isEmpty()) {
			StringBuilder lines = new StringBuilder();
			warnings.forEach((warning) -> lines.append("\n  ").append(warning));
			log.warn("Rule set {} is live with {} warning(s):{}", version, warnings.size(), lines);
		}
	}

}
