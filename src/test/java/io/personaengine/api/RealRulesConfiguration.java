package io.personaengine.api;

import java.time.Clock;
import java.time.ZoneOffset;

import io.personaengine.decisions.DecisionProperties;
import io.personaengine.decisions.RealRules;
import io.personaengine.rules.LiveRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** For web slices: the shipped rules, and "now" pinned to {@link RealRules#AS_OF}. */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecisionProperties.class)
class RealRulesConfiguration {

	@Bean
	LiveRules liveRules() {
		return new LiveRules(RealRules.RULES);
	}

	@Bean
	io.personaengine.metrics.DecisionMetrics decisionMetrics() {
		return io.personaengine.metrics.DecisionMetrics.NONE;
	}

	@Bean
	Clock clock() {
		return Clock.fixed(RealRules.AS_OF, ZoneOffset.UTC);
	}

}
