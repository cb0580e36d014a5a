package io.personaengine.batch;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The win-back test group of PERSONAS.md section 5. */
class WinbackSampleTests {

	@ParameterizedTest(name = "{0} members at {1} with minimum {2} -> {3}")
	@CsvSource({ "0, 0.5, 1000, 0", "999, 0.5, 1000, 999", "1000, 0.5, 1000, 1000", "2000, 0.5, 1000, 1000",
			"2001, 0.5, 1000, 1001", "3000, 0.25, 1000, 1000", "5000, 0.25, 1000, 1250", "30, 0.1, 1, 3",
			"31, 0.1, 1, 4", "20000, 0.1, 1000, 2000" })
	void sizeIsTheShareRoundedUpButAtLeastTheMinimumAndAtMostEveryone(int members, double share, int minimum, int size) {
		assertThat(WinbackSample.size(members, share, minimum)).isEqualTo(size);
	}

	@Test
	void membersAreDrawnInTheOrderOfTheirSeededSha256() {
		List<String> members = IntStream.range(0, 50).mapToObj((i) -> "c" + i).toList();
		List<String> expected = members.stream()
			.sorted(Comparator.comparing((String id) -> new BigInteger(1, WinbackSample.sha256("spring:" + id))))
			.limit(10)
			.toList();
		assertThat(WinbackSample.select(members, 0.2, 1, "spring")).containsExactlyElementsOf(expected);
	}

	@Test
	void theSameSeedGivesTheSameGroupAndAnotherSeedAnother() {
		List<String> members = IntStream.range(0, 400).mapToObj((i) -> "customer-" + i).toList();
		List<String> group = WinbackSample.select(members, 0.25, 10, "winback");
		assertThat(group).hasSize(100).doesNotHaveDuplicates();
		List<String> shuffled = new java.util.ArrayList<>(members);
		java.util.Collections.shuffle(shuffled, new java.util.Random(7));
		assertThat(WinbackSample.select(shuffled, 0.25, 10, "winback")).as("order of the input does not matter").isEqualTo(group);
		assertThat(WinbackSample.select(members, 0.25, 10, "other")).isNotEqualTo(group);
	}

}
