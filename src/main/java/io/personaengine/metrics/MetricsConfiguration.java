package io.personaengine.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	@Bean
	DecisionMetrics decisionMetrics(MeterRegistry registry) {
		return new DecisionMetrics(registry);
	}

}
