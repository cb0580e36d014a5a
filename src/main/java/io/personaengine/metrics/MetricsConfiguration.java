package io.personaengine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.personaengine.rules.LiveRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/** Counted from 0: what each rule set knows as it goes live, at start-up and after a reload or rollback. */
	@Bean
	DecisionMetrics decisionMetrics(MeterRegistry registry, LiveRules rules) {
		DecisionMetrics metrics = new DecisionMetrics(registry);
		rules.whenLive(metrics::countFromZero);
		return metrics;
	}

}
