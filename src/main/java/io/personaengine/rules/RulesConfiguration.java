package io.personaengine.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.personaengine.scenarios.ScenarioFiles;
import io.personaengine.scenarios.ScenarioResult;
import io.personaengine.scenarios.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the rules folder at start-up. Rules that do not compile, or (with scenario checks on)
 * fail a scenario, stop the start: the same bar a reload must pass.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesProperties.class)
class RulesConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RulesConfiguration.class);

	@Bean
	RuleSetLoader ruleSetLoader(Clock clock) {
		return new RuleSetLoader(clock);
	}

	@Bean
	LiveRules liveRules(RuleSetLoader loader, RulesProperties properties) {
		Path dir = properties.dir().toAbsolutePath().normalize();
		RuleSet ruleSet = loader.load(dir);
		int scenarios = 0;
		if (properties.checkScenarios()) {
			List<ScenarioResult> results = ScenarioRunner.run(ruleSet, ScenarioFiles.read(dir));
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
		return new LiveRules(ruleSet);
	}

	@Bean
	RulesLifecycle rulesLifecycle(RuleSetLoader loader, LiveRules live, RulesProperties properties, Clock clock,
			MeterRegistry meters) {
		return new RulesLifecycle(loader, live, properties, clock, meters);
	}

	@Bean
	@ConditionalOnProperty(name = "persona.rules.watch", havingValue = "true", matchIfMissing = true)
	RulesWatcher rulesWatcher(RulesLifecycle lifecycle, RulesProperties properties) {
		return new RulesWatcher(lifecycle, properties.watchQuietPeriod());
	}

}
