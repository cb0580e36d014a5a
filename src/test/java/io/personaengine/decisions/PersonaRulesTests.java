package io.personaengine.decisions;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.personaengine.decisions.RealRules.summary;
import static org.assertj.core.api.Assertions.assertThat;

/** The personas of PERSONAS.md section 3, fired through the shipped rules folder. */
class PersonaRulesTests {

	// Default thresholds: recent purchase 120 days, lapsed until 390, passing through from 180,
	// frequent 3 orders, AOV 100.00, recent engagement 90 days, engaged often 3 times.

	@Test
	void recentFrequentHighValueBuyerIsHighRoller() {
		assertThat(summary("c").orders(3, "450.00", 10).decide().persona()).isEqualTo("HIGH_ROLLER");
	}

	@Test
	void recentFrequentBuyerBelowAovIsBrandEnthusiast() {
		assertThat(summary("c").orders(5, "250.00", 10).decide().persona()).isEqualTo("BRAND_ENTHUSIAST");
	}

	@Test
	void recentOccasionalHighValueBuyerIsPotentialHighRoller() {
		assertThat(summary("c").orders(1, "150.00", 10).decide().persona()).isEqualTo("POTENTIAL_HIGH_ROLLER");
	}

	@Test
	void recentOccasionalBuyerBelowAovIsPotentialBrandEnthusiast() {
		assertThat(summary("c").orders(2, "80.00", 10).decide().persona()).isEqualTo("POTENTIAL_BRAND_ENTHUSIAST");
	}

	@Test
	void lapsedFrequentHighValueBuyerIsLapsedHighRoller() {
		assertThat(summary("c").orders(4, "800.00", 200).decide().persona()).isEqualTo("LAPSED_HIGH_ROLLER");
	}

	@Test
	void lapsedBuyerWithThreeOrdersIsLapsedEnthusiast() {
		assertThat(summary("c").orders(3, "90.00", 200).decide().persona()).isEqualTo("LAPSED_ENTHUSIAST");
	}

	@Test
	void lapsedOccasionalHighValueBuyerIsOneHitWonder() {
		assertThat(summary("c").orders(1, "300.00", 150).decide().persona()).isEqualTo("ONE_HIT_WONDER");
	}

	@Test
	void lapsedOccasionalLowValueBuyerAfterSixMonthsIsJustPassingThrough() {
		assertThat(summary("c").orders(1, "20.00", 250).decide().persona()).isEqualTo("JUST_PASSING_THROUGH");
	}

	@Test
	void nonBuyerWithIntentIsWindowShopper() {
		assertThat(summary("c").intentSignals(1).decide().persona()).isEqualTo("WINDOW_SHOPPER");
	}

	@Test
	void nonBuyerEngagingOftenIsAlmostThere() {
		assertThat(summary("c").engagements(3, 3, 5).decide().persona()).isEqualTo("ALMOST_THERE");
	}

	@Test
	void nonBuyerEngagingRarelyIsWaitingForTheWow() {
		assertThat(summary("c").engagements(1, 1, 5).decide().persona()).isEqualTo("WAITING_FOR_THE_WOW");
	}

	@Test
	void lapsedLowValueBuyerWhoStillEngagesIsEspressoShot() {
		assertThat(summary("c").orders(1, "20.00", 150).engagements(1, 1, 10).decide().persona())
			.isEqualTo("ESPRESSO_SHOT");
	}

	@Test
	void goneBuyerWhoOnceEngagedOftenIsFalseStart() {
		assertThat(summary("c").orders(1, "20.00", 500).engagements(0, 5, 200).decide().persona())
			.isEqualTo("FALSE_START");
	}

	@Test
	void neverBoughtNeverEngagedIsDeadWeight() {
		assertThat(summary("c").decide().persona()).isEqualTo("DEAD_WEIGHT");
	}

	@Test
	void lowValueBuyerBetweenFourAndSixMonthsWithoutEngagementIsUnclassified() {
		Decision decision = summary("c").orders(2, "50.00", 150).decide();
		assertThat(decision.persona()).isEqualTo("UNCLASSIFIED");
		assertThat(decision.matchedPersonas()).extracting(Decision.Match::id).containsExactly("UNCLASSIFIED");
		assertThat(decision.firedRules()).contains("CustomerMatchingNoPersonaIsUnclassified");
	}

	// Boundaries, each on both sides.

