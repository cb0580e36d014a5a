package io.personaengine.decisions;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DecisionsConfiguration {

	/** Decisions default to "as of now, UTC"; tests replace the clock to pin "now". */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
