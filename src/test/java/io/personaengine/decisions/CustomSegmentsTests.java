package io.personaengine.decisions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerInput.Item;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The three segments of rules/custom-segments.dslr, written in the analysts' language. */
class CustomSegmentsTests {

	static final Profile SWEDE_WITH_SMS = new Profile("SE", true, true, true, false);

	@ParameterizedTest(name = "shoes worth {0}, {1} days ago -> shoe lover {2}")
	@CsvSource({ "300.01, 10, true", "300.00, 10, false", "400, 90, true", "400, 91, false" })
	void shoeBuyerWhoSpentOver300In90DaysIsShoeLover(String total, int daysAgo, boolean in) {
		Decision decision = decide(SWEDE_WITH_SMS, order("o1", daysAgo, total, "shoes"));
		assertThat(segments(decision).contains("SHOE_LOVER")).isEqualTo(in);
		if (in) {
			assertThat(decision.recommendations()).anySatisfy((r) -> {
				assertThat(r.action()).isEqualTo("NEW_SHOE_ARRIVALS");
				assertThat(r.source()).isEqualTo("SHOE_LOVER");
			});
			assertThat(decision.firedRules()).contains("ShoeBuyerWhoSpentOver300In90DaysIsShoeLover");
		}
	}

	@Test
	void bigSpenderWithoutShoesIsNoShoeLover() {
		assertThat(segments(decide(SWEDE_WITH_SMS, order("o1", 10, "900", "bags")))).doesNotContain("SHOE_LOVER");
	}

	@ParameterizedTest(name = "{0}, sms consent {1}, last order {2} days ago -> lapsed SMS subscriber {3}")
	@CsvSource({ "SE, true, 180, true", "SE, true, 179, false", "NO, true, 400, false", "SE, false, 400, false" })
	void lapsedSmsSubscribersInSweden(String country, boolean sms, int daysAgo, boolean in) {
		Decision decision = decide(new Profile(country, false, sms, false, false), order("o1", daysAgo, "50", "tops"));
		assertThat(segments(decision).contains("LAPSED_SMS_SUBSCRIBER_SE")).isEqualTo(in);
		assertThat(decision.recommendations().stream().anyMatch((r) -> r.action().equals("SMS_WINBACK"))).isEqualTo(in);
	}

	@Test
	void swedishSmsSubscriberWhoNeverOrderedIsNotLapsed() {
		assertThat(segments(decide(SWEDE_WITH_SMS))).doesNotContain("LAPSED_SMS_SUBSCRIBER_SE");
	}

	@Test
	void holidayBuyerWhoDidNotReturnIsHolidayOnlyBuyer() {
		Decision decision = decide(SWEDE_WITH_SMS, orderAt("o1", "2025-12-10T12:00:00Z", "80"));
		assertThat(segments(decision)).contains("HOLIDAY_ONLY_BUYER");
	}

	@Test
	void holidayBuyerWhoCameBackIsNot() {
		assertThat(segments(decide(SWEDE_WITH_SMS, orderAt("o1", "2025-12-10T12:00:00Z", "80"),
				orderAt("o2", "2026-03-01T12:00:00Z", "80")))).doesNotContain("HOLIDAY_ONLY_BUYER");
	}

	@Test
	void bigHolidayBuyerWithManyOrdersIsNotHolidayOnlyBuyer() {
		assertThat(segments(decide(SWEDE_WITH_SMS, orderAt("o1", "2025-12-01T12:00:00Z", "300"),
				orderAt("o2", "2025-12-05T12:00:00Z", "300"), orderAt("o3", "2025-12-10T12:00:00Z", "300"))))
			.doesNotContain("HOLIDAY_ONLY_BUYER");
	}

	@Test
	void segmentMatchedByBothBranchesOfAnOrIsListedOnce() {
		Decision decision = decide(SWEDE_WITH_SMS, orderAt("o1", "2025-12-10T12:00:00Z", "80"));
		assertThat(segments(decision)).containsOnlyOnce("HOLIDAY_ONLY_BUYER");
	}

	static Decision decide(Profile profile, Order... orders) {
		return RealRules.decide(new CustomerInput("c", RealRules.AS_OF, profile, List.of(orders), List.of(), null));
	}

	static Order order(String id, int daysAgo, String total, String collection) {
		return new Order(id, RealRules.AS_OF.minusSeconds(86_400L * daysAgo), new BigDecimal(total), null, null,
				List.of(new Item(collection + "-1", collection, 1, new BigDecimal(total), false)));
	}

	static Order orderAt(String id, String placedAt, String total) {
		return new Order(id, Instant.parse(placedAt), new BigDecimal(total), null, null, new ArrayList<>());
	}

	static List<String> segments(Decision decision) {
		return decision.segments().stream().map(Decision.Match::id).toList();
	}

}