	@ParameterizedTest(name = "last order {0} days ago -> {1}")
	@CsvSource({ "120, HIGH_ROLLER", "121, LAPSED_HIGH_ROLLER", "390, LAPSED_HIGH_ROLLER", "391, DEAD_WEIGHT" })
	void recentAndLapsedPurchaseWindowsIncludeTheirLastDay(int days, String persona) {
		assertThat(summary("c").orders(3, "600.00", days).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "one low-value order {0} days ago -> {1}")
	@CsvSource({ "179, UNCLASSIFIED", "180, JUST_PASSING_THROUGH", "390, JUST_PASSING_THROUGH", "391, DEAD_WEIGHT" })
	void justPassingThroughStartsAtSixMonths(int days, String persona) {
		assertThat(summary("c").orders(1, "20.00", days).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "{0} recent orders -> {1}")
	@CsvSource({ "2, POTENTIAL_HIGH_ROLLER", "3, HIGH_ROLLER" })
	void threeOrdersMakeAFrequentBuyer(int orders, String persona) {
		assertThat(summary("c").orders(orders, "1000.00", 30).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "3 orders worth {0} -> {1}")
	@CsvSource({ "300.00, HIGH_ROLLER", "299.99, BRAND_ENTHUSIAST", "300, HIGH_ROLLER", "300.001, HIGH_ROLLER" })
	void averageOrderExactlyAtTheStoreAovIsHighValue(String total, String persona) {
		assertThat(summary("c").orders(3, total, 30).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "last engagement {0} days ago -> {1}")
	@CsvSource({ "90, WAITING_FOR_THE_WOW", "91, DEAD_WEIGHT" })
	void recentEngagementIncludesItsLastDay(int days, String persona) {
		assertThat(summary("c").engagements(1, 1, days).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "{0} engagements in 90 days -> {1}")
	@CsvSource({ "2, WAITING_FOR_THE_WOW", "3, ALMOST_THERE" })
	void threeEngagementsMakeFrequentEngagement(int count, String persona) {
		assertThat(summary("c").engagements(count, count, 1).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "{0} lifetime engagements, none recent -> {1}")
	@CsvSource({ "2, DEAD_WEIGHT", "3, FALSE_START" })
	void falseStartNeedsThreeEngagementsInAll(int lifetime, String persona) {
		assertThat(summary("c").engagements(0, lifetime, 91).decide().persona()).isEqualTo(persona);
	}

	@ParameterizedTest(name = "last order {0} days ago, engaged yesterday -> {1}")
	@CsvSource({ "120, POTENTIAL_BRAND_ENTHUSIAST", "121, ESPRESSO_SHOT", "391, ESPRESSO_SHOT" })
	void espressoShotIsAPastBuyerWhoStillEngages(int days, String persona) {
		assertThat(summary("c").orders(1, "20.00", days).engagements(1, 1, 1).decide().persona()).isEqualTo(persona);
	}

	// Order and matches.

	@Test
	void windowShopperOutranksAlmostThere() {
		Decision decision = summary("c").intentSignals(2).engagements(5, 5, 1).decide();
		assertThat(decision.persona()).isEqualTo("WINDOW_SHOPPER");
		assertThat(decision.matchedPersonas()).extracting(Decision.Match::id).containsExactly("WINDOW_SHOPPER", "ALMOST_THERE");
	}

	@Test
	void everyMatchingPersonaIsListedInOrderWithItsReason() {
		Decision decision = summary("c").orders(1, "300.00", 150).engagements(1, 1, 1).decide();
		assertThat(decision.persona()).isEqualTo("ONE_HIT_WONDER");
		assertThat(decision.matchedPersonas()).extracting(Decision.Match::id).containsExactly("ONE_HIT_WONDER", "ESPRESSO_SHOT");
		assertThat(decision.matchedPersonas().get(0).reason()).contains("150 days");
		assertThat(decision.firedRules()).contains("LapsedOccasionalHighValueBuyerIsOneHitWonder",
				"PastBuyerEngagingRecentlyIsEspressoShot", "FirstMatchingPersonaIsPrimary");
	}

	@Test
	void goneNonEngagedBuyerIsBothFalseStartAndDeadWeightButFalseStartWins() {
		Decision decision = summary("c").engagements(0, 4, 100).decide();
		assertThat(decision.persona()).isEqualTo("FALSE_START");
		assertThat(decision.matchedPersonas()).extracting(Decision.Match::id).containsExactly("FALSE_START", "DEAD_WEIGHT");
	}

	@Test
	void customersInOneBatchAreDecidedIndependently() {
		List<Decision> decisions = RealRules.decideAll(List.of(summary("a").orders(3, "450.00", 10).build(),
				summary("b").build(), summary("c").orders(2, "50.00", 150).build(), summary("d").intentSignals(1).build()));
		assertThat(decisions).extracting(Decision::customerId).containsExactly("a", "b", "c", "d");
		assertThat(decisions).extracting(Decision::persona)
			.containsExactly("HIGH_ROLLER", "DEAD_WEIGHT", "UNCLASSIFIED", "WINDOW_SHOPPER");
		assertThat(decisions.get(1).firedRules()).doesNotContain("RecentFrequentHighValueBuyerIsHighRoller");
	}

	@Test
	void everyDecisionCarriesTheRuleSetVersion() {
		assertThat(summary("c").decide().ruleSetVersion()).isEqualTo(RealRules.RULES.version()).hasSize(12);
	}

}
