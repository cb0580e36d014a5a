package io.personaengine.rules;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the rules folder at start-up; a rule set that does not compile stops the start. */
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
		RuleSet ruleSet = loader.load(properties.dir().toAbsolutePath().normalize());
		log.info("Rule set {} loaded from {}: {} rules in {} files", ruleSet.version(), properties.dir().toAbsolutePath(),
				ruleSet.ruleNames().size(), ruleSet.files().size());
		return new LiveRules(ruleSet);
	}

}
