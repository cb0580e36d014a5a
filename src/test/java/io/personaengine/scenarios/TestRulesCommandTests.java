package io.personaengine.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.personaengine.JarCommands;
import io.personaengine.JarCommands.Run;
import io.personaengine.decisions.ConclusionWithABug;
import io.personaengine.facts.CountryLetters;
import io.personaengine.rules.EndlessRecursion;
import io.personaengine.rules.ShippedRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** test-rules as an analyst runs it: on a copy of the shipped rules with scenarios of their own. */
class TestRulesCommandTests {

	static final String PASSING = """
			scenarios:
			  - name: Recent big spender is a Potential High Roller
			    asOf: 2026-11-01T00:00:00Z
			    customer:
			      profile: { country: SE, emailConsent: true }
			      orders:
			        - { id: o1, placedAt: 2026-10-01T00:00:00Z, total: 150.00 }
			    expect:
			      persona: POTENTIAL_HIGH_ROLLER
			      segmentsInclude: [ONE_TIME_BUYER, COUNTRY_SE]
			      actionsInclude: [VIP_PERKS_PREVIEW]
			""";

	static final String FAILING = """
			scenarios:
			  - name: Passes
			    asOf: 2026-11-01T00:00:00Z
			    customer: { summary: { orderCount: 0 } }
			    expect: { persona: DEAD_WEIGHT }
			  - name: Small spender wrongly expected to be a High Roller
			    asOf: 2026-11-01T00:00:00Z
			    customer:
			      orders:
			        - { id: o1, placedAt: 2026-10-01T00:00:00Z, total: 20.00 }
			    expect:
			      persona: HIGH_ROLLER
			      segments: [ONE_TIME_BUYER, TOP_SPENDER]
			""";

	/** A scenario item whose customer has no country. */
	static final String FROM_NOWHERE = """
			  - name: Contact from nowhere
			    asOf: 2026-11-01T00:00:00Z
			    customer: { customerId: c-404, summary: { orderCount: 0 } }
			    expect: { persona: DEAD_WEIGHT }
			""";

	/** A rule that throws for every customer without a country. */
	static final String COUNTRY_IN_LOWER_CASE = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;

