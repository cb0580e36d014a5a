package io.personaengine.rules;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the rules folder at start-up (begun early by {@link StartupRules} when the application
 * runs from its main method). Rules that do not compile, or (with scenario checks on) fail a
 * scenario, stop the start: the same bar a reload must pass.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesProperties.class)
class RulesConfiguration {

	@Bean
	RuleSetLoader ruleSetLoader(Clock clock) {
		return new RuleSetLoader(clock);
	}

	@Bean
	LiveRules liveRules(RuleSetLoader loader, RulesProperties properties, ObjectProvider<StartupRules> startup) {
		StartupRules early = startup.getIfAvailable();
		return new LiveRules((early != null) ? early.await() : StartupRules.load(loader, properties));
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
