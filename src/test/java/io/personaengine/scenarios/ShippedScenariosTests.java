package io.personaengine.scenarios;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.personaengine.decisions.RealRules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario in rules/tests/ as its own test, named after the scenario. */
class ShippedScenariosTests {

	@TestFactory
	Stream<DynamicTest> shippedScenarios() {
		ScenarioRunner.Results ran = ScenarioRunner.run(RealRules.RULES, ScenarioFiles.read(Path.of("rules")));
		assertThat(ran.withoutScenarios()).as("scenario files in rules/tests without scenarios").isEmpty();
		List<ScenarioResult> results = ran.results();
		assertThat(results).as("scenarios in rules/tests").isNotEmpty();
		return results.stream()
			.map((result) -> DynamicTest.dynamicTest(result.where() + "  " + result.name(),
					() -> assertThat(result.differences()).as("%s\nfired rules: %s", result.where(), result.firedRules()).isEmpty()));
	}

}