			rule "CountryInLowerCase"
			when
			    $c : CustomerFacts()
			then
			    System.out.println( $c.getCountry().toLowerCase() );
			end
			""";

	@TempDir
	Path rules;

	@BeforeEach
	void copyShippedRulesWithoutTheirScenarios() throws IOException {
		ShippedRules.copyTo(this.rules, (path) -> !path.startsWith("tests/"));
		Files.createDirectories(this.rules.resolve("tests"));
	}

	@Test
	void passingScenariosExitZeroAndSayPass() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isZero();
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Recent big spender is a Potential High Roller")
			.contains("1 passed, 0 failed");
	}

	/** As the service would put them live: warned of, not failed. */
	@Test
	void segmentTheCatalogueDoesNotDescribeIsAWarningLineAndTheExitStatusStays() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.SegmentMatch;

				rule "BigSpenderGetsAGift"
				when
				    $c : CustomerFacts( totalSpent > 1000 )
				then
				    insert( new SegmentMatch( $c, "GIFTED", "spent over 1000" ) );
				end
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isZero();
		assertThat(run.out()).contains("\nWARN  gifts.drl:9:36  segment 'GIFTED' has no entry in catalogue/segments.yaml: "
				+ "decisions name it, but GET /api/v1/segments does not list it")
			.contains("1 passed, 0 failed");
	}

	/** As the service would put them live: warned of, not failed. */
	@Test
	void catalogueEntryWhoseIdNoRuleMakesIsAWarningLineAndTheExitStatusStays() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Path personas = this.rules.resolve("catalogue/personas.yaml");
		Files.writeString(personas, Files.readString(personas).replace("- id: HIGH_ROLLER\n", "- id: HIGH_ROLER\n"));
		int roler = Files.readAllLines(personas).indexOf("- id: HIGH_ROLER") + 1;
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isZero();
		assertThat(run.out()).contains("\nWARN  catalogue/personas.yaml:" + roler + ":7  persona 'HIGH_ROLER' is made by no "
				+ "rule: GET /api/v1/personas lists it, but no decision names it; did you mean 'HIGH_ROLLER', which personas.drl:")
			.contains("1 passed, 0 failed");
	}

	/**
	 * Saved empty by mistake, a file passed unseen, as if its scenarios had all passed. Said, not
	 * failed: the service goes live with such a file, warned of, as with no scenarios at all.
	 */
	@Test
	void scenarioFileWithNoScenariosIsAWarningLineAndTheExitStatusStays() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("tests/empty.yaml"), "");
		Files.writeString(this.rules.resolve("tests/comments.yaml"), "# to do\n");
		Files.writeString(this.rules.resolve("tests/none.yaml"), "scenarios: []\n");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isZero();
		for (String file : List.of("comments", "empty", "none")) {
			assertThat(run.out()).contains("\nWARN  tests/" + file + ".yaml  no scenarios in the file: it checks nothing; "
					+ "write them under 'scenarios:' as a list, or remove the file\n");
		}
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2").contains("1 passed, 0 failed");
	}

	/** The README's exit status 2 for no scenarios: files that hold none exited 0, "0 passed, 0 failed". */
	@Test
	void scenarioFilesThatHoldNoScenarioExitTwoAsNoScenarioFilesDo() throws IOException {
		Files.writeString(this.rules.resolve("tests/empty.yaml"), "# to do\n");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.out()).contains("WARN  tests/empty.yaml  no scenarios in the file");
		assertThat(run.err()).contains("No scenarios: the files in " + this.rules.resolve("tests") + " hold none; "
				+ "write them under 'scenarios:' as a list");
	}

	@Test
	void failingScenarioExitsOneShowingWhereExpectedActualAndFiredRules() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), FAILING);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Passes")
			.contains("FAIL  tests/mine.yaml:6  Small spender wrongly expected to be a High Roller")
			.contains("persona: expected HIGH_ROLLER, got POTENTIAL_BRAND_ENTHUSIAST")
			.contains("segments: expected exactly [ONE_TIME_BUYER, TOP_SPENDER], got [ONE_TIME_BUYER]; missing [TOP_SPENDER]")
			.contains("fired rules: RecentOccasionalBuyerBelowAovIsPotentialBrandEnthusiast")
			.contains("1 passed, 1 failed");
	}

	/** As Windows editors save UTF-8: a byte order mark first, which Drools and YAML took for a character. */
	@Test
	void filesSavedWithAByteOrderMarkAreReadAsWithoutIt() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		for (String file : List.of("thresholds.yaml", "catalogue/segments.yaml", "personas.drl", "customer-language.dsl",
				"custom-segments.dslr", "tests/mine.yaml")) {
			Path path = this.rules.resolve(file);
			byte[] written = Files.readAllBytes(path);
			byte[] withMark = new byte[written.length + 3];
			withMark[0] = (byte) 0xEF;
			withMark[1] = (byte) 0xBB;
			withMark[2] = (byte) 0xBF;
			System.arraycopy(written, 0, withMark, 3, written.length);
			Files.write(path, withMark);
		}
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Recent big spender is a Potential High Roller")
			.contains("1 passed, 0 failed");
		assertThat(run.exit()).isZero();
	}

	/** A scenario file saved as Windows-1252 failed at 1:1 with a CharConversionException. */
	@Test
	void scenarioFileNotSavedAsUtf8FailsAtItsFirstSuchByteAndItsScenariosStillRun() throws IOException {
		String named = PASSING.replace("Recent big spender", "Recent big spender from Malmö");
		Files.write(this.rules.resolve("tests/mine.yaml"), named.getBytes(java.nio.charset.Charset.forName("windows-1252")));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:2:39  (unreadable)\n        not UTF-8 text: byte 0xF6 here is no "
				+ "UTF-8 character (in Windows-1252, as older Windows editors and Excel save, it is 'ö'); save the file as UTF-8")
			.contains("PASS  tests/mine.yaml:2  Recent big spender from Malm\uFFFD is a Potential High Roller")
			.contains("1 passed, 1 failed");
	}

	@Test
	void scenarioWithATypoFailsNamingTheLineAndTheKey() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("persona:", "persnoa:"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:9").contains("persnoa");
	}

	/** A quote left open fails where it opens, line and column, with SnakeYAML's reason and no position of its own. */
	@Test
	void scenarioWithAQuoteLeftOpenFailsAtTheQuoteWithTheReason() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("persona: POTENTIAL", "persona: \"POTENTIAL"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:9:16  (unreadable)")
			.contains("        while scanning a quoted scalar: found unexpected end of stream (at expect.persona)")
			.doesNotContain("line", "column");
	}

	/**
	 * As the REST API refuses them: a count of 3.9 was read as 3 and the scenario ran on what it
	 * did not say; a value of the wrong kind was said in Jackson's words (its classes, its switches).
	 */
	@Test
	void scenarioWithAFractionForACountOrAValueOfTheWrongKindFailsSayingWhatWasExpected() throws IOException {
		String summary = "orders:\n        - { id: o1, placedAt: 2026-10-01T00:00:00Z, total: 150.00 }";
		Files.writeString(this.rules.resolve("tests/mine.yaml"),
				PASSING.replace(summary, "summary: { orderCount: 1.5, totalSpent: 150.00, daysSinceLastOrder: 31 }")
						+ PASSING.replace("scenarios:\n", "").replace(summary, "summary: { orderCount: 1, totalSpent: [150] }")
						+ PASSING.replace("scenarios:\n", "").replace(summary, "summary: { orderCount: lots }"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:6:30  (unreadable)\n",
				"        invalid value '1.5': expected a whole number (at customer.summary.orderCount)\n",
				"FAIL  tests/mine.yaml:15:45  (unreadable)\n",
				"        wrong type: expected a number (at customer.summary.totalSpent)\n",
				"FAIL  tests/mine.yaml:24:30  (unreadable)\n",
				"        invalid value 'lots': expected a whole number (at customer.summary.orderCount)\n")
			.doesNotContain("java.", "Coercion", "coerce")
			.contains("0 passed, 3 failed");
	}

	/** Each on its own line, at once: the first was said alone, and the next met at the next run. */
	@Test
	void thresholdsWithSeveralValuesOfTheWrongKindSayEachAtItsLineAndColumn() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Path thresholds = this.rules.resolve("thresholds.yaml");
		Files.writeString(thresholds, Files.readString(thresholds).replace("recentPurchaseDays: 120", "recentPurchaseDays: ninety")
			.replace("highValueAov: 100.00", "highValueAov: \"100\"")
			.replace("dormantDays: 180", "dormantDays: many"));
		List<String> lines = Files.readAllLines(thresholds);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).containsSubsequence(
				"  thresholds.yaml:" + (lines.indexOf("recentPurchaseDays: ninety") + 1)
						+ ":21: invalid value 'ninety': expected a whole number (at recentPurchaseDays)\n",
				"  thresholds.yaml:" + (lines.indexOf("highValueAov: \"100\"") + 1)
						+ ":15: invalid value '\"100\"': expected a number, written without quotes (at highValueAov)\n",
				"  thresholds.yaml:" + (lines.indexOf("dormantDays: many") + 1)
						+ ":14: invalid value 'many': expected a whole number (at dormantDays)\n");
	}

	/**
	 * As the REST API reads them: an instant written to the minute was refused, and a number was
	 * taken as epoch seconds where the API refuses it (seconds or milliseconds?).
	 */
	@Test
	void scenarioInstantsAreReadAsTheApiReadsThem() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"),
				PASSING.replace("asOf: 2026-11-01T00:00:00Z", "asOf: 2026-11-01T00:00Z").replace("2026-10-01T00:00:00Z", "2026-10-01T02:00+02:00")
						+ PASSING.replace("scenarios:\n", "").replace("asOf: 2026-11-01T00:00:00Z", "asOf: 1793491200"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Recent big spender is a Potential High Roller")
			.containsSubsequence("FAIL  tests/mine.yaml:13:11  (unreadable)\n",
					"        wrong type: expected an ISO-8601 instant such as 2026-11-01T09:30:00Z (at asOf)\n")
			.contains("1 passed, 1 failed");
	}

	@Test
	void unreadableScenarioHidesNoneOfTheScenariosAfterIt() throws IOException {
		String typo = FAILING.replace("expect: { persona: DEAD_WEIGHT }", "expect: { persnoa: DEAD_WEIGHT }");
		Files.writeString(this.rules.resolve("tests/mine.yaml"), typo + PASSING.replace("scenarios:\n", ""));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:5:15  (unreadable)")
			.contains("persnoa")
			.contains("FAIL  tests/mine.yaml:6  Small spender wrongly expected to be a High Roller")
			.contains("PASS  tests/mine.yaml:14  Recent big spender is a Potential High Roller")
			.contains("1 passed, 2 failed");
	}

	/** Jackson's own text named the Java class and "ignorable"; an analyst needs the key and what is allowed there. */
	@Test
	void unknownKeySaysWhatItProbablyMeansAndWhatThatPlaceTakesWithoutJavaNames() throws IOException {
		String typos = PASSING.replace("country:", "contry:").replace("persona:", "persnoa:");
		Files.writeString(this.rules.resolve("tests/mine.yaml"), typos);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out())
			.contains("unknown key 'contry' (at customer.profile.contry): did you mean 'country'? customer.profile takes "
					+ "country, emailConsent, newsletter, smsConsent, trackingConsent")
			.contains("unknown key 'persnoa' (at expect.persnoa): did you mean 'persona'? expect takes actions, actionsExclude, "
					+ "actionsInclude, matchedPersonas, persona, segments, segmentsExclude, segmentsInclude")
			.doesNotContain("io.personaengine", "ignorable");
	}

	/**
	 * Jackson stops at the first key it does not know: the next one would fail the next run. Each
	 * is placed at its line and column, as a misspelt required key is: it was at its line alone.
	 */
	@Test
	void everyUnknownKeyOfAScenarioFailsAtItsLineNotOnlyTheFirst() throws IOException {
		String typos = PASSING.replace("    customer:\n", "    tags: [vip]\n    customer:\n")
			.replace("country:", "contry:")
			.replace("total:", "totl:")
			.replace("persona:", "persnoa:");
		Files.writeString(this.rules.resolve("tests/mine.yaml"), typos + PASSING.replace("scenarios:\n", ""));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:4:5  (unreadable)", "unknown key 'tags'",
				"FAIL  tests/mine.yaml:6:18  (unreadable)", "unknown key 'contry'", "(at customer.profile.contry)",
				"FAIL  tests/mine.yaml:8:53  (unreadable)", "unknown key 'totl'", "(at customer.orders[0].totl)",
				"FAIL  tests/mine.yaml:10:7  (unreadable)", "unknown key 'persnoa'", "(at expect.persnoa)",
				"PASS  tests/mine.yaml:13  Recent big spender is a Potential High Roller")
			.contains("1 passed, 1 failed");
	}

	/**
	 * Jackson named the first required key missing, in its words, at the scenario's end, and none
	 * of the unknown keys: the misspelt one among them went unsaid until the next run. Then it was
	 * said twice, as a required key missing and as an unknown key, and the scenario counted as
	 * three failures.
	 */
	@Test
	void misspeltRequiredKeyFailsOnceAtItsLineAndTheOthersMissingWhereTheScenarioStartsAsOneFailure() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Big spender
				    asof: 2026-11-01T00:00:00Z
				    tags: [vip]
				    expect: { persona: DEAD_WEIGHT }
				""" + PASSING.replace("scenarios:\n", ""));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:2:5  (unreadable)\n"
				+ "        scenario \"Big spender\" is missing the required key 'customer'\n",
				"FAIL  tests/mine.yaml:3:5  (unreadable)\n"
						+ "        'asof' is probably the required key 'asOf' (keys are case-sensitive)\n",
				"FAIL  tests/mine.yaml:4:5  (unreadable)", "unknown key 'tags'",
				"PASS  tests/mine.yaml:6  Recent big spender is a Potential High Roller")
			.doesNotContain("Missing required", "unknown key 'asof'", "required key 'asOf' (did you mean")
			.contains("1 passed, 1 failed");
	}

	/** Two edits are half of a short key: date: was said to be name: misspelt, and what a scenario takes went unsaid. */
	@Test
	void shortUnknownKeyTwoEditsFromARequiredOneIsAnUnknownKeyNotTheRequiredOneMisspelt() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("  - name: ", "  - date: "));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:2:5  (unreadable)\n"
				+ "        the scenario is missing the required key 'name'\n",
				"FAIL  tests/mine.yaml:2:5  (unreadable)\n"
						+ "        unknown key 'date' (at date): a scenario takes asOf, customer, expect, name, thresholds\n")
			.doesNotContain("probably the required key", "did you mean")
			.contains("0 passed, 1 failed");
	}

	/** Two scenarios starting on one line shared their keys: the second was said to give no value for the first's asOf. */
	@Test
	void requiredKeyMissingFromOneOfTwoScenariosOnALineFailsThatOneWhereItStarts() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), twoScenariosOnALine("DEAD_WEIGHT"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("PASS  tests/mine.yaml:1  A")
			.contains("FAIL  tests/mine.yaml:1:122  (unreadable)\n"
					+ "        scenario \"B\" is missing the required key 'asOf'\n")
			.doesNotContain("gives no value")
			.contains("1 passed, 1 failed");
	}

	/** A scenario that could not be read came before the one written ahead of it on its line that failed when run. */
	@Test
	void failingScenariosOnOneLineComeInTheOrderTheyAreWritten() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), twoScenariosOnALine("HIGH_ROLLER"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:1  A\n        persona: expected HIGH_ROLLER",
				"FAIL  tests/mine.yaml:1:122  (unreadable)\n        scenario \"B\" is missing the required key 'asOf'\n")
			.contains("0 passed, 2 failed");
	}

	/** Scenario A expecting {@code persona} of a customer who never ordered, then B without asOf, both on line 1, B at column 122. */
	private static String twoScenariosOnALine(String persona) {
		return "scenarios: [{name: A, asOf: 2026-11-01T00:00:00Z, customer: {summary: {orderCount: 0}}, expect: {persona: " + persona
				+ "}}, {name: B, customer: {summary: {orderCount: 0}}, expect: {persona: DEAD_WEIGHT}}]\n";
	}

	/** customer: with nothing under it was read as no customer, and test-rules crashed on it. */
	@Test
	void requiredKeyWithoutAValueFailsAtItsLineAndColumn() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Big spender
				    asOf: 2026-11-01T00:00:00Z
				    customer:
				    expect:
				      persona: DEAD_WEIGHT
				""" + PASSING.replace("scenarios:\n", ""));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.err()).doesNotContain("Exception");
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:4:5  (unreadable)\n"
				+ "        scenario \"Big spender\" gives no value for the required key 'customer'\n")
			.contains("PASS  tests/mine.yaml:7  Recent big spender is a Potential High Roller")
			.contains("1 passed, 1 failed");
	}

	@Test
	void listItemThatIsNotAScenarioFailsAndTheRestStillRun() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("scenarios:\n", "scenarios:\n  - oops\n"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:2:5  (unreadable)")
			.contains("each scenario is a mapping")
			.contains("PASS  tests/mine.yaml:3  Recent big spender is a Potential High Roller")
			.contains("1 passed, 1 failed");
	}

	@Test
	void scenarioThatChecksNothingFailsOnceAndIsNotAlsoAPass() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), FAILING.replace("expect: { persona: DEAD_WEIGHT }", "expect: {}"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:5:13  Passes").doesNotContain("PASS  tests/mine.yaml:2")
			.contains("0 passed, 2 failed");
	}

	@Test
	void invalidCustomerInAScenarioFailsWithTheField() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("total: 150.00", "total: -1"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("customer.orders[0].total: must be greater than or equal to 0");
	}

	@Test
	void scenarioCanPinTheThresholdsItTests() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Averaging 90 is high value once the store AOV is 80
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAov: 80.00 }
				    customer: { summary: { orderCount: 3, totalSpent: 270.00, daysSinceLastOrder: 12 } }
				    expect: { persona: HIGH_ROLLER }
				  - name: Averaging 90 is below the shipped AOV
				    asOf: 2026-11-01T00:00:00Z
				    customer: { summary: { orderCount: 3, totalSpent: 270.00, daysSinceLastOrder: 12 } }
				    expect: { persona: BRAND_ENTHUSIAST }
				  - name: Misspelt threshold
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAOV: 80.00 }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Averaging 90 is high value once the store AOV is 80")
			.contains("PASS  tests/mine.yaml:7  Averaging 90 is below the shipped AOV")
			.contains("FAIL  tests/mine.yaml:13:19  Misspelt threshold")
			.contains("thresholds: unknown threshold 'highValueAOV'");
	}

	/**
	 * Each problem inside a scenario is placed at what it names, line and column, as an unknown key
	 * and a problem of the file are: a value of the wrong kind was said at a line alone, and a
	 * customer the service refuses, a threshold that cannot be pinned and an expect: that checks
	 * nothing at the line where the scenario starts.
	 */
	@Test
	void everyProblemInsideAScenarioIsPlacedAtTheLineAndColumnOfWhatItNames() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Many orders
				    asOf: 2026-11-01T00:00:00Z
				    customer:
				      summary: { orderCount: "many" }
				    expect: { persona: DEAD_WEIGHT }
				  - name: Negative total and a country that is none
				    asOf: 2026-11-01T00:00:00Z
				    customer:
				      orders:
				        - { id: o1, placedAt: 2026-10-01T00:00:00Z, total: -5 }
				      profile: { country: Sweden }
				    expect: { persona: DEAD_WEIGHT }
				  - name: Words for money
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAov: a lot }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				  - name: Misspelt thresholds
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { topSpenderTotl: 500, highValueAOV: 80 }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				  - name: Nothing expected
				    asOf: 2026-11-01T00:00:00Z
				    customer: { summary: { orderCount: 0 } }
				    expect: {}
				  - name: Unknown id
				    asOf: 2026-11-01T00:00:00Z
				    customer: { summary: { orderCount: 0 } }
				    expect:
				      persona: DEAD_WEIGHT
				      segmentsInclude: [COUNTRY_SE, LOAYL]
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:5:30  (unreadable)\n",
				"        invalid value 'many': expected a whole number (at customer.summary.orderCount)\n",
				"FAIL  tests/mine.yaml:11:60  Negative total and a country that is none\n",
				"        customer.orders[0].total: must be greater than or equal to 0\n",
				"FAIL  tests/mine.yaml:12:27  Negative total and a country that is none\n",
				"        customer.profile.country: must be an ISO 3166-1 alpha-2 code such as SE\n",
				"FAIL  tests/mine.yaml:16:33  Words for money\n",
				"FAIL  tests/mine.yaml:21:19  Misspelt thresholds\n",
				"FAIL  tests/mine.yaml:27:13  Nothing expected\n",
				"FAIL  tests/mine.yaml:33:37  Unknown id\n")
			.contains("6 failed");
	}

	@Test
	void everyUnknownThresholdAScenarioPinsIsNamedNotOnlyOneAndAMisspeltOneWithTheNameItProbablyIs() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Misspelt thresholds
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAOV: 80.00, highValueAov: 80.00, topSpenderTotl: 500, aTypo: 1 }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:4:19  Misspelt thresholds")
			.contains("thresholds: unknown thresholds 'aTypo', 'highValueAOV' (did you mean 'highValueAov'?), 'topSpenderTotl'\n");
	}

	/** As thresholds.yaml reads them: 120.5 days was pinned as 120, and the scenario tested what it did not say. */
	@Test
	void pinnedThresholdOfTheWrongKindFailsTheScenarioSayingWhatWasExpected() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Half a day
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { lapsedPurchaseMaxDays: 120.5 }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				  - name: Words for money
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAov: a lot }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				  - name: A number in quotes
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAov: "100" }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).containsSubsequence("FAIL  tests/mine.yaml:4:42  Half a day",
				"thresholds: invalid value '120.5': expected a whole number (at lapsedPurchaseMaxDays)",
				"FAIL  tests/mine.yaml:9:33  Words for money", "thresholds: invalid value 'a lot': expected a number (at highValueAov)",
				"FAIL  tests/mine.yaml:14:33  A number in quotes",
				"thresholds: invalid value '\"100\"': expected a number, written without quotes (at highValueAov)")
			.doesNotContain("java.", "coerce");
	}

	/**
	 * Only a pin in quotes is a text: .5, +100, True and False without quotes are numbers and
	 * booleans as YAML writes them, and were pinned before quoted pins were refused. A pin in
	 * quotes still fails, though it reads as the same text as one without (".5" and .5).
	 */
	@Test
	void pinWrittenWithoutQuotesAsYamlAlsoWritesNumbersAndBooleansIsPinnedAndOnlyOneInQuotesFails() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Numbers and booleans as YAML writes them
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { mppOpenerMinShare: .5, highValueAov: +100, countAppleMppOpens: True, dormantDays: +90 }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				  - name: False as YAML writes it
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { countAppleMppOpens: False, mppOpenerMinShare: .5 }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				  - name: The same in quotes
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { countAppleMppOpens: False, mppOpenerMinShare: ".5" }
				    customer: { summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Numbers and booleans as YAML writes them\n",
				"PASS  tests/mine.yaml:7  False as YAML writes it\n")
			.containsSubsequence("FAIL  tests/mine.yaml:14:65  The same in quotes\n",
					"        thresholds: invalid value '\".5\"': expected a number, written without quotes (at mppOpenerMinShare)\n")
			.contains("2 passed, 1 failed");
		assertThat(run.exit()).isEqualTo(1);
	}

	/**
	 * As thresholds.yaml reads them: .5, +150 and True without quotes, numbers and booleans as YAML
	 * writes them, failed a scenario's customer as texts, which Jackson hands them over as. Only a
	 * value in quotes where a number or true or false goes is a text, each said at once; a text in
	 * quotes where a text goes (an id, an instant, a status) is one.
	 */
	@Test
	void customerWrittenWithoutQuotesAsYamlAlsoWritesNumbersAndBooleansIsReadAndOnlyValuesInQuotesFail() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Numbers and booleans as YAML writes them
				    asOf: 2026-11-01T00:00:00Z
				    customer:
				      profile: { country: SE, emailConsent: True, smsConsent: FALSE }
				      orders:
				        - { id: o1, placedAt: 2026-10-01T00:00:00Z, total: +150, items: [{ sku: S-1, quantity: +1, unitPrice: .5 }] }
				    expect: { persona: POTENTIAL_HIGH_ROLLER }
				  - name: A summary as YAML writes it
				    asOf: 2026-11-01T00:00:00Z
				    customer: { summary: { orderCount: +1, totalSpent: .5, daysSinceLastOrder: 31, abandonedCheckout: False } }
				    expect: { persona: POTENTIAL_BRAND_ENTHUSIAST }
				  - name: The same in quotes
				    asOf: "2026-11-01T00:00:00Z"
				    customer:
				      profile: { country: "SE", emailConsent: "True" }
				      orders:
				        - { id: "o1", placedAt: "2026-10-01T00:00:00Z", total: "+150", status: 'placed' }
				      summary: { orderCount: "many" }
				    expect: { persona: "POTENTIAL_HIGH_ROLLER" }
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Numbers and booleans as YAML writes them\n",
				"PASS  tests/mine.yaml:9  A summary as YAML writes it\n")
			.containsSubsequence("FAIL  tests/mine.yaml:16:47  (unreadable)\n",
					"        invalid value '\"True\"': expected true or false, written without quotes (at customer.profile.emailConsent)\n",
					"FAIL  tests/mine.yaml:18:64  (unreadable)\n",
					"        invalid value '\"+150\"': expected a number, written without quotes (at customer.orders[0].total)\n",
					"FAIL  tests/mine.yaml:19:30  (unreadable)\n",
					"        invalid value 'many': expected a whole number (at customer.summary.orderCount)\n")
			.containsOnlyOnce("'many'")
			.contains("2 passed, 1 failed");
		assertThat(run.exit()).isEqualTo(1);
	}

	@Test
	void keyGivenTwiceFailsAtItsLineAndColumnAndTheScenariosAfterItStillRun() throws IOException {
		String twice = PASSING.replace("      persona: POTENTIAL_HIGH_ROLLER\n",
				"      persona: HIGH_ROLLER\n      persona: POTENTIAL_HIGH_ROLLER\n");
		Files.writeString(this.rules.resolve("tests/mine.yaml"), twice + PASSING.replace("scenarios:\n", ""));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:10:7  Recent big spender is a Potential High Roller")
			.contains("'persona' is given twice (first on line 9); only one of them would count")
			.contains("PASS  tests/mine.yaml:13  Recent big spender is a Potential High Roller")
			.contains("1 passed, 1 failed");
	}

	@Test
	void unknownSegmentInAnExcludeListFailsAtItsLineInsteadOfPassing() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("      actionsInclude: [VIP_PERKS_PREVIEW]\n",
				"      actionsInclude: [VIP_PERKS_PREVIEW]\n      segmentsExclude:\n        - TOP_SPENDER\n        - LOAYL\n"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:14:11  Recent big spender is a Potential High Roller")
			.contains("segmentsExclude: unknown segment 'LOAYL' (line 14): neither in the catalogue nor made by a rule; known: ")
			.contains("0 passed, 1 failed");
	}

	/** Both lists would run, though YAML readers say a key given twice counts once: the file is refused at the second. */
	@Test
	void secondScenariosListRefusesTheFileAtItsLine() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING + PASSING);
		Files.writeString(this.rules.resolve("tests/other.yaml"), PASSING);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:12:1  (unreadable)")
			.contains("'scenarios' is given twice (first on line 1); a file holds one list of scenarios: put them all under the first")
			.doesNotContain("PASS  tests/mine.yaml")
			.contains("PASS  tests/other.yaml:2")
			.contains("1 passed, 1 failed");
	}

	/** A second YAML document was skipped without a word: a failing scenario there passed unseen. */
	@Test
	void secondYamlDocumentFailsTheFileAtItsStartAndTheFirstStillRuns() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING + "---\n" + FAILING);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("PASS  tests/mine.yaml:2  Recent big spender is a Potential High Roller")
			.contains("FAIL  tests/mine.yaml:12:1  (unreadable)")
			.contains("a second YAML document starts here: a file holds one document; put the scenarios in one list "
					+ "under the first 'scenarios:', or in a file of their own")
			.contains("1 passed, 1 failed");
	}

	/**
	 * A key beside scenarios: is placed as a scenario's own unknown keys are, at its line and
	 * column: it had its line alone, and that of its value when the value was on the next line.
	 */
	@Test
	void unknownKeyBesideTheScenariosFailsAtItsLineAndColumn() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), "owner:\n  team: analytics\n" + PASSING);
		Files.writeString(this.rules.resolve("tests/other.yaml"), "{ scenarios: [], tags: [vip] }\n");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("""
				FAIL  tests/mine.yaml:1:1  (unreadable)
				        unknown key 'owner': a scenario file holds 'scenarios:' and a list
				PASS  tests/mine.yaml:4  Recent big spender is a Potential High Roller
				FAIL  tests/other.yaml:1:18  (unreadable)
				        unknown key 'tags': a scenario file holds 'scenarios:' and a list
				""").contains("1 passed, 2 failed");
	}

	/**
	 * A problem of the file as a whole, a file that is no mapping or a YAML error outside what a
	 * scenario reads, is placed at its line and column as every other problem: it had its line alone.
	 */
	@Test
	void fileThatIsNotAMappingOrNotYamlFailsAtTheLineAndColumnOfTheProblem() throws IOException {
		Files.writeString(this.rules.resolve("tests/list.yaml"), "# one scenario an item\n  - name: A\n");
		Files.writeString(this.rules.resolve("tests/broken.yaml"), "scenarios:\n  - name: A\n    expect: persona: HIGH_ROLLER\n");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("""
				FAIL  tests/broken.yaml:3:20  (unreadable)
				        mapping values are not allowed here
				""").contains("""
				FAIL  tests/list.yaml:2:3  (unreadable)
				        expected 'scenarios:' followed by a list of scenarios
				""");
	}

	/** Jackson's limit of 500 levels names no place; where its parser stopped is the level too deep. */
	@Test
	void scenarioFileNestedThousandsDeepFailsAtTheLevelTooDeep() throws IOException {
		Files.writeString(this.rules.resolve("tests/deep.yaml"),
				"scenarios:\n  - name: A\n    customer: " + "[".repeat(3_000) + "]".repeat(3_000) + "\n");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		// The file's mapping, the list and the scenario are three levels, the 498th bracket (column
		// 512) the 501st; the parser stops past it, as it does in thresholds.yaml.
		assertThat(run.out()).containsPattern("FAIL  tests/deep\\.yaml:3:513  \\(unreadable\\)\\R"
				+ " +too large: Document nesting depth \\(501\\) exceeds the maximum allowed \\(500\\)");
	}

	/** A known key with the wrong kind of value is not an unknown key: the failure says what it should be. */
	@Test
	void scenariosThatAreNotAListFailSayingSo() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), "scenarios: 3\n");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("""
				FAIL  tests/mine.yaml:1:1  (unreadable)
				        'scenarios' is not a list: write each scenario under it as an item starting with '- '
				""").doesNotContain("unknown key");
	}

	/** The keys are checked in an order of their own; the failure is at the unknown id written first. */
	@Test
	void unknownIdsInOneScenarioFailAtTheFirstInTheFileEachSaidInTheirOrder() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("      actionsInclude: [VIP_PERKS_PREVIEW]\n",
				"      actionsExclude: [VIP_PERKS_PREVIEWS]\n      segmentsExclude: [LOAYL]\n      persona: HIGH_ROLER\n")
			.replace("      persona: POTENTIAL_HIGH_ROLLER\n", ""));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:10:24  Recent big spender is a Potential High Roller")
			.containsSubsequence("actionsExclude: unknown action 'VIP_PERKS_PREVIEWS' (line 10)",
					"segmentsExclude: unknown segment 'LOAYL' (line 11)", "persona: unknown persona 'HIGH_ROLER' (line 12)");
	}

	/** COUNTRY is the catalogue's name of the family COUNTRY_xx: excluding it would pass whatever the rules do. */
	@Test
	void catalogueNameOfAFamilyFailsInAnExcludeListInsteadOfPassing() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("      actionsInclude: [VIP_PERKS_PREVIEW]\n",
				"      actionsInclude: [VIP_PERKS_PREVIEW]\n      segmentsExclude: [COUNTRY]\n"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(1);
		assertThat(run.out()).contains("FAIL  tests/mine.yaml:12:25  Recent big spender is a Potential High Roller")
			.contains("segmentsExclude: unknown segment 'COUNTRY' (line 12): the catalogue's name for the family COUNTRY_xx, "
					+ "which no customer is in as such; known: ABANDONED_CART, COUNTRY_xx, ");
	}

	@Test
	void segmentsTheRulesMakeAreKnownInExpectations() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING.replace("segmentsInclude: [ONE_TIME_BUYER, COUNTRY_SE]",
				"segmentsInclude: [ONE_TIME_BUYER, COUNTRY_SE]\n      segmentsExclude: [COUNTRY_NO, SHOE_LOVER]"));
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isZero();
	}

	@Test
	void ruleThatThrowsExitsTwoNamingTheRuleAndItsLine() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("explode.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "CountryInCapitals"
				when
				    $c : CustomerFacts()
				then
				    System.out.println( $c.getCustomerId().substring( 100 ) );
				end
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("fail while running the scenarios")
			.contains("explode.drl:4: rule \"CountryInCapitals\" failed in its then part while deciding the scenarios' customers, "
					+ "for scenario \"Recent big spender is a Potential High Roller\" (tests/mine.yaml:2): StringIndexOutOfBoundsException");
	}

	/**
	 * A function that calls itself without end overflows the stack: it came out of main as a
	 * StackOverflowError, a thousand lines of stack trace, exiting 1 as for a failing scenario.
	 */
	@Test
	void ruleThatCallsItselfWithoutEndExitsTwoNamingTheRuleAndItsLine() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("explode.drl"), EndlessRecursion.IN_A_THEN_PART);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).contains("fail while running the scenarios")
			.contains("explode.drl:6: rule \"DepthWithoutEnd\" failed in its then part while deciding the scenarios' customers, "
					+ "for scenario \"Recent big spender is a Potential High Roller\" (tests/mine.yaml:2): "
					+ EndlessRecursion.SAID)
			.doesNotContain("\tat ");
	}

	@Test
	void ruleThatThrowsInAnAccumulateExitsTwoNamingTheRuleAndItsLine() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("explode.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "IdsCutShort"
				when
				    Number() from accumulate( CustomerFacts( $id : customerId ),
				        init( int total = 0; ), action( total += $id.substring( 100 ).length(); ), result( total ) )
				then
				end
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("explode.drl:4: rule \"IdsCutShort\" failed in its accumulate while deciding the scenarios' customers, "
				+ "for scenario \"Recent big spender is a Potential High Roller\" (tests/mine.yaml:2): StringIndexOutOfBoundsException");
	}

	/** Among many customers, the one a rule fails for is named: its scenario, where it is, its id. */
	@Test
	void ruleThatThrowsForOneCustomerOnlyNamesItsScenarioAndCustomer() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING + FROM_NOWHERE + PASSING.replace("scenarios:\n", ""));
		Files.writeString(this.rules.resolve("explode.drl"), COUNTRY_IN_LOWER_CASE);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("explode.drl:4: rule \"CountryInLowerCase\" failed in its then part while deciding the scenarios' "
				+ "customers, for scenario \"Contact from nowhere\" (tests/mine.yaml:12, customer c-404): a value it uses is missing (null) "
				+ "(NullPointerException");
		Files.writeString(this.rules.resolve("explode.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "LongCountryName"
				when
				    $c : CustomerFacts( country.length() > 2 )
				then
				end
				""");
		assertThat(run("test-rules", "--rules", this.rules.toString()).err()).contains("explode.drl:4: rule \"LongCountryName\" failed in its "
				+ "condition 'country.length() > 2' while deciding the scenarios' customers, for scenario \"Contact from nowhere\" "
				+ "(tests/mine.yaml:12, customer c-404): a value it uses is missing (null)");
	}

	/**
	 * Scenarios that pin thresholds are decided apart from the others: the first one the rule
	 * fails for in the file is named, and the others counted, whichever of them is decided first.
	 */
	@Test
	void ruleThatThrowsForScenariosPinningThresholdsAndNotCountsThemAllNamingTheFirstWritten() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING + """
				  - name: Contact from nowhere at a pinned AOV
				    asOf: 2026-11-01T00:00:00Z
				    thresholds: { highValueAov: 100.00 }
				    customer: { customerId: c-405, summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				""" + FROM_NOWHERE);
		Files.writeString(this.rules.resolve("explode.drl"), COUNTRY_IN_LOWER_CASE);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("explode.drl:4: rule \"CountryInLowerCase\" failed in its then part while deciding the scenarios' "
				+ "customers, for scenario \"Contact from nowhere at a pinned AOV\" (tests/mine.yaml:12, customer c-405) and 1 other(s): "
				+ "a value it uses is missing (null)");
	}

	/**
	 * Read as a rule that failed, it sent the analyst looking for a fault in the rules; with exit
	 * status 1, a pipeline took it for a scenario that failed.
	 */
	@Test
	void bugOfTheServiceWhileDecidingExitsSeventyWithItsStackTraceNotAsAFailingRuleNorScenario() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("bug.drl"), ConclusionWithABug.RULE);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(70);
		assertThat(run.err()).contains("java.lang.NullPointerException: " + ConclusionWithABug.BUG)
			.contains("\tat io.personaengine.decisions.DecisionEngine.")
			.doesNotContain("fail while running the scenarios")
			.doesNotContain("a rule failed");
		assertThat(run.out()).doesNotContain("PASS").doesNotContain("FAIL");
	}

	/**
	 * The service's own Java that throws when a rule's {@code from} calls it, under Drools' frames:
	 * read as a failure of the rules, it exited 2 and a reload was refused for a bug of the service.
	 */
	@Test
	void bugOfTheServiceCalledFromARuleExitsSeventyWithItsStackTraceNotAsAFailingRule() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING + FROM_NOWHERE);
		Files.writeString(this.rules.resolve("bug.drl"), CountryLetters.RULE);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(70);
		assertThat(run.err()).contains("java.lang.NullPointerException")
			.contains("\tat " + CountryLetters.class.getName() + ".of(")
			.doesNotContain("fail while running the scenarios")
			.doesNotContain("a rule failed");
		assertThat(run.out()).doesNotContain("PASS").doesNotContain("FAIL");
	}

	/**
	 * The service's own Java calling itself without end when a rule's eval calls it: a bug, as an
	 * exception it throws would be, not a rule's function overflowing the stack.
	 */
	@Test
	void overflowInTheServicesOwnJavaCalledFromARuleExitsSeventyAsABug() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("bug.drl"), CountryLetters.RECURSING_RULE);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(70);
		assertThat(run.err()).contains("java.lang.StackOverflowError")
			.contains("\tat " + CountryLetters.class.getName() + ".deeper(")
			.doesNotContain("fail while running the scenarios")
			.doesNotContain("a rule failed");
	}

	/**
	 * Drools says an eval that throws in a plain RuntimeException of its own: still the rules
	 * failing, and the rule named, as for its then part.
	 */
	@Test
	void evalThatThrowsIsStillAFailureOfTheRules() throws IOException {
		assertRulesFailForTheCustomerFromNowhere("explode.drl:4: rule \"LongCountryNameByEval\" failed in its eval", """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "LongCountryNameByEval"
				when
				    $c : CustomerFacts()
				    eval( $c.getCountry().length() > 2 )
				then
				end
				""");
	}

	/**
	 * An inline accumulate in the Java dialect throws from a class Drools generates for the rule,
	 * under Drools' own frames: read as a bug of the service, it exited 1 with a stack trace.
	 */
	@Test
	void inlineAccumulateThatThrowsIsStillAFailureOfTheRules() throws IOException {
		assertRulesFailForTheCustomerFromNowhere("explode.drl:4: rule \"CountryLettersByAccumulate\" failed in its accumulate", """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "CountryLettersByAccumulate"
				dialect "java"
				when
				    $c : CustomerFacts()
				    Number( intValue > 2 ) from accumulate( CustomerFacts( this == $c, $country : country ),
				        init( int letters = 0; ),
				        action( letters += $country.length(); ),
				        result( Integer.valueOf( letters ) ) )
				then
				end
				""");
	}

	/**
	 * A DRL function is generated into a class of the rules' package, named after it, as the
	 * service's own classes there are: still the rules failing, whatever its name, and the rule
	 * whose eval called it is named.
	 */
	@Test
	void functionThatThrowsIsStillAFailureOfTheRules() throws IOException {
		assertRulesFailForTheCustomerFromNowhere("explode.drl:8: rule \"LongCountryNameByFunction\" failed in its eval", """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				function int ruleFailure( CustomerFacts c ) {
				    return c.getCountry().length();
				}

				rule "LongCountryNameByFunction"
				when
				    $c : CustomerFacts()
				    eval( ruleFailure( $c ) > 2 )
				then
				end
				""");
	}

	/**
	 * test-rules with {@code rule}, which throws for the customer without a country: the rules
	 * failing, not the service, {@code named} as the rule and where it failed.
	 */
	private void assertRulesFailForTheCustomerFromNowhere(String named, String rule) throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING + FROM_NOWHERE);
		Files.writeString(this.rules.resolve("explode.drl"), rule);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).contains("fail while running the scenarios")
			.contains(named + " while deciding the scenarios' customers, for scenario \"Contact from nowhere\" (tests/mine.yaml:12, "
					+ "customer c-404): a value it uses is missing (null) (NullPointerException")
			.doesNotContain("\tat ");
	}

	@Test
	void brokenRuleExitsTwoWithFileAndLine() throws IOException {
		Files.writeString(this.rules.resolve("tests/mine.yaml"), PASSING);
		Files.writeString(this.rules.resolve("segments.drl"), "\nrule \"Broken\" when then oops end\n",
				java.nio.file.StandardOpenOption.APPEND);
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("do not compile").containsPattern("segments\\.drl:\\d+");
	}

	/** Said to "not compile" before, which sent an operator looking for a mistake in rules never read. */
	@Test
	void rulesFolderThatIsNotThereIsSaidToBeUnreadableNotToNotCompile() {
		Path missing = this.rules.resolve("no-rules");
		Run run = run("test-rules", "--rules", missing.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().lines()).containsExactly("The rules in " + missing + " cannot be read:",
				"  " + missing + ": not a folder (set persona.rules.dir or --rules)");
	}

	@Test
	void folderWithoutScenariosExitsTwo() {
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("No scenarios");
	}

	/**
	 * Given as "", --rules named the current folder, and its rules were read from wherever the
	 * command ran, where segment refuses a file or folder option given so.
	 */
	@Test
	void rulesFolderGivenAsNothingIsRefusedInALineAsSegmentRefusesIt() {
		for (String nothing : new String[] { "", " " }) {
			Run run = run("test-rules", "--rules", nothing);
			assertThat(run.exit()).as("'%s'", nothing).isEqualTo(2);
			assertThat(run.err().lines()).as("'%s'", nothing).containsExactly("--rules is empty: name a folder (. for the current one)");
			assertThat(run.out()).isEmpty();
		}
	}

	/** The reason and picocli's guesses, then where the options are told: not test-rules' whole usage. */
	@Test
	void misspeltOptionIsSaidWithPicocliGuessesAndWhereToFindTheOptions() {
		Run run = run("test-rules", "--rule", this.rules.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().lines()).containsExactly("Unknown options: '--rule', '" + this.rules + "'",
				"Possible solutions: --rules", "Try 'java -jar persona-engine.jar test-rules --help' for the options.");
		assertThat(run.out()).isEmpty();
	}

	/** {@code args} as given to the jar, as it runs them. */
	static Run run(String... args) {
		return JarCommands.run(args);
	}

}
