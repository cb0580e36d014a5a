package io.personaengine.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.decisions.RealRules;
import io.personaengine.facts.FactDeriver;
import io.personaengine.facts.Thresholds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.builder.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RuleSetLoaderTests {

	/** A rule that puts each customer in a segment of their own, made from data: any segment may be made. */
	static final String SEGMENT_OF_THEIR_OWN = """

			rule "CustomerIsInASegmentOfTheirOwn"
			when
			    $c : CustomerFacts( customerId != null )
			then
			    insert( new SegmentMatch( $c, $c.getCustomerId(), "named after the customer" ) );
			end
			""";

	final RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC());

	@TempDir
	Path rules;

	@BeforeEach
	void copyShippedRules() throws IOException {
		ShippedRules.copyTo(this.rules, (path) -> true);
	}

	@Test
	void shippedRulesCompileWithEveryPersonaRule() {
		RuleSet ruleSet = this.loader.load(this.rules);
		assertThat(ruleSet.ruleNames()).contains("RecentFrequentHighValueBuyerIsHighRoller", "GoneCustomerNotEngagingIsDeadWeight",
				"CustomerMatchingNoPersonaIsUnclassified", "FirstMatchingPersonaIsPrimary", "NoSmsWithoutSmsConsent");
		assertThat(ruleSet.files()).contains("personas.drl", "recommendations.drl", "consent.drl", "thresholds.yaml",
				"catalogue/personas.yaml");
		assertThat(ruleSet.thresholds().getRecentPurchaseDays()).isEqualTo(120);
		assertThat(ruleSet.catalogue().personaIds()).hasSize(15).startsWith("HIGH_ROLLER").endsWith("UNCLASSIFIED");
		assertThat(ruleSet.warnings()).as("every persona and segment the shipped rules make is in the catalogue").isEmpty();
	}

	/** Walked from the link, only the link was seen: "thresholds.yaml: missing". */
	@Test
	void rulesFolderThatIsALinkIsReadThroughIt(@TempDir Path deploy) throws IOException {
		Path link = Files.createSymbolicLink(deploy.resolve("rules"), this.rules);
		RuleSet ruleSet = this.loader.load(link);
		assertThat(ruleSet.files()).contains("personas.drl", "thresholds.yaml", "catalogue/personas.yaml");
		assertThat(ruleSet.version()).isEqualTo(this.loader.load(this.rules).version());
	}

	@Test
	void ruleWithSyntaxErrorIsRejectedWithFileLineAndColumn() throws IOException {
		append("personas.drl", "\nrule \"Broken\"\nwhen\n    $c : CustomerFacts( orderCount >>> 3 )\nthen\nend\n");
		long brokenLine = Files.readAllLines(this.rules.resolve("personas.drl")).indexOf("    $c : CustomerFacts( orderCount >>> 3 )") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).first().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("personas.drl");
				assertThat(problem.line()).isEqualTo(brokenLine);
				assertThat(problem.column()).isPositive();
			}))
			.withMessageContaining("personas.drl:" + brokenLine);
	}

	@Test
	void parserErrorGivesLineAndColumnAndNothingElse() throws IOException {
		append("segments.drl", "\nrule \"Gift\"\nwhen\n    $c : CustomerFacts( country == \"SE\", totalSpent >= )\nthen\nend\n");
		long brokenLine = Files.readAllLines(this.rules.resolve("segments.drl")).indexOf("    $c : CustomerFacts( country == \"SE\", totalSpent >= )") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("segments.drl");
				assertThat(problem.line()).isEqualTo(brokenLine);
				assertThat(problem.column()).isEqualTo(56);
				assertThat(at(problem)).isEqualTo(")");
				assertThat(problem.message()).isEqualTo("[ERR 101] no viable alternative at input ')' in rule \"Gift\"");
			}));
	}

	/**
	 * A text whose closing quote is missing runs on to the end of the file: Drools said
	 * "mismatched input ''" there and gave its parser's NullPointerException with its stack trace.
	 */
	@Test
	void textNeverClosedIsOneProblemAtItsQuote() throws IOException {
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				rule "GiftForLoyal"
				when
				    SegmentMatch( segment == "LOYAL )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("gifts.drl", 6, 30,
						"the text opened here with \" is never closed: the rest of the file is read as part of it")));
	}

	/**
	 * With more texts after it, the one left open ends at the next one's opening quote, and Drools
	 * stumbles on what follows, lines later, and again at the end of the file.
	 */
	@Test
	void textNotClosedOnItsLineIsOneProblemAtItsQuoteNamingTheLineItRunsOnTo() throws IOException {
		Path file = this.rules.resolve("segment-recommendations.drl");
		List<String> lines = Files.readAllLines(file);
		int loyal = lines.indexOf("    SegmentMatch( segment == \"LOYAL\", $c : customer )");
		lines.set(loyal, "    SegmentMatch( segment == \"LOYAL, $c : customer )");
		Files.write(file, lines);
		int next = loyal + 1;
		while (!lines.get(next).contains("\"")) {
			next++;
		}
		int closing = next + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem).isEqualTo(new RuleProblem("segment-recommendations.drl", loyal + 1, 30,
						"the text opened here with \" is not closed on its line: it runs on to the \" on line " + closing
								+ "; close it where it should end"));
				assertThat(at(problem)).startsWith("\"LOYAL, $c");
			}));
	}

	/** A comment left open takes the rest of the file, rules included. */
	@Test
	void commentNeverClosedIsOneProblemAtItsStart() throws IOException {
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				/* the gift for the loyal, to come
				rule "GiftForLoyal"
				when
				    SegmentMatch( segment == "LOYAL" )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().isEqualTo(new RuleProblem("gifts.drl", 4, 1,
					"the comment opened here with /* is never closed: the rest of the file is read as part of it")));
		Path gifts = this.rules.resolve("gifts.drl");
		Files.writeString(gifts, Files.readString(gifts).replace("to come", "to come */"));
		assertThat(this.loader.load(this.rules).ruleNames()).contains("GiftForLoyal");
	}

	/** Drools' parser failing at the end of a file gave its own NullPointerException and stack trace. */
	@Test
	void fileEndingInsideAPatternSaysSoWithoutDroolsOwnException() throws IOException {
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				rule "GiftForLoyal"
				when
				    SegmentMatch( segment == "LOYAL"
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().isEqualTo(new RuleProblem("gifts.drl", 7, 1,
					"the file ends in the middle of a rule: is a ')' or an 'end' missing?")));
	}

	/**
	 * Drools counts columns from 0 and repeats them in its text ("Line 127:42"); an editor, and
	 * every other problem, counts from 1: the column is where an editor puts the cursor, and no
	 * text says otherwise.
	 */
	@Test
	void droolsColumnsCountFromOneAsInAnEditorAndNoTextSaysOtherwise() throws IOException {
		append("segments.drl", "\nrule \"Gift\"\nwhen\n    $c : CustomerFacts( totalSpent > 1000 emailConsent )\nthen\nend\n");
		append("recommendations.drl", "\nrule \"UsesUnknownField\"\nwhen\n    CustomerFacts( lifetimeValue > 3 )\nthen\nend\n");
		append("personas.drl", "\nrule \"Broken\"\nwhen\n    $c : CustomerFacts( orderCount >>> 3 )\nthen\nend\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactlyInAnyOrder((parser) -> {
				assertThat(parser.file()).isEqualTo("segments.drl");
				assertThat(at(parser)).startsWith("emailConsent )");
				assertThat(parser.message()).isEqualTo("[ERR 102] mismatched input 'emailConsent' in pattern in rule \"Gift\"");
			}, (field) -> {
				assertThat(field.file()).isEqualTo("recommendations.drl");
				assertThat(at(field)).isEqualTo("lifetimeValue > 3 )");
				assertThat(field.message()).startsWith("Unable to Analyse Expression lifetimeValue > 3:")
					.endsWith("[Near : {... lifetimeValue > 3 ....}]")
					.doesNotContain("Line", "Column");
			}, (predicate) -> {
				assertThat(predicate.file()).isEqualTo("personas.drl");
				assertThat(at(predicate)).isEqualTo("orderCount >>> 3 )");
				assertThat(predicate.message()).isEqualTo("Predicate 'orderCount >>> 3' must be a Boolean expression");
			}));
	}

	/**
	 * An emoji is one character in an analyst's line and in a YAML problem's column, but two
	 * UTF-16 units in Drools' columns and in Java's strings: columns count characters.
	 */
	@Test
	void columnsAfterAnEmojiCountItAsOneCharacter() throws IOException {
		String segments = Files.readString(this.rules.resolve("segments.drl"));
		String gift = "    $c : CustomerFacts( country == \"\uD83C\uDF81\", totalSpent >= )";
		append("segments.drl", "\nrule \"Gift\"\nwhen\n" + gift + "\nthen\nend\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.message()).startsWith("[ERR 101] no viable alternative at input ')'");
				assertThat(problem.column()).isEqualTo(55).isEqualTo(gift.codePointCount(0, gift.indexOf(')')) + 1);
			}));
		Files.writeString(this.rules.resolve("segments.drl"), segments);
		String loyal = "    SegmentMatch( segment == \"LOYAL\" || /* \uD83C\uDF81 */ segment == \"LOAYL\" )";
		append("segment-recommendations.drl", "\nrule \"GiftForLoyal\"\nwhen\n" + loyal + "\nthen\nend\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.message()).startsWith("unknown segment 'LOAYL'");
				assertThat(problem.column()).isEqualTo(61).isEqualTo(loyal.codePointCount(0, loyal.indexOf("LOAYL")) + 1);
			}));
	}

	/**
	 * A position Drools' text gives on another line than the problem's own is kept in the message,
	 * and counted as every column is: from 1, in characters.
	 */
	@Test
	void positionOnAnotherLineInDroolsTextCountsAnEmojiAsOneCharacter() {
		String gift = "    $c : CustomerFacts( country == \"\uD83C\uDF81\", totalSpent >= )";
		SortedMap<String, byte[]> files = new TreeMap<>(Map.of("gift.drl",
				("rule \"Gift\"\nwhen\n" + gift + "\nthen\nend\n").getBytes(StandardCharsets.UTF_8)));
		Message message = new Message() {

			@Override
			public long getId() {
				return 1;
			}

			@Override
			public Level getLevel() {
				return Level.ERROR;
			}

			@Override
			public String getPath() {
				return "gift.drl";
			}

			@Override
			public int getLine() {
				return 4;
			}

			@Override
			public int getColumn() {
				return 0;
			}

			@Override
			public String getText() {
				return "[ERR 102] Line 4:0 mismatched input 'then' after [3:" + gift.indexOf(')') + "]";
			}

		};
		RuleProblem problem = RuleSetLoader.droolsProblem("gift.drl", message, new BuildMessages(RuleSources.read(files), null));
		assertThat(problem).isEqualTo(new RuleProblem("gift.drl", 4, 1, "[ERR 102] mismatched input 'then' after [3:"
				+ (gift.codePointCount(0, gift.indexOf(')')) + 1) + "]"));
	}

	/**
	 * Drools places a constraint it cannot read where its pattern starts, lines before it, or
	 * nowhere; a constraint written twice in the pattern leaves Drools' place, which may be right.
	 */
	@Test
	void constraintDroolsCannotReadIsPlacedWhereItIsWrittenNotWhereItsPatternStarts() throws IOException {
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.SegmentMatch;

				rule "ValuableSwede"
				when
				    $c : CustomerFacts(
				        country == "SE",
				        lifetimeValue   >
				            3 )
				    SegmentMatch( customer == $c,
				        segment == $x )
				    CustomerFacts( this == $c,
				        orderCount >>> 3 )
				    not( SegmentMatch( customer == $c,
				                       segmnt == "LOYAL" ) )
				then
				end

				rule "ValuableSwedeTwice"
				when
				    CustomerFacts( country == "SE",
				        lifetimeValue > 3, orderCount > 1, lifetimeValue > 3 )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).extracting((problem) -> problem.line() + ":" + problem.column() + " " + at(problem))
				.containsExactlyInAnyOrder("9:9 lifetimeValue   >", "12:9 segment == $x )", "14:9 orderCount >>> 3 )",
						"16:24 segmnt == \"LOYAL\" ) )", "22:5 CustomerFacts( country == \"SE\","));
	}

	@Test
	void ruleReferringToUnknownFieldIsRejectedNamingTheFile() throws IOException {
		append("recommendations.drl", "\nrule \"UsesUnknownField\"\nwhen\n    CustomerFacts( lifetimeValue > 3 )\nthen\nend\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).anySatisfy((problem) -> {
				assertThat(problem.file()).isEqualTo("recommendations.drl");
				assertThat(problem.message()).contains("lifetimeValue");
			}));
	}

	@Test
	void misspeltSegmentAndPersonaInTheAnalystsLanguageAreRefusedWithLineColumnAndTheKnownIds() throws IOException {
		append("custom-segments.dslr", """

				rule "LoyalHighRollerInSwedenIsSwedishVip"
				when
				    There is a customer
				    the customer is in segment LOAYL
				    the customer is a HIGH_ROLER
				    the customer lives in SE
				then
				    Add the customer to segment SWEDISH_VIP because loyal high roller in Sweden
				end
				""");
		List<String> lines = Files.readAllLines(this.rules.resolve("custom-segments.dslr"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactly((segment) -> {
				assertThat(segment.file()).isEqualTo("custom-segments.dslr");
				assertThat(segment.line()).isEqualTo(lines.indexOf("    the customer is in segment LOAYL") + 1);
				assertThat(segment.column()).isEqualTo(32);
				assertThat(at(segment)).isEqualTo("LOAYL");
				assertThat(segment.message()).startsWith("unknown segment 'LOAYL': the condition could never hold;")
					.contains("catalogue/segments.yaml")
					.contains("ABANDONED_CART, COUNTRY_xx, COUPON_CUSTOMER")
					.contains("LOYAL, MPP_OPENER")
					.contains("SHOE_LOVER, SWEDISH_VIP, TOP_SPENDER");
			}, (persona) -> {
				assertThat(persona.line()).isEqualTo(lines.indexOf("    the customer is a HIGH_ROLER") + 1);
				assertThat(persona.column()).isEqualTo(23);
				assertThat(at(persona)).isEqualTo("HIGH_ROLER");
				assertThat(persona.message()).startsWith("unknown persona 'HIGH_ROLER'").contains("HIGH_ROLLER");
			}));
	}

	/**
	 * The facts hold a country as its ISO code in capitals: "the customer lives in Sweden" (the
	 * phrase takes any letters), "se" or "UK" loaded as a condition that never held.
	 */
	/** Blamed on the line's first column: the empty text was found as a word everywhere. */
	@Test
	void emptyCountryIsRefusedAtItsQuotes() throws IOException {
		String condition = "    CustomerFacts( country != \"\" )";
		Files.writeString(this.rules.resolve("empty-country.drl"), "package io.personaengine.rules;\n\n"
				+ "import io.personaengine.facts.CustomerFacts;\n\nrule \"AnyCountry\"\nwhen\n" + condition + "\nthen\nend\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("empty-country.drl");
				assertThat(problem.line()).isEqualTo(7);
				assertThat(problem.column()).isEqualTo(condition.indexOf("\"\"") + 1);
				assertThat(problem.message()).startsWith("'' is no country a customer has");
			}));
	}

	@Test
	void countryWrittenOtherwiseThanTheFactsHoldItIsRefusedSayingTheCodeItProbablyIs() throws IOException {
		append("custom-segments.dslr", """

				rule "SwedesAndBritsAndSwedes"
				when
				    There is a customer
				    the customer lives in Sweden
				    the customer lives in se
				    > CustomerFacts( this == $c, country != "UK", country in ( "NO", "Narnia" ) )
				then
				end
				""");
		List<String> lines = Files.readAllLines(this.rules.resolve("custom-segments.dslr"));
		int sweden = lines.indexOf("    the customer lives in Sweden") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("custom-segments.dslr", sweden, 27, "'Sweden' is no country a customer has: the condition "
							+ "could never hold; a customer's country is an ISO 3166-1 alpha-2 code in capitals (SE for Sweden)"),
					new RuleProblem("custom-segments.dslr", sweden + 1, 27, "'se' is no country a customer has: the condition "
							+ "could never hold; a customer's country is an ISO 3166-1 alpha-2 code in capitals (SE)"),
					new RuleProblem("custom-segments.dslr", sweden + 2, 46, "'UK' is no country a customer has: the condition "
							+ "always holds; a customer's country is an ISO 3166-1 alpha-2 code in capitals "
							+ "(GB for UK)"),
					new RuleProblem("custom-segments.dslr", sweden + 2, 71, "'Narnia' is no country a customer has: it could "
							+ "never match, so it adds nothing to the list; a customer's country is an ISO 3166-1 alpha-2 code in "
							+ "capitals (SE, GB, US, ...)")));
	}

	/**
	 * Only a text in double quotes compared with {@code ==}, {@code equals} or {@code in} was
	 * checked: a pattern, a comparison in any case, an inline list and a number loaded as
	 * conditions that never held, or always did. What does hold for some country is left alone.
	 */
	@Test
	void countryComparedWithAPatternAnyCaseAListOrANumberNoCountryCanBeIsRefused() throws IOException {
		Files.writeString(this.rules.resolve("countries.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "EveryOtherWayOfComparingACountry"
				when
				    CustomerFacts( country == 'se' )
				    CustomerFacts( country matches "se" )
				    CustomerFacts( country not matches "S" )
				    CustomerFacts( country.equalsIgnoreCase( "Sweden" ) )
				    CustomerFacts( country memberOf [ "NO", "Narnia" ] )
				    CustomerFacts( country == 5 )
				    CustomerFacts( country not in ( "SE", 46 ) )
				    CustomerFacts( country matches "S.", country.equalsIgnoreCase( "se" ), "dk".equalsIgnoreCase( country ) )
				    CustomerFacts( country memberOf [ "SE", "NO" ], country != 'GB' )
				then
				end
				""");
		String code = "; a customer's country is an ISO 3166-1 alpha-2 code in capitals";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("countries.drl", 6, 32, "'se' is no country a customer has: the condition could never hold"
							+ code + " (SE)"),
					new RuleProblem("countries.drl", 7, 37, "the pattern 'se' matches no country a customer has: the condition "
							+ "could never hold" + code + " (SE)"),
					new RuleProblem("countries.drl", 8, 41, "the pattern 'S' matches no country a customer has: the condition "
							+ "always holds" + code + " (SE, GB, US, ...)"),
					new RuleProblem("countries.drl", 9, 47, "'Sweden' is no country a customer has, in capitals or not: the "
							+ "condition could never hold" + code + " (SE for Sweden)"),
					new RuleProblem("countries.drl", 10, 46, "'Narnia' is no country a customer has: it could never match, so "
							+ "it adds nothing to the list" + code + " (SE, GB, US, ...)"),
					new RuleProblem("countries.drl", 11, 31, "the number 5 is no country a customer has: the condition could "
							+ "never hold" + code + ", a text in quotes (\"SE\")"),
					new RuleProblem("countries.drl", 12, 43, "the number 46 is no country a customer has: it could never match, "
							+ "so leaving it out excludes no one" + code + ", a text in quotes (\"SE\")")));
	}

	/**
	 * A pattern with a backslash was not judged: Drools has MVEL read the text between quotes,
	 * as Java reads it, so "\\d\\d" is the pattern \d\d, which no code matches, and "S\\\\w" the
	 * pattern S\\w, which only "S\w" matches; "S\\w", "\\x53E" and "S" followed by MVEL's escape
	 * of an E match SE, and are let be.
	 */
	@Test
	void countryComparedWithAPatternWithEscapesIsJudgedAsThePatternDroolsMatchesWith() throws IOException {
		Files.writeString(this.rules.resolve("countries.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "PatternsWithEscapes"
				when
				    CustomerFacts( country matches "\\\\d\\\\d" )
				    CustomerFacts( country not matches 'S\\\\d' )
				    CustomerFacts( country matches "[A-Z]\\\\w\\\\.", country matches "\\\\\\\\SE" )
				    CustomerFacts( country matches "S\\\\w", country matches "\\\\w\\\\w", country matches "S\\u0045" )
				    CustomerFacts( country matches "\\\\x53E", country not matches "S\\\\\\\\w" )
				then
				end
				""");
		String code = "; a customer's country is an ISO 3166-1 alpha-2 code in capitals (SE, GB, US, ...)";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("countries.drl", 6, 37, "the pattern '\\\\d\\\\d' matches no country a customer has: the "
							+ "condition could never hold" + code),
					new RuleProblem("countries.drl", 7, 41, "the pattern 'S\\\\d' matches no country a customer has: the "
							+ "condition always holds" + code),
					new RuleProblem("countries.drl", 8, 37, "the pattern '[A-Z]\\\\w\\\\.' matches no country a customer has: "
							+ "the condition could never hold" + code),
					new RuleProblem("countries.drl", 8, 68, "the pattern '\\\\\\\\SE' matches no country a customer has: "
							+ "the condition could never hold" + code),
					new RuleProblem("countries.drl", 10, 67, "the pattern 'S\\\\\\\\w' matches no country a customer has: "
							+ "the condition always holds" + code)));
	}

	@Test
	void segmentsTheRulesAddAreKnownThoughTheCatalogueDoesNotListThem() throws IOException {
		append("custom-segments.dslr", """

				rule "ShoeLoverInSwedenIsSwedishShoeLover"
				when
				    There is a customer
				    the customer is in segment SHOE_LOVER
				    the customer is in segment COUNTRY_SE
				then
				    Add the customer to segment SWEDISH_SHOE_LOVER because a shoe lover in Sweden
				end

				rule "SwedishShoeLoverGetsSwedishShoes"
				when
				    There is a customer
				    the customer is in segment SWEDISH_SHOE_LOVER
				then
				    Recommend SWEDISH_SHOES by EMAIL with priority 3 for SWEDISH_SHOE_LOVER because shoes made in Sweden
				end
				""");
		RuleSet ruleSet = this.loader.load(this.rules);
		assertThat(ruleSet.ids().segments().contains("SWEDISH_SHOE_LOVER")).isTrue();
		assertThat(ruleSet.ids().segments().contains("COUNTRY_SE")).isTrue();
		assertThat(ruleSet.ids().actions().contains("SWEDISH_SHOES")).isTrue();
	}

	/**
	 * An id a .dsl phrase makes is not written in the .dslr: the warning for it was placed at the
	 * first later line of the file that names it, in another rule (GiftB's condition); it is at the
	 * line of the rule's phrase, as the id is nowhere in the rule as written.
	 */
	@Test
	void segmentWithoutAnEntryThatAPhraseMakesIsWarnedOfAtTheRulesPhraseNotAtALaterRuleNamingIt() throws IOException {
		append("customer-language.dsl", "\n[then]Give the gift=insert( new SegmentMatch( $c, \"GIFTED\", \"gift\" ) );\n");
		append("custom-segments.dslr", """

				rule "GiftA"
				when
				    There is a customer
				    the customer lives in SE
				then
				    Give the gift
				end

				rule "GiftB"
				when
				    There is a customer
				    the customer is in segment GIFTED
				then
				    Add the customer to segment GIFTED_TWICE because twice
				end
				""");
		List<String> lines = Files.readAllLines(this.rules.resolve("custom-segments.dslr"));
		int phrase = lines.indexOf("    Give the gift") + 1;
		int twice = lines.indexOf("    Add the customer to segment GIFTED_TWICE because twice") + 1;
		assertThat(this.loader.load(this.rules).warnings()).extracting(RuleProblem::file, RuleProblem::line, RuleProblem::column)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("custom-segments.dslr", phrase, 0),
					org.assertj.core.groups.Tuple.tuple("custom-segments.dslr", twice, 33));
	}

	/**
	 * An entry whose id no rule makes (HIGH_ROLER for HIGH_ROLLER) was listed by the API and named
	 * by no decision, its texts shown for no one, without a word. It is a warning at the id, as an
	 * id made without an entry is at the rule; an id made by a rule of another file or by a .dsl
	 * phrase is made, and so is every id when a rule makes them from data.
	 */
	@Test
	void catalogueEntryWhoseIdNoRuleMakesIsWarnedOfAtItsIdNamingTheIdARuleMakesItProbablyIs() throws IOException {
		Path personas = this.rules.resolve("catalogue/personas.yaml");
		Files.writeString(personas, Files.readString(personas).replace("- id: HIGH_ROLLER\n", "- id: HIGH_ROLER\n"));
		Path segments = this.rules.resolve("catalogue/segments.yaml");
		String gifted = "\n- id: %s\n  name: { en: Gifted }\n  description: { en: Got a gift }\n  goal: { en: Thank them }\n";
		Files.writeString(segments, Files.readString(segments) + gifted.formatted("GIFTED") + gifted.formatted("GIFTED_TWICE")
				+ gifted.formatted("GIFT_WRAPPED"));
		append("customer-language.dsl", "\n[then]Give the gift=insert( new SegmentMatch( $c, \"GIFTED\", \"gift\" ) );\n");
		append("custom-segments.dslr", """

				rule "Gift"
				when
				    There is a customer
				    the customer lives in SE
				then
				    Give the gift
				end
				""");
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.SegmentMatch;

				rule "GiftedTwice"
				when
				    $c : CustomerFacts( totalSpent > 1000 )
				    SegmentMatch( customer == $c, segment == "GIFTED" )
				then
				    insert( new SegmentMatch( $c, "GIFTED_TWICE", "twice" ) );
				end
				""");
		int roler = Files.readAllLines(personas).indexOf("- id: HIGH_ROLER") + 1;
		int wrapped = Files.readAllLines(segments).indexOf("- id: GIFT_WRAPPED") + 1;
		int rollerMade = Files.readAllLines(this.rules.resolve("personas.drl")).indexOf("    insert( new PersonaMatch( $c, 1, \"HIGH_ROLLER\",") + 1;
		RuleSet ruleSet = this.loader.load(this.rules);
		assertThat(ruleSet.warnings()).containsExactly(
				new RuleProblem("catalogue/personas.yaml", roler, 7, "persona 'HIGH_ROLER' is made by no rule: GET "
						+ "/api/v1/personas lists it, but no decision names it; did you mean 'HIGH_ROLLER', which personas.drl:"
						+ rollerMade + " makes?"),
				new RuleProblem("personas.drl", rollerMade, 39, "persona 'HIGH_ROLLER' has no entry in catalogue/personas.yaml: "
						+ "decisions name it, but GET /api/v1/personas does not list it, and it has no name, description or goal "
						+ "in any language; add an entry with id HIGH_ROLLER"),
				new RuleProblem("catalogue/segments.yaml", wrapped, 7, "segment 'GIFT_WRAPPED' is made by no rule: GET "
						+ "/api/v1/segments lists it, but no decision names it; add a rule that makes it, or remove the entry"));
		assertThat(ruleSet.ids().personas().contains("HIGH_ROLER")).as("a condition naming it is not refused").isTrue();
		append("gifts.drl", SEGMENT_OF_THEIR_OWN);
		assertThat(this.loader.load(this.rules).warnings()).extracting(RuleProblem::file)
			.as("any segment may be made").containsExactly("catalogue/personas.yaml", "personas.drl");
	}

	/** So that their counters exist before a customer gets one; a channel built at run time is not known. */
	@Test
	void channelsOfEachActionAreKnownWhereTheRulesWriteBoth() throws IOException {
		append("segment-recommendations.drl", """

				rule "ChannelChosenAtRunTime"
				when
				    $c : io.personaengine.facts.CustomerFacts( customerId == "chosen-at-run-time" )
				then
				    String channel = $c.isSmsConsent() ? "SMS" : "EMAIL";
				    insert( new Recommendation( $c, "RUN_TIME_CHANNEL", channel, 3, "LOYAL", "either" ) );
				end
				""");
		RuleSet ruleSet = this.loader.load(this.rules);
		assertThat(ruleSet.ids().channels()).containsEntry("VIP_PERKS", new TreeSet<>(List.of("EMAIL", "SMS")))
			.containsEntry("LOCALISE", new TreeSet<>(List.of("ALL")))
			.as("in the analysts' phrases (custom-segments.dslr)")
			.containsEntry("SMS_WINBACK", new TreeSet<>(List.of("SMS")))
			.doesNotContainKey("RUN_TIME_CHANNEL");
		assertThat(ruleSet.ids().actions().contains("RUN_TIME_CHANNEL")).isTrue();
	}

	@Test
	void misspeltSegmentComparedInDrlIsRefused() throws IOException {
		Path guards = this.rules.resolve("guards.drl");
		Files.writeString(guards, Files.readString(guards).replace("segment == \"COUPON_CUSTOMER\"", "segment == \"COUPON_CUSTOMERS\""));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("guards.drl");
				assertThat(problem.line()).isEqualTo(Files.readAllLines(guards).indexOf("    not SegmentMatch( customer == $c, segment == \"COUPON_CUSTOMERS\" )") + 1);
				assertThat(problem.message()).startsWith("unknown segment 'COUPON_CUSTOMERS'");
			}));
	}

	/**
	 * {@code this.segment}, {@code equals} and a recommendation's action are checked as
	 * {@code segment == "..."} is; a comparison that excludes an unknown id always holds, and says
	 * so. Another fact's field ({@code $s.segment}) and known ids are left alone.
	 */
	@Test
	void unknownIdsAreFoundInEveryFormOfComparisonAndNegatedOnesAlwaysHold() throws IOException {
		append("guards.drl", """

				rule "EveryFormOfComparison"
				when
				    SegmentMatch( this.segment == "LOAYL" )
				    SegmentMatch( "DORMNAT".equals( this.segment ) )
				    SegmentMatch( !segment.equals( "PROSPCET" ) )
				    SegmentMatch( segment != "SHOE_LOVERS" )
				    SegmentMatch( segment not in ( "LOYAL", "TOP_SPENDERS" ) )
				    Recommendation( action == "DISCOUNT_CODES" )
				    Recommendation( action in ( "VIP_PERKS", "SUPPRESS" ), channel == "EMAIL" )
				    $s : SegmentMatch( segment == "LOYAL" )
				    SegmentMatch( segment == $s.segment, $s.segment != "ANYTHING" )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).allSatisfy((problem) -> {
				assertThat(problem.file()).isEqualTo("guards.drl");
				assertThat(at(problem)).startsWith(problem.message().replaceAll("^unknown \\w+ '(\\w+)'.*", "$1") + "\"");
			})
				.extracting((problem) -> problem.message().replaceFirst("; known .*", ""))
				.containsExactly("unknown segment 'LOAYL': the condition could never hold",
						"unknown segment 'DORMNAT': the condition could never hold",
						"unknown segment 'PROSPCET': the condition always holds",
						"unknown segment 'SHOE_LOVERS': the condition always holds",
						"unknown segment 'TOP_SPENDERS': it could never match, so leaving it out excludes no one",
						"unknown action 'DISCOUNT_CODES': the condition could never hold"))
			.satisfies((ex) -> assertThat(ex.problems().get(5).message()).contains(
					"known actions are those rules recommend: ",
					"DISCOUNT_CODE, EARLY_ACCESS"));
	}

	/** A comparison turned around by a '!' is said to be what it amounts to: {@code !( segment == "X" )} always holds. */
	@Test
	void unknownIdInAComparisonTurnedAroundByAnExclamationMarkIsSaidToBeWhatItAmountsTo() throws IOException {
		append("guards.drl", """

				rule "EveryTurnedAroundComparison"
				when
				    SegmentMatch( !(segment == "DORMNAT") )
				    SegmentMatch( !( segment != "SHOE_LOVERS" ) )
				    SegmentMatch( !( segment in ( "LOYAL", "TOP_SPENDERS" ) ) )
				    SegmentMatch( !( !segment.equals( "ONE_TIME_BUYERS" ) ) )
				    SegmentMatch( reason != "!(", segment == "TREND_FOLOWER" )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).extracting((problem) -> problem.message().replaceFirst("; known .*", ""))
				.containsExactly("unknown segment 'DORMNAT': the condition always holds",
						"unknown segment 'SHOE_LOVERS': the condition could never hold",
						"unknown segment 'TOP_SPENDERS': it could never match, so leaving it out excludes no one",
						"unknown segment 'ONE_TIME_BUYERS': the condition could never hold",
						"unknown segment 'TREND_FOLOWER': the condition could never hold"));
	}

	/**
	 * Of {@code !( segment == "PROSPCET" || segment == "LOYAL" )}, which is {@code segment != "LOYAL"},
	 * the message said that the condition always holds: only the comparison with the unknown id is
	 * what it is whatever the customer, and that is what is said when it is part of a condition.
	 */
	@Test
	void unknownIdInPartOfAConditionIsSaidToMakeTheComparisonAlwaysFalseOrTrueNotTheCondition() throws IOException {
		append("guards.drl", """

				rule "EveryComparisonPartOfACondition"
				when
				    SegmentMatch( !( segment == "PROSPCET" || segment == "LOYAL" ) )
				    SegmentMatch( segment == "LOAYL" || segment == "DORMANT" )
				    SegmentMatch( segment  !=  "DORMNAT" && segment != "LOYAL" )
				    SegmentMatch( !( segment in ( "LOYAL", "TOP_SPENDERS" ) || segment == "DORMANT" ) )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).extracting((problem) -> problem.message().replaceFirst("; known .*", ""))
				.containsExactly("unknown segment 'PROSPCET': the comparison segment == \"PROSPCET\" is always false",
						"unknown segment 'LOAYL': the comparison segment == \"LOAYL\" is always false",
						"unknown segment 'DORMNAT': the comparison segment != \"DORMNAT\" is always true",
						"unknown segment 'TOP_SPENDERS': it could never match, so it adds nothing to the list"));
	}

	/** An id on a continuation line of {@code in ( ... )} is where an editor shows it, not at the line the list starts. */
	@Test
	void unknownIdOnALineOfItsOwnInAListIsRefusedAtItsLineAndColumn() throws IOException {
		append("guards.drl", """

				rule "LoyalOrTopSpender"
				when
				    SegmentMatch( segment in ( "LOYAL",
				                               "TOP_SPENDERS" ), $c : customer )
				    SegmentMatch( customer == $c, segment not in ( "DORMANT", "PROSPECT",
				        "LOAYL" ) )
				then
				end
				""");
		List<String> lines = Files.readAllLines(this.rules.resolve("guards.drl"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactly((in) -> {
				assertThat(in.line()).isEqualTo(lines.indexOf("                               \"TOP_SPENDERS\" ), $c : customer )") + 1);
				assertThat(in.column()).isEqualTo(33);
				assertThat(at(in)).startsWith("TOP_SPENDERS\"");
				assertThat(in.message()).startsWith("unknown segment 'TOP_SPENDERS': it could never match");
			}, (notIn) -> {
				assertThat(notIn.line()).isEqualTo(lines.indexOf("        \"LOAYL\" ) )") + 1);
				assertThat(notIn.column()).isEqualTo(10);
				assertThat(at(notIn)).startsWith("LOAYL\"");
				assertThat(notIn.message()).startsWith("unknown segment 'LOAYL': it could never match, so leaving it out");
			}));
	}

	@Test
	void misspeltCatalogueKeyIsRefusedAtItsOwnLineNamingTheKeysAnEntryTakes() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		List<String> lines = Files.readAllLines(catalogue);
		int name = lines.indexOf("  name:");
		lines.set(name, "  nme:");
		Files.write(catalogue, lines);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactly((key) -> {
				assertThat(key.file()).isEqualTo("catalogue/segments.yaml");
				assertThat(key.line()).isEqualTo(name + 1);
				assertThat(key.column()).isEqualTo(3);
				assertThat(key.message()).startsWith("unknown key 'nme': an entry takes ").contains("description, goal");
			}));
	}

	/** A text under a misspelt language ({@code kr:} for {@code ko:}) would never show. */
	@Test
	void misspeltLanguageInTheCatalogueIsRefusedAtItsOwnLineNamingTheLanguagesItTakes() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		List<String> lines = Files.readAllLines(catalogue);
		int korean = lines.indexOf("    ko: 고액 소비자");
		lines.set(korean, "    kr: 고액 소비자");
		Files.write(catalogue, lines);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("catalogue/segments.yaml", korean + 1, 5,
						"unknown language 'kr': the catalogue takes en, ko, sv")));
	}

	/**
	 * Ids are written in capitals, digits and '_', as rules, decisions and the analysts' language
	 * write them: an entry for "LOYAL CUSTOMER" loaded, and its texts showed for no segment a
	 * rule makes; one without an id was listed with a null id.
	 */
	@Test
	void catalogueIdNotWrittenAsIdsAreIsRefusedAtItsValueSayingTheIdItProbablyIs() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		Files.writeString(catalogue, Files.readString(catalogue).replace("- id: LOYAL\n", "- id: LOYAL CUSTOMER\n")
			.replace("  defaultActions: [VIP_TREATMENT]", "  defaultActions: [VIP_TREATMENT, vip-perks]")
				+ "\n- name: { en: Gifted }\n  description: { en: Got a gift }\n  goal: { en: Thank them }\n");
		List<String> lines = Files.readAllLines(catalogue);
		int actions = lines.indexOf("  defaultActions: [VIP_TREATMENT, vip-perks]") + 1;
		int loyal = lines.indexOf("- id: LOYAL CUSTOMER") + 1;
		int gifted = lines.indexOf("- name: { en: Gifted }") + 1;
		String ids = "is not written as ids are: in capitals, digits and '_' only, as the analysts' language writes them, "
				+ "and no rule makes it";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("catalogue/segments.yaml", actions, 35, "default action 'vip-perks' " + ids + " (VIP_PERKS)"),
					new RuleProblem("catalogue/segments.yaml", loyal, 7, "id 'LOYAL CUSTOMER' " + ids + " (LOYAL_CUSTOMER)"),
					new RuleProblem("catalogue/segments.yaml", gifted, 3, "no id: every entry needs the id the rules use for "
							+ "it, in capitals, digits and '_' (TOP_SPENDER)")));
	}

	/**
	 * A rule written in DRL makes ids as it writes them ({@code new SegmentMatch( $c, "vip-tier",
	 * ... )}): their entries loaded before ids were checked and were refused after, and the warning
	 * for a missing one advised the very id the catalogue refused. The form is asked only of ids no
	 * rule makes, and the id meant is the one a rule makes when one does.
	 */
	@Test
	void catalogueIdOrDefaultActionARuleMakesAsItIsWrittenLoadsAndIsTheIdTheWarningAndTheHintAdvise() throws IOException {
		Files.writeString(this.rules.resolve("vip.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.SegmentMatch;
				import io.personaengine.decisions.Recommendation;

				rule "VipTier"
				when
				    $c : CustomerFacts( country == "SE" )
				then
				    insert( new SegmentMatch( $c, "vip-tier", "Swedish" ) );
				    insert( new Recommendation( $c, "vip-gift", "EMAIL", 1, "vip-tier", "a gift" ) );
				end
				""");
		assertThat(this.loader.load(this.rules).warnings()).singleElement()
			.extracting(RuleProblem::message)
			.asString()
			.startsWith("segment 'vip-tier' has no entry in catalogue/segments.yaml")
			.endsWith("add an entry with id vip-tier");
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		String shipped = Files.readString(catalogue);
		String vip = "\n- id: vip-tier\n  name: { en: VIP tier }\n  description: { en: Swedish }\n  goal: { en: Keep them }\n"
				+ "  defaultActions: [vip-gift]\n";
		Files.writeString(catalogue, shipped + vip);
		RuleSet ruleSet = this.loader.load(this.rules);
		assertThat(ruleSet.warnings()).isEmpty();
		assertThat(ruleSet.catalogue().segmentIds()).contains("vip-tier");
		Files.writeString(catalogue, shipped + vip.replace("id: vip-tier", "id: VIP TIER").replace("[vip-gift]", "[vip-gifts]"));
		List<String> lines = Files.readAllLines(catalogue);
		int id = lines.indexOf("- id: VIP TIER") + 1;
		String ids = "is not written as ids are: in capitals, digits and '_' only, as the analysts' language writes "
				+ "them, and no rule makes it";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("catalogue/segments.yaml", id, 7, "id 'VIP TIER' " + ids + " (vip-tier)"),
					new RuleProblem("catalogue/segments.yaml", id + 4, 20, "default action 'vip-gifts' " + ids + " (VIP_GIFTS)")));
	}

	/**
	 * English is shown for every language a text is not written in: a text without it, left
	 * empty or not written at all would show nothing.
	 */
	@Test
	void catalogueEntryWithoutItsEnglishTextIsRefusedWhereTheTextIsOrWouldBe() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		List<String> lines = Files.readAllLines(catalogue);
		int name = lines.indexOf("    en: Top Spenders") - 1;
		lines.remove(name + 1);
		int description = lines.indexOf("  description:");
		lines.set(description + 1, "    en:");
		int loyal = lines.indexOf("- id: LOYAL");
		int goal = loyal + lines.subList(loyal, lines.size()).indexOf("  goal:");
		lines.subList(goal, goal + 4).clear();
		Files.write(catalogue, lines);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("catalogue/segments.yaml", name + 1, 3, "no English (en) name: it is shown for every "
							+ "language without a name of its own, so every entry needs one"),
					new RuleProblem("catalogue/segments.yaml", description + 1, 3, "no English (en) description: it is shown "
							+ "for every language without a description of its own, so every entry needs one"),
					new RuleProblem("catalogue/segments.yaml", loyal + 1, 3, "no English (en) goal: it is shown for every "
							+ "language without a goal of its own, so every entry needs one")));
	}

	/** Their entries never showed, without a word: only personas.yaml and segments.yaml are read. */
	@Test
	void catalogueFileTheCatalogueIsNotReadFromIsRefusedNotLeftUnread() throws IOException {
		String gift = "- id: GIFT_WORTHY\n  name: { en: Gift-Worthy }\n  description: { en: Top spenders in Sweden. }\n"
				+ "  goal: { en: Send a gift. }\n";
		Files.writeString(this.rules.resolve("catalogue/gifts.yaml"), gift);
		Files.writeString(this.rules.resolve("catalogue/more-segments.yml"), gift);
		// Rules are compiled wherever they are in the folder: not "never read".
		Files.writeString(this.rules.resolve("catalogue/kept.drl"), "package io.personaengine.rules;\n");
		String unread = "never read: the catalogue is catalogue/personas.yaml and catalogue/segments.yaml; put its entries in one of them";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("catalogue/gifts.yaml", 0, 0, unread),
					new RuleProblem("catalogue/more-segments.yml", 0, 0, unread)));
	}

	/** Two entries for one id would both be listed, and which one's texts show would depend on their order. */
	@Test
	void idGivenToTwoCatalogueEntriesIsRefusedAtTheSecondNamingTheLineOfTheFirst() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		List<String> lines = Files.readAllLines(catalogue);
		int topSpender = lines.indexOf("- id: TOP_SPENDER");
		int loyal = lines.indexOf("- id: LOYAL");
		lines.set(loyal, "- id: TOP_SPENDER");
		Files.write(catalogue, lines);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("catalogue/segments.yaml", loyal + 1, 3, "id 'TOP_SPENDER' is given to two "
						+ "entries (first on line " + (topSpender + 1) + "); only one of them would count")));
	}

	/**
	 * Only a rule recommends: an action that is only a catalogue's default is never in a decision.
	 * COUNTRY names the family COUNTRY_xx in the catalogue; no customer is in COUNTRY itself.
	 */
	@Test
	void catalogueDefaultActionsAndFamilyNamesAloneAreNoKnownIds() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		Files.writeString(catalogue, Files.readString(catalogue).replace("  defaultActions: []", "  defaultActions: [HOLIDAY_GIFT]"));
		append("guards.drl", """

				rule "ForeignHolidayGift"
				when
				    SegmentMatch( segment != "COUNTRY", $c : customer )
				    Recommendation( action == "HOLIDAY_GIFT", customer == $c )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactly((family) -> {
				assertThat(at(family)).startsWith("COUNTRY\"");
				assertThat(family.message()).startsWith("unknown segment 'COUNTRY' (the catalogue's name for the family COUNTRY_xx, "
						+ "which no customer is in as such): the condition always holds; known segments are ")
					.contains("ABANDONED_CART, COUNTRY_xx, COUPON_CUSTOMER");
			}, (action) -> {
				assertThat(at(action)).startsWith("HOLIDAY_GIFT\"");
				assertThat(action.message()).startsWith("unknown action 'HOLIDAY_GIFT': the condition could never hold; "
						+ "known actions are those rules recommend: BESTSELLERS, ");
			}));
	}

	/** A text that only begins an id ({@code "COUNTRY_" + ...}) is no id of its own: it is not refused as one. */
	@Test
	void comparisonWithAnIdBuiltFromTextIsNotRefused() throws IOException {
		append("guards.drl", """

				rule "CustomerInTheSegmentOfTheirCountry"
				when
				    Recommendation( $c : customer, action == "CART_RECOVERY_" + "1H" )
				    SegmentMatch( customer == $c, segment == "COUNTRY_" + $c.getCountry() )
				then
				end
				""");
		assertThat(this.loader.load(this.rules).ruleNames()).contains("CustomerInTheSegmentOfTheirCountry");
	}

	/** A rule that builds ids from something other than text cannot be read: nothing is refused then. */
	@Test
	void noSegmentIsRefusedWhenARuleBuildsSegmentIdsFromData() throws IOException {
		append("segments.drl", SEGMENT_OF_THEIR_OWN + """

				rule "SegmentLoaylIsLookedFor"
				when
				    SegmentMatch( segment == "LOAYL" )
				then
				end
				""");
		assertThat(this.loader.load(this.rules).ids().segments().open()).isTrue();
	}

	/** What a file that does not parse adds is unknown: the rules that use it are not to blame. */
	@Test
	void segmentAddedByARuleThatDoesNotParseIsNotRefusedWhereItIsUsed() throws IOException {
		Files.writeString(this.rules.resolve("email-vip.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.SegmentMatch;

				rule "BigSpenderOnEmailIsEmailVip"
				when
				    $c : CustomerFacts( totalSpent > 1000 emailConsent )
				then
				    insert( new SegmentMatch( $c, "EMAIL_VIP", "big spender on email" ) );
				end
				""");
		Files.writeString(this.rules.resolve("email-vip-gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				rule "EmailVipGetsNothingYet"
				when
				    SegmentMatch( segment == "EMAIL_VIP" )
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("email-vip.drl");
				assertThat(problem.line()).isEqualTo(7);
				assertThat(problem.message()).contains("mismatched input 'emailConsent'");
			}));
	}

	@Test
	void duplicateRuleNameWithoutALiveRuleSetNamesBothRules() throws IOException {
		Files.writeString(this.rules.resolve("aa-new.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "RecentFrequentBuyerIsLoyal"
				when
				    CustomerFacts( orderCount > 10 )
				then
				end
				""");
		int segmentsLine = Files.readAllLines(this.rules.resolve("segments.drl")).indexOf("rule \"RecentFrequentBuyerIsLoyal\"") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("segments.drl", segmentsLine, 0,
						"rule name \"RecentFrequentBuyerIsLoyal\" is already used by the rule at aa-new.drl:4; give this rule a name of its own")));
	}

	/** A column Drools counts in the DRL a phrase expands to is no column of what the analyst wrote. */
	@Test
	void problemOnAnExpandedDslrLineHasNoColumnAndShowsTheDrl() throws IOException {
		append("custom-segments.dslr", """

				rule "BigSpenderIsBig"
				when
				    There is a customer
				    the customer spent more than 1.2.3
				then
				    Add the customer to segment SHOE_LOVER because big
				end
				""");
		int line = Files.readAllLines(this.rules.resolve("custom-segments.dslr")).indexOf("    the customer spent more than 1.2.3") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("custom-segments.dslr");
				assertThat(problem.line()).isEqualTo(line);
				assertThat(problem.column()).isZero();
				assertThat(problem.message()).isEqualTo("[ERR 102] mismatched input '.3B' in pattern in rule \"BigSpenderIsBig\""
						+ " (this line reads in DRL as: CustomerFacts( this == $c, totalSpent > 1.2.3B ))");
			}));
	}

	/**
	 * Drools' expander takes a comment out whole, moving the lines after it up, and a phrase whose
	 * DRL has a line break moves them down: every problem and rule after them was placed on
	 * another line than the one written, by as many lines.
	 */
	@Test
	void problemsAndRulesAfterACommentOrAPhraseOverSeveralLinesInADslrAreAtTheirWrittenLines() throws IOException {
		append("customer-language.dsl", """
				[then]Log {text}=System.out.println( "{text}" );\\nSystem.out.println( "logged" );
				[when]the customer is a big spender=CustomerFacts( this == $c,\\n    totalSpent > 1000B )
				""");
		append("custom-segments.dslr", """

				/* Shoe lovers,
				   logged */
				rule "LoggedBigSpendingShoeLover"
				when
				    There is a customer
				    the customer is a big spender
				    the customer ordered from collection shoes
				then
				    Log a shoe lover
				    Add the customer to segment SHOE_LOVER because shoes
				end
				""");
		Path dslr = this.rules.resolve("custom-segments.dslr");
		assertThat(this.loader.load(this.rules).locations().get("LoggedBigSpendingShoeLover"))
			.isEqualTo(new RuleSet.Location("custom-segments.dslr", Files.readAllLines(dslr).indexOf("rule \"LoggedBigSpendingShoeLover\"") + 1));
		append("custom-segments.dslr", """

				rule "ValuableBigSpender"
				when
				    There is a customer
				    the customer is a big spender
				    CustomerFacts( this == $c, lifetimeValue > 3 )
				    the customer is in segment LOAYL
				then
				end
				""");
		List<String> lines = Files.readAllLines(dslr);
		int drl = lines.indexOf("    CustomerFacts( this == $c, lifetimeValue > 3 )") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactly((expander) -> {
				assertThat(expander.line()).isEqualTo(drl);
				assertThat(expander.message()).startsWith("Unable to expand: CustomerFacts( this == $c, lifetimeValue > 3 )");
			}, (compiler) -> {
				assertThat(compiler.line() + ":" + compiler.column()).isEqualTo(drl + ":32");
				assertThat(compiler.message()).startsWith("Unable to Analyse Expression lifetimeValue > 3");
			}, (id) -> {
				assertThat(id.line()).isEqualTo(lines.indexOf("    the customer is in segment LOAYL") + 1);
				assertThat(at(id)).isEqualTo("LOAYL");
			}));
	}

	/**
	 * Plain DRL in a .dslr, or a phrase the language does not have, is only "Unable to expand" to
	 * Drools: the problem says to use a phrase, or to start DRL with '>', which Drools reads as written.
	 */
	@Test
	void dslrLineNoPhraseMatchesSaysToUseAPhraseOrStartDrlWithAnAngleBracket() throws IOException {
		String drl = "    CustomerFacts( this == $c, orderCount > 3 )";
		append("custom-segments.dslr", """

				rule "FrequentShoeBuyerIsShoeLover"
				when
				    There is a customer
				    the customer ordered from collection shoes
				%s
				then
				    Add the customer to segment SHOE_LOVER because frequent shoe buyer
				end
				""".formatted(drl));
		int line = Files.readAllLines(this.rules.resolve("custom-segments.dslr")).indexOf(drl) + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("custom-segments.dslr", line, 0, "Unable to expand: " + drl.strip()
						+ ": no phrase of customer-language.dsl matches this line; write it with one of its phrases, "
						+ "or start it with '>' to have it read as DRL, as written")));
		Path dslr = this.rules.resolve("custom-segments.dslr");
		Files.writeString(dslr, Files.readString(dslr).replace(drl, "    > " + drl.strip()));
		assertThat(this.loader.load(this.rules).ruleNames()).contains("FrequentShoeBuyerIsShoeLover");
	}

	/**
	 * A phrase the language does not have is no DRL either: Drools' parser also stumbled on the
	 * line ("[ERR 102] mismatched input 'customer'"), a second problem for one mistake. What it
	 * says of another line is kept.
	 */
	@Test
	void unknownPhraseIsOneProblemWhileAParserErrorOnAnotherLineIsKept() throws IOException {
		String phrase = "    the customer is very loyal";
		String drl = "    > CustomerFacts( this == $c, totalSpent >= )";
		append("custom-segments.dslr", """

				rule "VeryLoyalSwedeIsShoeLover"
				when
				    There is a customer
				%s
				    the customer lives in SE
				then
				    Add the customer to segment SHOE_LOVER because very loyal
				end

				rule "BigSpenderIsShoeLover"
				when
				    There is a customer
				%s
				then
				    Add the customer to segment SHOE_LOVER because big spender
				end
				""".formatted(phrase, drl));
		List<String> lines = Files.readAllLines(this.rules.resolve("custom-segments.dslr"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).satisfiesExactly((unexpanded) -> {
				assertThat(unexpanded.line()).isEqualTo(lines.indexOf(phrase) + 1);
				assertThat(unexpanded.message()).startsWith("Unable to expand: the customer is very loyal: no phrase of ");
			}, (parser) -> {
				assertThat(parser.line()).isEqualTo(lines.indexOf(drl) + 1);
				assertThat(parser.message()).isEqualTo("[ERR 101] no viable alternative at input ')' in rule \"BigSpenderIsShoeLover\"");
			}));
	}

	/**
	 * A line of a consequence no phrase matches is Java to Drools, which said "Rule Compilation
	 * error Send cannot be resolved to a type ..." at the rule's line, after the line's own
	 * problem (which kept the line's indentation).
	 */
	@Test
	void unknownPhraseInAConsequenceIsOneProblem() throws IOException {
		String phrase = "    Send the customer a gift";
		append("custom-segments.dslr", """

				rule "SwedeGetsAGift"
				when
				    There is a customer
				    the customer lives in SE
				then
				%s
				end
				""".formatted(phrase));
		int line = Files.readAllLines(this.rules.resolve("custom-segments.dslr")).indexOf(phrase) + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("custom-segments.dslr", line, 0, "Unable to expand: Send the customer a gift"
						+ ": no phrase of customer-language.dsl matches this line; write it with one of its phrases, "
						+ "or start it with '>' to have it read as DRL, as written")));
	}

	/**
	 * A phrase puts its reason, or a sku, between quotes in DRL: a quote in it ended the text there,
	 * and Drools said "Rule Compilation error ... Syntax error on token" at the rule's line, or
	 * stumbled on the condition. The value is refused where its quote is; “ ” are fine.
	 */
	@Test
	void quoteInAValueAPhraseWritesBetweenQuotesIsRefusedWhereItIs() throws IOException {
		String condition = "    the customer ordered product SHOE\"42\"";
		String consequence = "    Add the customer to segment SHOE_LOVER because they said \"hi\"";
		append("custom-segments.dslr", """

				rule "QuotedShoeBuyerIsShoeLover"
				when
				    There is a customer
				%s
				then
				    Add the customer to segment SHOE_LOVER because bought the quoted shoe
				end

				rule "GreetingSwedeIsShoeLover"
				when
				    There is a customer
				    the customer lives in SE
				then
				%s
				end
				""".formatted(condition, consequence));
		Path dslr = this.rules.resolve("custom-segments.dslr");
		List<String> lines = Files.readAllLines(dslr);
		String why = " must not contain \": the phrase writes it between quotes in DRL, where this \" would end the text; "
				+ "write ' or “ ” instead";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("custom-segments.dslr", lines.indexOf(condition) + 1, 38, "the sku" + why),
					new RuleProblem("custom-segments.dslr", lines.indexOf(consequence) + 1, 62, "the reason" + why)))
			.satisfies((ex) -> assertThat(at(ex.problems().get(1))).isEqualTo("\"hi\""));
		Files.writeString(dslr, Files.readString(dslr).replace("SHOE\"42\"", "SHOE-42").replace("\"hi\"", "“hi”"));
		assertThat(this.loader.load(this.rules).ruleNames()).contains("QuotedShoeBuyerIsShoeLover", "GreetingSwedeIsShoeLover");
	}

	/**
	 * Drools reads '...' as text too, and an analyst's phrase may put a value there: a ' in the
	 * value ended the text, and Drools said the text opened there was never closed, or stumbled on
	 * what followed ("no viable alternative at input '"Women"'"), or read the rest as DRL; a "
	 * broke it too, as Drools turns '...' into "...". The value is refused where the character is;
	 * ’ and “ ” are fine.
	 */
	@Test
	void apostropheInAValueAPhraseWritesBetweenApostrophesIsRefusedWhereItIs() throws IOException {
		append("customer-language.dsl", """

				[when]the customer ordered from the collection named {collection}=CustomerFacts( this == $c, rawHistory, orderedFromCollection( '{collection}' ) )
				[then]Add the customer to segment {segment:[A-Z0-9_]+} saying {reason}=insert( new SegmentMatch( $c, "{segment}", '{reason}' ) );
				""");
		String condition = "    the customer ordered from the collection named Women's";
		String consequence = "    Add the customer to segment SHOE_LOVER saying it's new";
		String quoted = "    Add the customer to segment SHOE_LOVER saying they said \"hi\"";
		append("custom-segments.dslr", """

				rule "WomensCollectionBuyerIsShoeLover"
				when
				    There is a customer
				%s
				then
				%s
				%s
				end
				""".formatted(condition, consequence, quoted));
		Path dslr = this.rules.resolve("custom-segments.dslr");
		List<String> lines = Files.readAllLines(dslr);
		String why = " must not contain ': the phrase writes it between quotes in DRL, where this ' would end the text; "
				+ "write ’ or “ ” instead";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("custom-segments.dslr", lines.indexOf(condition) + 1, condition.indexOf('\'') + 1,
							"the collection" + why),
					new RuleProblem("custom-segments.dslr", lines.indexOf(consequence) + 1, consequence.indexOf('\'') + 1,
							"the reason" + why),
					new RuleProblem("custom-segments.dslr", lines.indexOf(quoted) + 1, quoted.indexOf('"') + 1,
							"the reason must not contain \": the phrase writes it between quotes in DRL, where Drools turns "
									+ "the ' ' around it into \" \", which this \" would end; write “ ” instead")))
			.satisfies((ex) -> assertThat(at(ex.problems().get(0))).isEqualTo("'s"));
		Files.writeString(dslr, Files.readString(dslr).replace("Women's", "Women’s")
			.replace("it's new", "it’s new")
			.replace("\"hi\"", "“hi”"));
		assertThat(this.loader.load(this.rules).ruleNames()).contains("WomensCollectionBuyerIsShoeLover");
	}

	/** A line no phrase expanded is compiled as written: Drools' column is right there. */
	@Test
	void problemOnADslrLineLeftAsWrittenKeepsItsColumn() throws IOException {
		append("custom-segments.dslr", """

				rule "ValuableCustomer"
				when
				    There is a customer
				    CustomerFacts( this == $c, lifetimeValue > 3 )
				then
				    Add the customer to segment SHOE_LOVER because valuable
				end
				""");
		int line = Files.readAllLines(this.rules.resolve("custom-segments.dslr")).indexOf("    CustomerFacts( this == $c, lifetimeValue > 3 )") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).anySatisfy((problem) -> {
				assertThat(problem.file()).isEqualTo("custom-segments.dslr");
				assertThat(problem.line()).isEqualTo(line);
				assertThat(problem.column()).isEqualTo(32);
				assertThat(at(problem)).startsWith("lifetimeValue > 3 )");
				assertThat(problem.message()).contains("lifetimeValue");
			}));
	}

	/**
	 * The expander passes a line after a '>' through with a space for the '>': its columns are
	 * those written, yet the line counted as changed, so its problem had no column.
	 */
	@Test
	void problemOnADslrLinePassedThroughAfterAnAngleBracketKeepsItsColumn() throws IOException {
		String drl = "    > CustomerFacts( this == $c, lifetimeValue > 3 )";
		append("custom-segments.dslr", """

				rule "ValuableCustomer"
				when
				    There is a customer
				%s
				then
				    Add the customer to segment SHOE_LOVER because valuable
				end
				""".formatted(drl));
		int line = Files.readAllLines(this.rules.resolve("custom-segments.dslr")).indexOf(drl) + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file() + ":" + problem.line() + ":" + problem.column())
					.isEqualTo("custom-segments.dslr:" + line + ":34");
				assertThat(at(problem)).startsWith("lifetimeValue > 3 )");
				assertThat(problem.message()).startsWith("Unable to Analyse Expression lifetimeValue > 3")
					.doesNotContain("reads in DRL as");
			}));
	}

	/**
	 * Drools 10.2 compiles a condition to bytecode once it has been evaluated about 20 times, and
	 * for a str[...] operator that bytecode calls a method that does not exist: the rule loaded,
	 * passed a few evaluations, and then failed every decision (NoSuchMethodError). What the
	 * problem says to write instead keeps working well past that point.
	 */
	@Test
	void strOperatorIsRefusedAtTheOperatorSayingWhatToWriteWhichHoldsPastTheConditionCompiling() throws IOException {
		String condition = "    SegmentMatch( segment str[startsWith] \"COUNTRY_\", $c : customer )";
		Files.writeString(this.rules.resolve("gifts.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;
				import io.personaengine.decisions.Recommendation;

				rule "CustomerInACountryGetsAGiftFromHome"
				when
				%s
				then
				    insert( new Recommendation( $c, "GIFT_FROM_HOME", "EMAIL", 5, "COUNTRY", "a gift from home" ) );
				end
				""".formatted(condition));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem).isEqualTo(new RuleProblem("gifts.drl", 7, 27, "str[startsWith] fails at run time with "
						+ "this version of Drools (NoSuchMethodError ...initOperators, once the condition has been evaluated "
						+ "about 20 times, too few for validation or scenarios to show it); write "
						+ "segment.startsWith( \"COUNTRY_\" ) instead"));
				assertThat(at(problem)).startsWith("str[startsWith]");
			}));
		Path gifts = this.rules.resolve("gifts.drl");
		Files.writeString(gifts, Files.readString(gifts).replace(condition,
				"    SegmentMatch( segment.startsWith( \"COUNTRY_\" ), $c : customer )"));
		RuleSet ruleSet = this.loader.load(this.rules);
		var customer = FactDeriver.derive(RealRules.summary("c-1").build(), ruleSet.thresholds(), RealRules.AS_OF);
		for (int i = 0; i < 300; i++) {
			Decision decision = DecisionEngine.decide(ruleSet, List.of(customer)).get(0);
			assertThat(decision.firedRules()).as("decision %d", i).contains("CustomerInACountryGetsAGiftFromHome");
		}
	}

	/**
	 * Each operator at its own line and column, with the method that does what it does; a str[...]
	 * in a text, a comment or a then part is no operator.
	 */
	@Test
	void everyStrOperatorIsRefusedAtItsLineAndColumnButNoneInTextsCommentsOrThenParts() throws IOException {
		Files.writeString(this.rules.resolve("odd.drl"), """
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				rule "OddSegments"
				when
				    SegmentMatch( segment not str[endsWith] "_SE", reason != "str[startsWith] in a text",
				                  segment str[ length ] 10 ) // segment str[startsWith] in a comment
				then
				    String[] str = { "x" }; int startsWith = 0; System.out.println( str[startsWith] );
				end
				""");
		String fails = "fails at run time with this version of Drools (NoSuchMethodError ...initOperators, once the "
				+ "condition has been evaluated about 20 times, too few for validation or scenarios to show it); ";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("odd.drl", 6, 31, "str[endsWith] " + fails + "write !segment.endsWith( \"_SE\" ) instead"),
					new RuleProblem("odd.drl", 7, 27, "str[length] " + fails + "write segment.length() == 10 instead")));
	}

	/** In the analyst's language, DRL after a '>' is read as written: the operator is where it is written. */
	@Test
	void strOperatorInADslrIsRefusedAtItsWrittenLineAndColumn() throws IOException {
		append("custom-segments.dslr", """

				rule "CountryCustomerAgain"
				when
				    > SegmentMatch( segment str[startsWith] "COUNTRY_" )
				then
				end
				""");
		int line = Files.readAllLines(this.rules.resolve("custom-segments.dslr"))
			.indexOf("    > SegmentMatch( segment str[startsWith] \"COUNTRY_\" )") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("custom-segments.dslr");
				assertThat(problem.line()).isEqualTo(line);
				assertThat(at(problem)).startsWith("str[startsWith]");
				assertThat(problem.message()).endsWith("write segment.startsWith( \"COUNTRY_\" ) instead");
			}));
	}

	/**
	 * A phrase whose DRL has a str[...] was blamed on each .dslr line using it, where the analyst
	 * cannot put it right, and one no rule used yet loaded: it is refused once, where it is defined.
	 */
	@Test
	void strOperatorInAPhraseIsRefusedWhereThePhraseIsDefinedUsedOrNot() throws IOException {
		String phrase = "[when]the customer is in a segment starting with {prefix:[A-Z_]+}"
				+ "=SegmentMatch( customer == $c, segment str[startsWith] \"{prefix}\" )";
		append("customer-language.dsl", "\n" + phrase + "\n");
		int line = Files.readAllLines(this.rules.resolve("customer-language.dsl")).indexOf(phrase) + 1;
		RuleProblem defined = new RuleProblem("customer-language.dsl", line, phrase.indexOf("str[") + 1,
				"str[startsWith] fails at run time with this version of Drools (NoSuchMethodError ...initOperators, once "
						+ "the condition has been evaluated about 20 times, too few for validation or scenarios to show it); "
						+ "write segment.startsWith( \"{prefix}\" ) instead");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(defined));
		append("custom-segments.dslr", """

				rule "CountryCustomerInTheAnalystsLanguage"
				when
				    There is a customer
				    the customer is in a segment starting with COUNTRY_
				then
				end
				""");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(defined));
	}

	/**
	 * Drools' parser reads each level of parentheses by calling itself: its StackOverflowError came
	 * out of the load, no problem of the rule set, and no file named.
	 */
	@Test
	void conditionNestedThousandsOfParenthesesDeepIsRefusedAtItsLineNotAStackOverflow() throws IOException {
		Files.writeString(this.rules.resolve("deep.drl"), DeepRules.PARENTHESES);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("deep.drl", 6, 32 + DeepRules.LEVELS, DeepRules.SAID)));
	}

	/**
	 * A long chain of conditions parses, but Drools builds its network by calling itself once per
	 * condition: 10,000 overflow the stack in a JVM just started, not once the JIT has shrunk the
	 * frames, so no test can count on it. Such an overflow, which the parse beside the build does
	 * not meet, is found by building each file alone; shown here with a file the parse would have
	 * named.
	 */
	@Test
	void overflowTheParseDidNotMeetIsFoundByBuildingEachFileAlone() throws IOException {
		Files.writeString(this.rules.resolve("deep.drl"), DeepRules.PARENTHESES);
		assertThat(RuleSetLoader.tooDeep(RuleFiles.read(this.rules), RuleSources.read(new TreeMap<>())))
			.containsExactly(new RuleProblem("deep.drl", 6, 32 + DeepRules.LEVELS, DeepRules.SAID));
	}

	/** In the analyst's language too: the line as written, the DSL's file beside it. */
	@Test
	void phraseNestedThousandsOfParenthesesDeepInADslrIsRefusedAtItsWrittenLine() throws IOException {
		Files.writeString(this.rules.resolve("deep.dslr"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				expander customer-language.dsl

				rule "DeepPhrase"
				when
				    > CustomerFacts( orderCount > %s1%s )
				then
				end
				""".formatted("(".repeat(DeepRules.LEVELS), ")".repeat(DeepRules.LEVELS)));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("deep.dslr", 7, 34 + DeepRules.LEVELS, DeepRules.SAID)));
	}

	/**
	 * Jackson reads YAML nested up to 500 levels deep and says so without a place: the problem
	 * was at line 0. It is at the level too deep, whether written with brackets or with indents.
	 */
	@Test
	void thresholdsNestedThousandsDeepAreRefusedAtTheLevelTooDeep() throws IOException {
		String deepest = "too large: Document nesting depth (501) exceeds the maximum allowed (500)";
		int line = Files.readAllLines(this.rules.resolve("thresholds.yaml")).size() + 2;
		append("thresholds.yaml", "\ndeep: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem).isEqualTo(new RuleProblem("thresholds.yaml", line, 7 + 500, deepest));
				assertThat(at(problem)).as("the 501st bracket").startsWith("[").hasSize(5_000 - 500 + 5_000);
			}));
		StringBuilder indented = new StringBuilder();
		for (int level = 1; level <= 3_000; level++) {
			indented.append("  ".repeat(level)).append("level").append(level).append(":\n");
		}
		Path thresholds = this.rules.resolve("thresholds.yaml");
		Files.writeString(thresholds, Files.readString(thresholds).replaceAll("deep: .*\n", "deep:\n" + indented + "  x\n"));
		// The file's mapping is the first level, deep's the second: level499's mapping is the 501st.
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem).isEqualTo(new RuleProblem("thresholds.yaml", line + 500, 2 * 500 + 1, deepest));
				assertThat(at(problem)).isEqualTo("level500:");
			}));
	}

	/**
	 * As the thresholds are: a catalogue nested too deep under a key no entry takes (where no
	 * value of the wrong kind stops the reading first) was refused at line 0.
	 */
	@Test
	void catalogueNestedThousandsDeepIsRefusedAtTheLevelTooDeep() throws IOException {
		int line = Files.readAllLines(this.rules.resolve("catalogue/segments.yaml")).size() + 3;
		append("catalogue/segments.yaml", "\n- id: DEEP\n  deep: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n");
		// The file's list is the first level, the entry the second: the 499th bracket opens the
		// 501st, and the parser stops past it, as in the thresholds.
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem).isEqualTo(new RuleProblem("catalogue/segments.yaml", line, 9 + 499,
						"too large: Document nesting depth (501) exceeds the maximum allowed (500)"));
				assertThat(at(problem)).as("past the 499th bracket").startsWith("[").hasSize(5_000 - 499 + 5_000);
			}));
	}

	@Test
	void unknownThresholdIsRejectedWithItsLine() throws IOException {
		append("thresholds.yaml", "\nrecentPurchaseDayz: 100\n");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("thresholds.yaml");
				assertThat(problem.line()).isEqualTo(Files.readAllLines(this.rules.resolve("thresholds.yaml")).indexOf("recentPurchaseDayz: 100") + 1);
				assertThat(problem.message()).contains("recentPurchaseDayz");
			}));
	}

	/**
	 * "highValueAOV" was an unknown threshold and, with no line, "highValueAov" a missing one; a
	 * new name was refused without saying that the rules read only their own.
	 */
	@Test
	void misspeltThresholdIsSaidOnceAsTheNameItProbablyIsAndANewOneNamesThoseTheRulesRead() throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replace("highValueAov: 100.00", "highValueAOV: 100.00") + "giftMinTotal: 800\n");
		List<String> lines = Files.readAllLines(file);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("thresholds.yaml", lines.indexOf("highValueAOV: 100.00") + 1, 1,
							"unknown threshold 'highValueAOV': did you mean 'highValueAov'? (names are case-sensitive)"),
					new RuleProblem("thresholds.yaml", lines.indexOf("giftMinTotal: 800") + 1, 1,
							"unknown threshold 'giftMinTotal': the rules read only abandonedCartDays, countAppleMppOpens, "
									+ "couponMinOrders, couponMinShare, curiousProspectVisitDays, dormantDays, "
									+ "frequentEngagementCount, frequentPurchaseCount, highValueAov, indecisiveMinCartActions, "
									+ "lapsedPurchaseMaxDays, mppOpenerMinShare, passingThroughMinDays, recentEngagementDays, "
									+ "recentPurchaseDays, topSpenderMinTotal, trendFollowerMinOrders, winbackSampleMin, "
									+ "winbackShareFalseStart, winbackShareJustPassingThrough, winbackShareOneHitWonder; "
									+ "another one needs a change to the service")));
	}

	@Test
	void missingThresholdIsRejectedNamingIt() throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replace("dormantDays: 180", ""));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.withMessageContaining("thresholds.yaml")
			.withMessageContaining("dormantDays");
	}

	@Test
	void nonsensicalThresholdIsRejected() throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replace("lapsedPurchaseMaxDays: 390", "lapsedPurchaseMaxDays: 60"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.withMessageContaining("lapsedPurchaseMaxDays: must be at least recentPurchaseDays");
	}

	@Test
	void thresholdSetTwiceIsRejectedWithBothLines() throws IOException {
		append("thresholds.yaml", "\nhighValueAov: 80.00\n");
		List<String> lines = Files.readAllLines(this.rules.resolve("thresholds.yaml"));
		int first = lines.indexOf("highValueAov: 100.00") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("thresholds.yaml", lines.indexOf("highValueAov: 80.00") + 1, 1,
						"'highValueAov' is given twice (first on line " + first + "); only one of them would count")));
	}

	/**
	 * The catalogue kept the last of two keys without a word: the first name of an entry never
	 * showed. As in thresholds.yaml and scenarios, the second is refused, naming the line of the first.
	 */
	@Test
	void keyGivenTwiceInTheCatalogueIsRefusedAtTheSecondNamingTheLineOfTheFirst() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		String shipped = Files.readString(catalogue);
		Files.writeString(catalogue, shipped.replace("  defaultActions: [VIP_TREATMENT]\n",
				"  defaultActions: [VIP_TREATMENT]\n  name: { en: Big Spenders }\n"));
		List<String> lines = Files.readAllLines(catalogue);
		int first = lines.indexOf("- id: TOP_SPENDER") + 2;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("catalogue/segments.yaml", lines.indexOf("  name: { en: Big Spenders }") + 1, 3,
						"'name' is given twice (first on line " + first + "); only one of them would count")));
		Files.writeString(catalogue, shipped.replace("    sv: Lojala kunder\n", "    sv: Lojala kunder\n    en: Loyal Ones\n"));
		List<String> loyal = Files.readAllLines(catalogue);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("catalogue/segments.yaml", loyal.indexOf("    en: Loyal Ones") + 1, 5,
						"'en' is given twice (first on line " + (loyal.indexOf("    en: Loyal Customers") + 1)
								+ "); only one of them would count")));
	}

	/** Jackson stops at the first: an analyst who put it right met the next one at the next try. */
	@Test
	void everyKeyGivenTwiceAndEveryUnknownKeyOfACatalogueFileIsRefusedAtOnce() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		Files.writeString(catalogue, Files.readString(catalogue)
			.replace("  defaultActions: [VIP_TREATMENT]\n",
					"  defaultActions: [VIP_TREATMENT]\n  name: { en: Big Spenders }\n  goals: { en: Spend }\n")
			.replace("    sv: Lojala kunder\n", "    sv: Lojala kunder\n    en: Loyal Ones\n")
			.replace("  defaultActions: [REWARDS_PROGRAMME]", "  defaultAction: [REWARDS_PROGRAMME]"));
		List<String> lines = Files.readAllLines(catalogue);
		String keys = "': an entry takes defaultActions, description, goal, id, name, rank";
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					new RuleProblem("catalogue/segments.yaml", lines.indexOf("  name: { en: Big Spenders }") + 1, 3,
							"'name' is given twice (first on line " + (lines.indexOf("- id: TOP_SPENDER") + 2)
									+ "); only one of them would count"),
					new RuleProblem("catalogue/segments.yaml", lines.indexOf("  goals: { en: Spend }") + 1, 3,
							"unknown key 'goals" + keys),
					new RuleProblem("catalogue/segments.yaml", lines.indexOf("    en: Loyal Ones") + 1, 5,
							"'en' is given twice (first on line " + (lines.indexOf("    en: Loyal Customers") + 1)
									+ "); only one of them would count"),
					new RuleProblem("catalogue/segments.yaml", lines.indexOf("  defaultAction: [REWARDS_PROGRAMME]") + 1, 3,
							"unknown key 'defaultAction" + keys)));
	}

	/** Said as Jackson's classes ("Cannot deserialize value of type `java.util.LinkedHashMap<...>`") before. */
	@Test
	void valueOfTheWrongKindInTheThresholdsOrTheCatalogueIsSaidInWordsNotJavaTypes() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		Files.writeString(thresholds, Files.readString(thresholds).replace("recentPurchaseDays: 120", "recentPurchaseDays: ninety"));
		int days = Files.readAllLines(thresholds).indexOf("recentPurchaseDays: ninety") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("thresholds.yaml", days, 21,
					"invalid value 'ninety': expected a whole number (at recentPurchaseDays)")));
		Files.writeString(thresholds, Files.readString(thresholds).replace("recentPurchaseDays: ninety", "recentPurchaseDays: 120"));
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		Files.writeString(catalogue, Files.readString(catalogue).replace("  defaultActions: [VIP_TREATMENT]",
				"  defaultActions: VIP_TREATMENT"));
		int actions = Files.readAllLines(catalogue).indexOf("  defaultActions: VIP_TREATMENT") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("catalogue/segments.yaml", actions, 19,
					"wrong type: expected an array (at [0].defaultActions)")));
	}

	/**
	 * Read whole, the file stopped at the first value it could not read: an analyst who put it
	 * right met the next one at the next reload, and a number in quotes hid a word after it.
	 */
	@Test
	void everyValueOfTheWrongKindInTheThresholdsIsRefusedAtOnceEachAtItsLineAndColumn() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		Files.writeString(thresholds, Files.readString(thresholds).replace("countAppleMppOpens: false", "countAppleMppOpens: no")
			.replace("recentPurchaseDays: 120", "recentPurchaseDays: ninety")
			.replace("frequentPurchaseCount: 3", "frequentPurchaseCount: 3.9")
			.replace("highValueAov: 100.00", "highValueAov: \"100\"")
			.replace("winbackSampleMin: 1000", "winbackSampleMin: [1000]")
			.replace("dormantDays: 180", "dormantDays: '180'")
			.replace("topSpenderMinTotal: 500", "topSpenderMinTotal: .inf")
			.replace("couponMinShare: 0.5", "couponMinShare: half"));
		List<String> lines = Files.readAllLines(thresholds);
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					atValue(lines, "countAppleMppOpens: no", "invalid value 'no': expected true or false (at countAppleMppOpens)"),
					atValue(lines, "recentPurchaseDays: ninety", "invalid value 'ninety': expected a whole number (at recentPurchaseDays)"),
					atValue(lines, "frequentPurchaseCount: 3.9", "invalid value '3.9': expected a whole number (at frequentPurchaseCount)"),
					atValue(lines, "highValueAov: \"100\"", "invalid value '\"100\"': expected a number, written without quotes (at highValueAov)"),
					atValue(lines, "winbackSampleMin: [1000]", "wrong type: expected a whole number (at winbackSampleMin)"),
					atValue(lines, "dormantDays: '180'", "invalid value '\"180\"': expected a whole number, written without quotes (at dormantDays)"),
					atValue(lines, "topSpenderMinTotal: .inf", "invalid value '.inf': expected a number (at topSpenderMinTotal)"),
					atValue(lines, "couponMinShare: half", "invalid value 'half': expected a number (at couponMinShare)")));
	}

	/**
	 * 1 was taken for true and 0 for false, where a scenario and the REST API refuse a number
	 * for a boolean: an analyst who wrote 1 may have meant a count.
	 */
	@Test
	void numberForTheBooleanThresholdIsRefusedAtItsLineAndColumn() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		String shipped = Files.readString(thresholds);
		for (String number : List.of("1", "0")) {
			String written = "countAppleMppOpens: " + number;
			Files.writeString(thresholds, shipped.replace("countAppleMppOpens: false", written));
			List<String> lines = Files.readAllLines(thresholds);
			assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
				.satisfies((ex) -> assertThat(ex.problems()).containsExactly(atValue(lines, written,
						"invalid value '" + number + "': expected true or false (at countAppleMppOpens)")));
		}
	}

	/** Said as Jackson's JSON before: "malformed JSON: more content after the JSON value". */
	@Test
	void secondYamlDocumentInTheThresholdsOrTheCatalogueIsRefusedAtItsStart() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		String shipped = Files.readString(thresholds);
		Files.writeString(thresholds, shipped + "---\nrecentPurchaseDays: 90\n");
		int second = Files.readAllLines(thresholds).indexOf("---") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("thresholds.yaml", second, 1,
					"a second YAML document starts here: a file holds one document; put what follows in the first")));
		Files.writeString(thresholds, shipped);
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		Files.writeString(catalogue, Files.readString(catalogue) + "---\n- id: GIFT\n  name: {en: Gift}\n");
		int entries = Files.readAllLines(catalogue).indexOf("---") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("catalogue/segments.yaml", entries, 1,
					"a second YAML document starts here: a file holds one document; put what follows in the first")));
	}

	/** {@code message} at the value of the line of thresholds.yaml written {@code name: value}. */
	private static RuleProblem atValue(List<String> lines, String written, String message) {
		return new RuleProblem("thresholds.yaml", lines.indexOf(written) + 1, written.indexOf(':') + 3, message);
	}

	/**
	 * YAML reads a value in quotes as a text: "100" was taken for the number, as the REST API
	 * does not take a number sent as a string; an analyst who quoted it meant the number, but
	 * the file says otherwise, and the next reader of YAML (or of this file) may not agree.
	 */
	@Test
	void thresholdInQuotesIsAValueOfTheWrongKindSaidInWordsWithItsPath() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		String shipped = Files.readString(thresholds);
		int aov = Files.readAllLines(thresholds).indexOf("highValueAov: 100.00") + 1;
		Files.writeString(thresholds, shipped.replace("highValueAov: 100.00", "highValueAov: \"100\""));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("thresholds.yaml", aov, 15,
					"invalid value '\"100\"': expected a number, written without quotes (at highValueAov)")));
		Files.writeString(thresholds, shipped.replace("recentPurchaseDays: 120", "recentPurchaseDays: '120'"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.extracting(RuleProblem::message)
				.isEqualTo("invalid value '\"120\"': expected a whole number, written without quotes (at recentPurchaseDays)"));
		Files.writeString(thresholds, shipped.replace("countAppleMppOpens: false", "countAppleMppOpens: \"false\""));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.extracting(RuleProblem::message)
				.isEqualTo("invalid value '\"false\"': expected true or false, written without quotes (at countAppleMppOpens)"));
	}

	/**
	 * Only a value in quotes is a text: .5, +1000, True and False without quotes are numbers and
	 * booleans as YAML writes them, which Jackson hands over as texts too; they loaded before
	 * quoted values were refused, and stopped the start with "expected a number" after.
	 */
	@Test
	void thresholdsWrittenWithoutQuotesAsYamlAlsoWritesNumbersAndBooleansLoadAsBefore() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		String shipped = Files.readString(thresholds);
		Files.writeString(thresholds, shipped.replace("mppOpenerMinShare: 0.5", "mppOpenerMinShare: .5")
			.replace("winbackSampleMin: 1000", "winbackSampleMin: +1000")
			.replace("highValueAov: 100.00", "highValueAov: +100")
			.replace("countAppleMppOpens: false", "countAppleMppOpens: False"));
		Thresholds read = this.loader.load(this.rules).thresholds();
		assertThat(read.getMppOpenerMinShare()).isEqualTo(0.5);
		assertThat(read.getWinbackSampleMin()).isEqualTo(1000);
		assertThat(read.getHighValueAov()).isEqualByComparingTo("100");
		assertThat(read.isCountAppleMppOpens()).isFalse();
		Files.writeString(thresholds, shipped.replace("countAppleMppOpens: false", "countAppleMppOpens: True"));
		assertThat(this.loader.load(this.rules).thresholds().isCountAppleMppOpens()).isTrue();
		Files.writeString(thresholds, shipped.replace("countAppleMppOpens: false", "countAppleMppOpens: TRUE"));
		assertThat(this.loader.load(this.rules).thresholds().isCountAppleMppOpens()).isTrue();
	}

	/** A rank in quotes is a text, as a threshold in quotes is; one written +2, as YAML may, is the number. */
	@Test
	void catalogueRankInQuotesIsRefusedAtItsValueAndOneWrittenWithoutQuotesLoads() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/personas.yaml");
		String shipped = Files.readString(catalogue);
		int rank = Files.readAllLines(catalogue).indexOf("  rank: 2") + 1;
		Files.writeString(catalogue, shipped.replace("  rank: 2\n", "  rank: \"2\"\n"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(new RuleProblem("catalogue/personas.yaml", rank, 9,
					"invalid value '\"2\"': expected a whole number, written without quotes (at [1].rank)")));
		Files.writeString(catalogue, shipped.replace("  rank: 2\n", "  rank: +2\n"));
		assertThat(this.loader.load(this.rules).catalogue().personas().get(1).rank()).isEqualTo(2);
	}

	@Test
	void fractionalCountIsRejectedNotTruncated() throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replace("frequentPurchaseCount: 3", "frequentPurchaseCount: 3.9"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo("thresholds.yaml");
				assertThat(problem.line()).isEqualTo(
						Files.readAllLines(file).indexOf("frequentPurchaseCount: 3.9") + 1);
				assertThat(problem.message()).contains("3.9");
			}));
		Files.writeString(file, Files.readString(file).replace("frequentPurchaseCount: 3.9", "frequentPurchaseCount: 3"));
		assertThat(this.loader.load(this.rules).thresholds().getFrequentPurchaseCount()).isEqualTo(3);
	}

	/**
	 * SnakeYAML's own "in reader, line 26, column 15:" is not repeated in the message, and its
	 * position is the one given: Jackson's own stopped two characters before the '@'.
	 */
	@Test
	void yamlSyntaxErrorIsGivenOnceWhereItIsWithItsReason() throws IOException {
		Path thresholds = this.rules.resolve("thresholds.yaml");
		Files.writeString(thresholds, Files.readString(thresholds).replace("highValueAov: 100.00", "highValueAov: @100.00"));
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("thresholds.yaml", Files.readAllLines(thresholds).indexOf("highValueAov: @100.00") + 1, 15,
						"while scanning for the next token: found character '@' that cannot start any token. "
								+ "(Do not use @ for indentation)")));
	}

	/** Where what the parser was reading started is said in the problem's own terms when it is elsewhere. */
	@Test
	void yamlSyntaxErrorInTheCatalogueSaysWhereWhatItWasReadingStartedInItsOwnTerms() throws IOException {
		Path catalogue = this.rules.resolve("catalogue/segments.yaml");
		List<String> lines = Files.readAllLines(catalogue);
		int quote = lines.indexOf("    en: Top Spenders");
		lines.set(quote, "    en: \"Top Spenders");
		Files.write(catalogue, lines);
		int next = lines.indexOf("  description:") + 1;
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.isEqualTo(new RuleProblem("catalogue/segments.yaml", next + 1, 10, "while parsing a block mapping (started at "
						+ (quote + 1) + ":5): expected <block end>, but found '<scalar>'")));
	}

	/**
	 * A file saved as Windows-1252: Drools read its 'ö' as U+FFFD, which went into decisions'
	 * reasons, and YAML stopped at the start of its entry with a CharConversionException.
	 */
	@Test
	void fileNotSavedAsUtf8IsRefusedAtTheLineAndColumnOfItsFirstSuchByte() throws IOException {
		RuleProblem drl = inWindows1252("segments.drl", "\"a known contact who has never ordered\"",
				"\"a known contact in Göteborg who has never ordered\"", "ö");
		RuleProblem catalogue = inWindows1252("catalogue/segments.yaml", "sv: Lojala kunder", "sv: Lojala köpare", "ö");
		RuleProblem thresholds = inWindows1252("thresholds.yaml", "# Thresholds of", "# Thresholds – of", "–");
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(this.rules))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(catalogue, drl, thresholds));
	}

	/**
	 * {@code file} with {@code text} replaced by {@code replacement} written in Windows-1252, the
	 * rest in UTF-8 as it was, and the problem expected at {@code character} of it.
	 */
	private RuleProblem inWindows1252(String file, String text, String replacement, String character) throws IOException {
		Path path = this.rules.resolve(file);
		String content = Files.readString(path);
		int at = content.indexOf(text);
		assertThat(at).as(text).isNotNegative();
		Files.write(path, concat(content.substring(0, at).getBytes(StandardCharsets.UTF_8),
				replacement.getBytes(java.nio.charset.Charset.forName("windows-1252")),
				content.substring(at + text.length()).getBytes(StandardCharsets.UTF_8)));
		int offset = at + replacement.indexOf(character);
		int lineStart = content.lastIndexOf('\n', at) + 1;
		int line = (int) content.substring(0, at).chars().filter((c) -> c == '\n').count() + 1;
		String inWindows1252 = String.format("%02X", character.getBytes(java.nio.charset.Charset.forName("windows-1252"))[0] & 0xFF);
		return new RuleProblem(file, line, content.codePointCount(lineStart, offset) + 1, "not UTF-8 text: byte 0x"
				+ inWindows1252 + " here is no UTF-8 character (in Windows-1252, as older Windows editors and Excel save, it is '"
				+ character + "'); save the file as UTF-8");
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	@Test
	void folderWithoutRulesIsRejected(@TempDir Path empty) {
		assertThatExceptionOfType(RuleSetException.class).isThrownBy(() -> this.loader.load(empty))
			.withMessageContaining("no rule files")
			.withMessageContaining("thresholds.yaml: missing");
	}

	@Test
	void versionIsAContentHashOfTheRuleFiles() throws IOException {
		String version = this.loader.load(this.rules).version();
		assertThat(this.loader.load(this.rules).version()).isEqualTo(version);
		Files.writeString(this.rules.resolve(".personas.drl.swp"), "editor swap file");
		Files.writeString(this.rules.resolve("personas.drl~"), "editor backup");
		Files.createDirectories(this.rules.resolve("tests"));
		Files.writeString(this.rules.resolve("tests/new-scenario.yaml"), "name: not part of the rule set");
		assertThat(this.loader.load(this.rules).version()).isEqualTo(version);
		append("thresholds.yaml", "\n");
		assertThat(this.loader.load(this.rules).version()).isNotEqualTo(version);
	}

	/** What an editor shows from the problem's line and column (counted from 1) on. */
	private String at(RuleProblem problem) throws IOException {
		return Files.readAllLines(this.rules.resolve(problem.file())).get(problem.line() - 1).substring(problem.column() - 1);
	}

	private void append(String file, String text) throws IOException {
		Files.writeString(this.rules.resolve(file), text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
	}

}
