package io.personaengine.scenarios;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The keys RequiredKeys counts as known are those Jackson reads a scenario with, and no others. */
class ScenarioKeysTests {

	@Test
	void keysAScenarioTakesAreTheOnesJacksonReads() {
		YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		UnrecognizedPropertyException unknown = catchThrowableOfType(UnrecognizedPropertyException.class,
				() -> yaml.readValue("nothingAScenarioTakes: 1", Scenario.Spec.class));
		assertThat(unknown.getKnownPropertyIds()).map(String::valueOf).containsExactlyInAnyOrderElementsOf(Scenario.Spec.KEYS);
	}

}
