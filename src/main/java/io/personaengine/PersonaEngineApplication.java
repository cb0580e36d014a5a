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
		SpringApplication application = new SpringApplication(PersonaEngineApplication.class);
		application.addInitializers(new StartupRules());
		application.run(args);
	}

}
