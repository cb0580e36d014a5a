package io.personaengine.facts;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.personaengine.facts.CustomerInput.Event;
import io.personaengine.facts.CustomerInput.Item;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.OrderStatus;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerInput.Summary;
import io.personaengine.rules.RuleSetLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Section 1 of PERSONAS.md: what the rules see, derived from raw history. */
class FactDeriverTests {

	static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

	static final Thresholds DEFAULTS = new RuleSetLoader(Clock.systemUTC()).load(Path.of("rules")).thresholds();

	static final Profile CONSENTING_SWEDE = new Profile("SE", true, true, true, false);

	static final Profile NON_CONSENTING_SWEDE = new Profile("SE", true, true, false, false);

	@Test
	void daysSinceAreWholeDaysRoundedDown() {
		CustomerFacts facts = derive(CONSENTING_SWEDE,
				List.of(order("o1", AS_OF.minus(Duration.ofDays(10)).minusSeconds(1), "10"),
						order("o2", AS_OF.minus(Duration.ofHours(23)), "10")),
				List.of());
		assertThat(facts.getDaysSinceFirstOrder()).isEqualTo(10);
		assertThat(facts.getDaysSinceLastOrder()).isZero();
		assertThat(facts.getOrderCount()).isEqualTo(2);
	}

	@Test
	void ordersAndEventsAfterAsOfAreIgnored() {
		CustomerFacts facts = derive(CONSENTING_SWEDE,
				List.of(order("o1", AS_OF.minus(Duration.ofDays(5)), "40"), order("o2", AS_OF.plusSeconds(1), "1000")),
				List.of(event(EventType.EMAIL_CLICK, AS_OF.plusSeconds(60)), event(EventType.PRODUCT_VIEW, AS_OF.plusSeconds(60))));
		assertThat(facts.getOrderCount()).isEqualTo(1);
		assertThat(facts.getTotalSpent()).isEqualByComparingTo("40");
		assertThat(facts.getEngagementCountLifetime()).isZero();
		assertThat(facts.getDaysSinceLastEngagement()).isNull();
		assertThat(facts.getIntentSignals90d()).isZero();
	}

