package io.personaengine.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.personaengine.rules.YamlQuotes.Quoted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YamlQuotesTests {

	/** One parse says both how a value is written and where it is: the path Jackson would give it, and its line and column. */
	@Test
	void valuesInQuotesAreFoundWithTheirPathsAndPlacesAndNothingElse() {
		String yaml = """
				scenarios:
				  - name: "Big spender"
				    thresholds: { highValueAov: "100", dormantDays: +90, "winbackSampleMin": 1000 }
				    customer:
				      orders:
				        - { id: o1, total: '12.50' }
				        - &second { id: "o2", total: .5 }
				        - *second
				      profile: { country: SE, emailConsent: True }
				    expect: { persona: "HIGH_ROLLER" }
				---
				highValueAov: "80"
				""";
		assertThat(YamlQuotes.in(yaml.getBytes(StandardCharsets.UTF_8))).containsExactly(
				new Quoted(List.of("scenarios", 0, "name"), "Big spender", 2, 11),
				new Quoted(List.of("scenarios", 0, "thresholds", "highValueAov"), "100", 3, 33),
				new Quoted(List.of("scenarios", 0, "customer", "orders", 0, "total"), "12.50", 6, 28),
				new Quoted(List.of("scenarios", 0, "customer", "orders", 1, "id"), "o2", 7, 25),
				new Quoted(List.of("scenarios", 0, "expect", "persona"), "HIGH_ROLLER", 10, 24),
				new Quoted(List.of("highValueAov"), "80", 12, 15));
	}

	@Test
	void fileThatIsNoYamlGivesWhatWasFoundBeforeItsProblem() {
		assertThat(YamlQuotes.in("a: \"1\"\nb: [\"2\", @x]\n".getBytes(StandardCharsets.UTF_8)))
			.extracting(Quoted::text)
			.containsExactly("1", "2");
	}

}
