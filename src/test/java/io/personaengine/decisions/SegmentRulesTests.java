package io.personaengine.decisions;

import java.util.List;

import io.personaengine.facts.CustomerInput.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.personaengine.decisions.RealRules.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The segments of PERSONAS.md section 4 at their boundaries, through the shipped rules. */
class SegmentRulesTests {

	static final Profile NOWHERE = new Profile(null, true, true, true, false);

	@ParameterizedTest(name = "spent {0} -> top spender {1}")
	@CsvSource({ "500.00, true", "499.99, false", "500, true" })
	void topSpenderFromFiveHundred(String total, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).orders(1, total, 10))).contains(in ? "TOP_SPENDER" : "ONE_TIME_BUYER")
			.satisfies((s) -> assertThat(s.contains("TOP_SPENDER")).isEqualTo(in));
	}

	@ParameterizedTest(name = "{0} orders, last {1} days ago -> loyal {2}")
	@CsvSource({ "3, 120, true", "3, 121, false", "2, 10, false" })
	void loyalIsFrequentAndRecent(int orders, int days, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).orders(orders, "30", days)).contains("LOYAL")).isEqualTo(in);
	}

	@ParameterizedTest(name = "{0} orders -> one-time buyer {1}")
	@CsvSource({ "0, false", "1, true", "2, false" })
	void oneTimeBuyerHasExactlyOneOrder(int orders, boolean in) {
		RealRules.SummaryCustomer customer = summary("c").profile(NOWHERE);
		if (orders > 0) {
			customer.orders(orders, "30", 10);
		}
		assertThat(segments(customer).contains("ONE_TIME_BUYER")).isEqualTo(in);
	}

	@ParameterizedTest(name = "{0} of {1} orders discounted -> coupon customer {2}")
	@CsvSource({ "2, 4, true", "2, 5, false", "1, 1, false", "2, 2, true", "3, 6, true" })
	void couponCustomerUsesCodesOnAtLeastTwoAndHalfOfOrders(int discounted, int orders, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).orders(orders, "300", 10).discountedOrders(discounted))
			.contains("COUPON_CUSTOMER")).isEqualTo(in);
	}

	@Test
	void abandonedCheckoutIsAbandonedCart() {
		assertThat(segments(summary("c").profile(NOWHERE).abandonedCheckout())).contains("ABANDONED_CART");
		assertThat(segments(summary("c").profile(NOWHERE))).doesNotContain("ABANDONED_CART");
	}

	@ParameterizedTest(name = "last order {0} days ago -> dormant {1}")
	@CsvSource({ "179, false", "180, true", "900, true" })
	void dormantFromSixMonthsWithoutOrder(int days, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).orders(1, "30", days)).contains("DORMANT")).isEqualTo(in);
	}

	@Test
	void neverBoughtIsProspectButNeverDormant() {
		assertThat(segments(summary("c").profile(NOWHERE))).containsExactly("PROSPECT");
		assertThat(segments(summary("c").profile(NOWHERE).orders(1, "30", 10))).doesNotContain("PROSPECT");
	}

	@ParameterizedTest(name = "site visit {0} days ago -> curious prospect {1}")
	@CsvSource({ "30, true", "31, false", "0, true" })
	void curiousProspectVisitedWithinThirtyDays(int days, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).lastSiteVisit(days)).contains("CURIOUS_PROSPECT")).isEqualTo(in);
	}

	@Test
	void buyerWhoVisitedIsNotACuriousProspect() {
		assertThat(segments(summary("c").profile(NOWHERE).orders(1, "30", 10).lastSiteVisit(1))).doesNotContain("CURIOUS_PROSPECT");
	}

	@ParameterizedTest(name = "{0} carts and checkouts -> indecisive {1}")
	@CsvSource({ "2, false", "3, true" })
	void indecisiveProspectFillsThreeCarts(int actions, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).cartActions(actions)).contains("INDECISIVE")).isEqualTo(in);
	}

	@Test
	void buyerFillingCartsIsNotIndecisive() {
		assertThat(segments(summary("c").profile(NOWHERE).orders(1, "30", 10).cartActions(5))).doesNotContain("INDECISIVE");
	}

	@ParameterizedTest(name = "{0} orders with new arrivals -> trend follower {1}")
	@CsvSource({ "1, false", "2, true" })
	void trendFollowerBoughtNewArrivalsTwice(int orders, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).orders(3, "90", 10).newArrivalOrders(orders)).contains("TREND_FOLLOWER"))
			.isEqualTo(in);
	}

	@Test
	void newsletterSubscriberIsNewsletterSubscriber() {
		assertThat(segments(summary("c").profile(new Profile(null, true, false, false, true)))).contains("NEWSLETTER_SUBSCRIBER");
		assertThat(segments(summary("c").profile(NOWHERE))).doesNotContain("NEWSLETTER_SUBSCRIBER");
	}

	@ParameterizedTest(name = "{1} MPP opens of {0} -> MPP opener {2}")
	@CsvSource({ "3, 2, true", "2, 1, false", "0, 0, false", "1, 1, true" })
	void mppOpenerHasMoreThanHalfOfOpensFromApple(int opens, int mpp, boolean in) {
		assertThat(segments(summary("c").profile(NOWHERE).emailOpens(opens, mpp)).contains("MPP_OPENER")).isEqualTo(in);
	}

	@Test
	void countrySegmentCarriesTheCountryCode() {
		assertThat(segments(summary("c").profile(new Profile("se", false, false, false, false)))).contains("COUNTRY_SE");
		assertThat(segments(summary("c").profile(NOWHERE))).noneMatch((s) -> s.startsWith("COUNTRY_"));
	}

	// Recommendations of segments.

	@Test
	void abandonedCartGetsRemindersAfterOneTwelveAndTwentyFourHours() {
		Decision decision = summary("c").profile(new Profile(null, true, true, true, false)).intentSignals(1).abandonedCheckout().decide();
		assertThat(decision.persona()).isEqualTo("WINDOW_SHOPPER");
		assertThat(fromSegment(decision, "ABANDONED_CART"))
			.extracting(Decision.RecommendedAction::action, Decision.RecommendedAction::channel, Decision.RecommendedAction::priority)
			.containsExactly(tuple("CART_RECOVERY_1H", "EMAIL", 1), tuple("CART_RECOVERY_1H", "SMS", 1),
					tuple("CART_RECOVERY_12H", "EMAIL", 2), tuple("CART_RECOVERY_12H", "SMS", 2),
					tuple("CART_RECOVERY_24H", "EMAIL", 3), tuple("CART_RECOVERY_24H", "SMS", 3));
	}

	@Test
	void dormantCustomerIsAskedForFeedbackNotPromoted() {
		Decision decision = summary("c").profile(NOWHERE).orders(1, "30", 200).decide();
		assertThat(fromSegment(decision, "DORMANT")).extracting(Decision.RecommendedAction::action).containsExactly("FEEDBACK_REQUEST");
	}

	@Test
	void couponCustomerGetsDiscountCodes() {
		Decision decision = summary("c").profile(NOWHERE).orders(4, "200", 10).discountedOrders(3).decide();
		assertThat(fromSegment(decision, "COUPON_CUSTOMER")).extracting(Decision.RecommendedAction::action).containsOnly("DISCOUNT_CODE");
	}

	@Test
	void fullPricePayerNeverGetsADiscountCode() {
		Decision decision = summary("c").profile(NOWHERE).orders(4, "200", 10).decide();
		assertThat(decision.recommendations()).extracting(Decision.RecommendedAction::action).doesNotContain("DISCOUNT_CODE");
	}

	@Test
	void topSpenderGetsVipTreatment() {
		Decision decision = summary("c").profile(NOWHERE).orders(2, "900", 10).decide();
		assertThat(fromSegment(decision, "TOP_SPENDER")).extracting(Decision.RecommendedAction::action).containsExactly("VIP_TREATMENT");
	}

	@Test
	void suppressedCustomerGetsNoEmailOrSmsFromItsSegments() {
		Decision decision = summary("c").profile(new Profile("SE", true, true, true, true)).orders(1, "30", 500).decide();
		assertThat(decision.persona()).isEqualTo("DEAD_WEIGHT");
		assertThat(decision.segments()).extracting(Decision.Match::id).contains("NEWSLETTER_SUBSCRIBER", "DORMANT");
		assertThat(decision.recommendations()).extracting(Decision.RecommendedAction::channel).doesNotContain("EMAIL", "SMS");
		assertThat(decision.recommendations()).extracting(Decision.RecommendedAction::action).contains("SUPPRESS", "LOCALISE");
		assertThat(decision.firedRules()).contains("SuppressedCustomerGetsNoMessages");
	}

	@Test
	void customerInManySegmentsHasThemAllWithReasons() {
		Decision decision = summary("c").profile(new Profile("KR", true, true, true, true))
			.orders(4, "800", 20)
			.discountedOrders(2)
			.newArrivalOrders(2)
			.decide();
		assertThat(decision.segments()).extracting(Decision.Match::id)
			.containsExactly("COUNTRY_KR", "COUPON_CUSTOMER", "LOYAL", "NEWSLETTER_SUBSCRIBER", "TOP_SPENDER", "TREND_FOLLOWER");
		assertThat(decision.segments()).allSatisfy((s) -> assertThat(s.reason()).isNotBlank());
	}

	static List<String> segments(RealRules.SummaryCustomer customer) {
		return customer.decide().segments().stream().map(Decision.Match::id).toList();
	}

	static List<Decision.RecommendedAction> fromSegment(Decision decision, String segment) {
		return decision.recommendations().stream().filter((r) -> r.source().equals(segment)).toList();
	}

}