	@Test
	void anOrderExactlyAtAsOfCounts() {
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(order("o1", AS_OF, "40")), List.of());
		assertThat(facts.getOrderCount()).isEqualTo(1);
		assertThat(facts.getDaysSinceLastOrder()).isZero();
	}

	@Test
	void asOfDefaultsToNow() {
		Instant now = Instant.parse("2027-01-01T00:00:00Z");
		CustomerInput input = new CustomerInput("c", null, CONSENTING_SWEDE, List.of(order("o1", AS_OF, "1")), List.of(), null);
		CustomerFacts facts = FactDeriver.derive(input, DEFAULTS, now);
		assertThat(facts.getAsOf()).isEqualTo(now);
		assertThat(facts.getDaysSinceLastOrder()).isEqualTo(61);
	}

	@ParameterizedTest(name = "{0} orders totalling {1} -> high value {2}")
	@CsvSource({ "3, 300.00, true", "3, 299.99, false", "1, 100, true", "1, 99.999, false", "2, 200.0000001, true" })
	void highValueComparesTotalWithAovTimesOrdersExactly(int orders, String total, boolean highValue) {
		List<Order> list = new ArrayList<>();
		BigDecimal each = new BigDecimal(total).divide(BigDecimal.valueOf(orders), 20, java.math.RoundingMode.DOWN);
		BigDecimal rest = new BigDecimal(total).subtract(each.multiply(BigDecimal.valueOf(orders - 1)));
		for (int i = 0; i < orders; i++) {
			list.add(order("o" + i, AS_OF.minus(Duration.ofDays(i + 1)), (i == 0) ? rest.toPlainString() : each.toPlainString()));
		}
		assertThat(derive(CONSENTING_SWEDE, list, List.of()).isHighValue()).isEqualTo(highValue);
	}

	@Test
	void customerWithoutOrdersIsNotHighValue() {
		assertThat(derive(CONSENTING_SWEDE, List.of(), List.of()).isHighValue()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "cancelled", "refunded" })
	void cancelledAndRefundedOrdersAreNotOrders(String status) {
		Order order = new Order("o1", AS_OF.minus(Duration.ofDays(3)), new BigDecimal("500"), null,
				OrderStatus.valueOf(status.toUpperCase()), List.of());
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(order), List.of());
		assertThat(facts.getOrderCount()).isZero();
		assertThat(facts.getDaysSinceLastOrder()).isNull();
	}

	@Test
	void discountedAndNewArrivalOrdersAreCounted() {
		Order discounted = new Order("o1", AS_OF.minus(Duration.ofDays(3)), BigDecimal.TEN, "SPRING", null, List.of());
		Order blankCode = new Order("o2", AS_OF.minus(Duration.ofDays(2)), BigDecimal.TEN, " ", null, List.of());
		Order newArrival = new Order("o3", AS_OF.minus(Duration.ofDays(1)), BigDecimal.TEN, null, null,
				List.of(new Item("SHOE-1", "shoes", 1, BigDecimal.TEN, true), new Item("SOCK-1", "socks", 1, BigDecimal.ONE, false)));
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(discounted, blankCode, newArrival), List.of());
		assertThat(facts.getDiscountedOrders()).isEqualTo(1);
		assertThat(facts.getNewArrivalOrders()).isEqualTo(1);
		assertThat(facts.orderedSku("SHOE-1")).isTrue();
		assertThat(facts.orderedFromCollection("socks")).isTrue();
		assertThat(facts.orderedFromCollection("hats")).isFalse();
	}

	@Test
	void appleMppOpensAreNotEngagementByDefaultButAreCounted() {
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(),
				List.of(mppOpen(AS_OF.minus(Duration.ofDays(1))), mppOpen(AS_OF.minus(Duration.ofDays(2))),
						event(EventType.EMAIL_OPEN, AS_OF.minus(Duration.ofDays(3)))));
		assertThat(facts.getEngagementCount90d()).isEqualTo(1);
		assertThat(facts.getEngagementCountLifetime()).isEqualTo(1);
		assertThat(facts.getDaysSinceLastEngagement()).isEqualTo(3);
		assertThat(facts.getEmailOpens90d()).isEqualTo(3);
		assertThat(facts.getMppOpens90d()).isEqualTo(2);
	}

	@Test
	void appleMppOpensCountWhenTheThresholdSaysSo() {
		Thresholds counting = new Thresholds(90, 3, 120, 390, 180, 3, new BigDecimal("100"), true, 14, 180, 1000, 0.5,
				0.25, 0.1, new BigDecimal("500"), 2, 0.5, 30, 3, 2, 0.5);
		CustomerInput input = new CustomerInput("c", AS_OF, CONSENTING_SWEDE, List.of(),
				List.of(mppOpen(AS_OF.minus(Duration.ofDays(1)))), null);
		CustomerFacts facts = FactDeriver.derive(input, counting, AS_OF);
		assertThat(facts.getEngagementCount90d()).isEqualTo(1);
		assertThat(facts.getDaysSinceLastEngagement()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0} without tracking consent: on-site events ignored = {1}")
	@CsvSource({ "SE, true", "de, true", "GB, true", "CH, true", "NO, true", "IS, true", "US, false", "KR, false" })
	void onSiteEventsNeedTrackingConsentInEuEeaUkAndSwitzerland(String country, boolean ignored) {
		Profile noTracking = new Profile(country, true, true, false, false);
		CustomerFacts facts = derive(noTracking, List.of(),
				List.of(event(EventType.SITE_VISIT, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.PRODUCT_VIEW, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.ADD_TO_CART, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.CHECKOUT_STARTED, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.EMAIL_CLICK, AS_OF.minus(Duration.ofDays(2)))));
		assertThat(facts.getIntentSignals90d()).isEqualTo(ignored ? 0 : 3);
		assertThat(facts.getEngagementCount90d()).isEqualTo(ignored ? 1 : 2);
		assertThat(facts.getDaysSinceLastEngagement()).isEqualTo(ignored ? 2 : 1);
		assertThat(facts.getDaysSinceLastSiteVisit()).isEqualTo(ignored ? null : 1);
		assertThat(facts.isAbandonedCheckout()).isEqualTo(!ignored);
		assertThat(facts.getCartActions90d()).isEqualTo(ignored ? 0 : 2);
	}

	// Parts of EU member states that ISO 3166-1 gives codes of their own: the outermost regions of
	// France and Åland (Finland) are in the EU; the Faroes and Greenland (Denmark) and Svalbard
	// (Norway) are outside the EU and the EEA.
	@ParameterizedTest(name = "{0} without tracking consent: on-site events ignored = {1}")
	@CsvSource({ "RE, true", "GF, true", "GP, true", "MQ, true", "YT, true", "MF, true", "AX, true", "FO, false",
			"GL, false", "SJ, false" })
	void onSiteEventsNeedTrackingConsentInEuRegionsWithTheirOwnCountryCode(String country, boolean ignored) {
		Profile noTracking = new Profile(country, true, true, false, false);
		CustomerFacts facts = derive(noTracking, List.of(),
				List.of(event(EventType.SITE_VISIT, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.PRODUCT_VIEW, AS_OF.minus(Duration.ofDays(1)))));
		assertThat(facts.getIntentSignals90d()).isEqualTo(ignored ? 0 : 1);
		assertThat(facts.getDaysSinceLastSiteVisit()).isEqualTo(ignored ? null : 1);
	}

	@Test
	void emailAndSmsEventsNeedNoTrackingConsent() {
		CustomerFacts facts = derive(NON_CONSENTING_SWEDE, List.of(),
				List.of(event(EventType.EMAIL_CLICK, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.SMS_CLICK, AS_OF.minus(Duration.ofDays(1))),
						event(EventType.EMAIL_OPEN, AS_OF.minus(Duration.ofDays(1)))));
		assertThat(facts.getEngagementCount90d()).isEqualTo(3);
	}

	@Test
	void customerWithoutCountryKeepsOnSiteEvents() {
		Profile unknown = new Profile(null, false, false, false, false);
		CustomerFacts facts = derive(unknown, List.of(), List.of(event(EventType.PRODUCT_VIEW, AS_OF.minus(Duration.ofDays(1)))));
		assertThat(facts.getIntentSignals90d()).isEqualTo(1);
	}

	@ParameterizedTest(name = "engagement {0} days ago: recent = {1}")
	@CsvSource({ "90, 1", "91, 0" })
	void recentEngagementWindowIncludesItsLastDay(int days, int recent) {
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(), List.of(event(EventType.SITE_VISIT, AS_OF.minus(Duration.ofDays(days)))));
		assertThat(facts.getEngagementCount90d()).isEqualTo(recent);
		assertThat(facts.getEngagementCountLifetime()).isEqualTo(1);
	}

	@Test
	void productViewsAreIntentNotEngagement() {
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(), List.of(event(EventType.PRODUCT_VIEW, AS_OF.minus(Duration.ofDays(1)))));
		assertThat(facts.getIntentSignals90d()).isEqualTo(1);
		assertThat(facts.getEngagementCountLifetime()).isZero();
	}

	@ParameterizedTest(name = "checkout {0} days ago, order after it: {1} -> abandoned {2}")
	@CsvSource({ "14, false, true", "15, false, false", "3, true, false" })
	void abandonedCheckoutIsARecentCheckoutWithNoOrderAfterIt(int days, boolean orderAfter, boolean abandoned) {
		Instant checkout = AS_OF.minus(Duration.ofDays(days));
		List<Order> orders = orderAfter ? List.of(order("o1", checkout.plusSeconds(600), "50")) : List.of(order("o1", checkout.minusSeconds(600), "50"));
		CustomerFacts facts = derive(CONSENTING_SWEDE, orders, List.of(event(EventType.CHECKOUT_STARTED, checkout)));
		assertThat(facts.isAbandonedCheckout()).isEqualTo(abandoned);
	}

	@Test
	void orderPlacedAtTheSameInstantAsTheCheckoutCompletesIt() {
		Instant checkout = AS_OF.minus(Duration.ofDays(1));
		CustomerFacts facts = derive(CONSENTING_SWEDE, List.of(order("o1", checkout, "50")), List.of(event(EventType.CHECKOUT_STARTED, checkout)));
		assertThat(facts.isAbandonedCheckout()).isFalse();
	}

	@Test
	void summaryGivesTheSameFactsAsTheRawHistoryItSummarises() {
		CustomerFacts raw = derive(CONSENTING_SWEDE,
				List.of(order("o1", AS_OF.minus(Duration.ofDays(40)), "120.50"), order("o2", AS_OF.minus(Duration.ofDays(10)), "80.00")),
				List.of(event(EventType.EMAIL_CLICK, AS_OF.minus(Duration.ofDays(5))), event(EventType.SITE_VISIT, AS_OF.minus(Duration.ofDays(100)))));
		CustomerInput summary = new CustomerInput("c", AS_OF, CONSENTING_SWEDE, null, null,
				new Summary(2, new BigDecimal("200.50"), 10, 40, 0, 0, 1, 2, 5, 0, 0, 100, 0, 0, false));
		CustomerFacts fromSummary = FactDeriver.derive(summary, DEFAULTS, AS_OF);
		assertThat(fromSummary).usingRecursiveComparison().ignoringFields("orders", "rawHistory").isEqualTo(raw);
	}

	static CustomerFacts derive(Profile profile, List<Order> orders, List<Event> events) {
		return FactDeriver.derive(new CustomerInput("c", AS_OF, profile, orders, events, null), DEFAULTS, AS_OF);
	}

	static Order order(String id, Instant placedAt, String total) {
		return new Order(id, placedAt, new BigDecimal(total), null, null, List.of());
	}

	static Event event(EventType type, Instant at) {
		return new Event(type, at, null);
	}

	static Event mppOpen(Instant at) {
		return new Event(EventType.EMAIL_OPEN, at, true);
	}

}
