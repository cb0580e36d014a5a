package io.personaengine.scenarios;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioResultTests {

	/** Counted in a set of the results themselves, two problems of a file that read alike were one failure. */
	@Test
	void problemsOfTheFileThatReadAlikeCountAsAFailureEach() {
		ScenarioResult problem = new ScenarioResult("tests/mine.yaml", ScenarioResult.OF_THE_FILE, 3, ScenarioFiles.UNREADABLE,
				List.of("unknown key 'tags': a scenario file holds 'scenarios:' and a list"), null, List.of());
		ScenarioResult.Count count = ScenarioResult.Count.of(List.of(problem, problem));
		assertThat(count).isEqualTo(new ScenarioResult.Count(0, 2));
	}

	@Test
	void problemsOfOneScenarioCountAsOneFailure() {
		ScenarioResult first = new ScenarioResult("tests/mine.yaml", 0, 3, ScenarioFiles.UNREADABLE, List.of("unknown key 'a'"), null,
				List.of());
		ScenarioResult second = new ScenarioResult("tests/mine.yaml", 0, 4, ScenarioFiles.UNREADABLE, List.of("unknown key 'b'"), null,
				List.of());
		assertThat(ScenarioResult.Count.of(List.of(first, second))).isEqualTo(new ScenarioResult.Count(0, 1));
	}

}
