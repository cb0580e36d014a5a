package io.personaengine;

import io.personaengine.rules.StartupRules;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PersonaEngineApplication {

	public static void main(String[] args) {
		if (Cli.handles(args)) {
			System.exit(Cli.run(args));
		}
		service().run(args);
	}

	/** The service as {@code main} starts it: the rules begin compiling before the context. */
	static SpringApplication service() {
		SpringApplication application = new SpringApplication(PersonaEngineApplication.class);
		application.addInitializers(new StartupRules());
		return application;
	}

}
