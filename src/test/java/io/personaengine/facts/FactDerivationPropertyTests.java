package io.personaengine.facts;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.personaengine.facts.CustomerInput.Event;
import io.personaengine.facts.CustomerInput.Item;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.OrderStatus;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerInput.Summary;
import io.personaengine.rules.RuleSetLoader;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Properties of fact derivation over arbitrary histories (PERSONAS.md section 1): whatever a
 * caller sends, validation answers instead of throwing, and the facts of valid input obey the
 * invariants rules rely on. Tries are bounded so that the class runs in seconds.
 */
class FactDerivationPropertyTests {

	static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

	static final Thresholds SHIPPED = new RuleSetLoader(Clock.systemUTC()).load(Path.of("rules")).thresholds();

	static final Validator BEANS = Validation.buildDefaultValidatorFactory().getValidator();

	static final CustomerValidator VALIDATOR = new CustomerValidator(BEANS, new CustomerValidator.Limits(200, 400));

	static final List<String> COUNTRIES = List.of("SE", "GB", "CH", "NO", "de", "US", "JP", "BR");

	@Property(tries = 400)
	void validHistoriesPassValidationAndDeriveConsistentFacts(@ForAll("histories") CustomerInput input,
			@ForAll boolean countMppOpens) {
		Thresholds thresholds = countMppOpens ? withMpp(true) : withMpp(false);
		assertThat(VALIDATOR.violations(input, AS_OF)).isEmpty();

		CustomerFacts facts = FactDeriver.derive(input, thresholds, AS_OF);

		Instant asOf = input.asOf();
		List<Order> counted = input.orders().stream().filter((o) -> o.counts() && !o.placedAt().isAfter(asOf)).toList();
		assertThat(facts.getOrderCount()).isEqualTo(counted.size());
		assertThat(facts.getTotalSpent()).isEqualByComparingTo(counted.stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add));
		if (counted.isEmpty()) {
			assertThat(facts.getDaysSinceLastOrder()).isNull();
			assertThat(facts.getDaysSinceFirstOrder()).isNull();
			assertThat(facts.isHighValue()).isFalse();
		}
		else {
			Instant last = counted.stream().map(Order::placedAt).max(Instant::compareTo).orElseThrow();
			Instant first = counted.stream().map(Order::placedAt).min(Instant::compareTo).orElseThrow();
			assertThat(facts.getDaysSinceLastOrder()).isEqualTo(Duration.between(last, asOf).toDays()).isNotNegative();
			assertThat(facts.getDaysSinceFirstOrder()).isEqualTo(Duration.between(first, asOf).toDays())
				.isGreaterThanOrEqualTo(facts.getDaysSinceLastOrder());
			assertThat(facts.isHighValue()).isEqualTo(facts.getTotalSpent()
				.compareTo(thresholds.getHighValueAov().multiply(BigDecimal.valueOf(counted.size()))) >= 0);
		}
		assertThat(facts.getDiscountedOrders()).isBetween(0, facts.getOrderCount());
		assertThat(facts.getNewArrivalOrders()).isBetween(0, facts.getOrderCount());
		assertThat(facts.getOrders()).hasSize(facts.getOrderCount());

		String country = input.profile().country();
		boolean onSiteIgnored = TrackingConsent.required(country) && !Boolean.TRUE.equals(input.profile().trackingConsent());
		List<Event> seen = input.events().stream()
			.filter((e) -> !e.occurredAt().isAfter(asOf) && !(onSiteIgnored && e.type().onSite()))
			.toList();
		List<Event> recent = seen.stream().filter((e) -> days(e.occurredAt(), asOf) <= thresholds.getRecentEngagementDays()).toList();
		List<Event> engagements = seen.stream().filter((e) -> e.type().engagement() && (countMppOpens || !e.mpp())).toList();

		assertThat(facts.getEngagementCountLifetime()).isEqualTo(engagements.size());
		assertThat(facts.getEngagementCount90d()).isEqualTo(recent.stream().filter(engagements::contains).count())
			.isBetween(0, facts.getEngagementCountLifetime());
		assertThat(facts.getEmailOpens90d()).isEqualTo(recent.stream().filter((e) -> e.type() == EventType.EMAIL_OPEN).count());
		assertThat(facts.getMppOpens90d()).isEqualTo(recent.stream().filter(Event::mpp).count())
			.isBetween(0, facts.getEmailOpens90d());
		assertThat(facts.getCartActions90d()).isBetween(0, facts.getIntentSignals90d());
		if (engagements.isEmpty()) {
			assertThat(facts.getDaysSinceLastEngagement()).isNull();
		}
		else {
			assertThat(facts.getDaysSinceLastEngagement()).isNotNegative();
		}
		if (onSiteIgnored) {
			// Tracking consent: without it, on-site events count for nothing.
			assertThat(facts.getIntentSignals90d()).isZero();
			assertThat(facts.getCartActions90d()).isZero();
			assertThat(facts.getDaysSinceLastSiteVisit()).isNull();
			assertThat(facts.isAbandonedCheckout()).isFalse();
		}
		if (!countMppOpens && input.events().stream().allMatch(Event::mpp)) {
			// MPP opens alone are never engagement.
			assertThat(facts.getEngagementCountLifetime()).isZero();
		}
	}

	@Property(tries = 200)
	void factsDoNotDependOnTheOrderOfOrdersAndEvents(@ForAll("histories") CustomerInput input, @ForAll long seed) {
		List<Order> orders = new ArrayList<>(input.orders());
		List<Event> events = new ArrayList<>(input.events());
		Collections.shuffle(orders, new Random(seed));
		Collections.shuffle(events, new Random(seed + 1));
		CustomerInput shuffled = new CustomerInput(input.customerId(), input.asOf(), input.profile(), orders, events, null);
		assertThat(Decisionless.of(FactDeriver.derive(shuffled, SHIPPED, AS_OF)))
			.isEqualTo(Decisionless.of(FactDeriver.derive(input, SHIPPED, AS_OF)));
	}

	@Property(tries = 400)
	void validationAnswersArbitraryInputAndWhatItAcceptsDerives(@ForAll("anything") CustomerInput input) {
		List<Violation> violations = new ArrayList<>();
		assertThatNoException().isThrownBy(() -> violations.addAll(VALIDATOR.violations(input, AS_OF)));
		assertThat(violations).allSatisfy((v) -> {
			assertThat(v.field()).isNotNull();
			assertThat(v.reason()).isNotBlank();
		});
		if (violations.isEmpty()) {
			CustomerFacts facts = FactDeriver.derive(input, SHIPPED, AS_OF);
			assertThat(List.of(facts.getOrderCount(), facts.getDiscountedOrders(), facts.getNewArrivalOrders(),
					facts.getEngagementCount90d(), facts.getEngagementCountLifetime(), facts.getIntentSignals90d(),
					facts.getCartActions90d(), facts.getEmailOpens90d(), facts.getMppOpens90d()))
				.allSatisfy((count) -> assertThat(count).isNotNegative());
			assertThat(facts.getTotalSpent().signum()).isNotNegative();
		}
	}

	@Property(tries = 300)
	void consistentSummariesPassAndAreTakenAsGiven(@ForAll("summaries") Summary summary) {
		CustomerInput input = new CustomerInput("s", AS_OF, new Profile("SE", true, true, true, false), null, null, summary);
		assertThat(VALIDATOR.violations(input, AS_OF)).isEmpty();
		CustomerFacts facts = FactDeriver.derive(input, SHIPPED, AS_OF);
		assertThat(facts.getOrderCount()).isEqualTo(summary.orderCount());
		assertThat(facts.getDaysSinceLastOrder()).isEqualTo(summary.daysSinceLastOrder());
		assertThat(facts.getMppOpens90d()).isLessThanOrEqualTo(facts.getEmailOpens90d());
		assertThat(facts.isRawHistory()).isFalse();
	}

	@Provide
	Arbitrary<CustomerInput> histories() {
		Arbitrary<Instant> asOf = offsets(400).map(AS_OF::minusSeconds);
		return Combinators.combine(asOf, profiles(), validOrders().list().ofMaxSize(12), validEvents().list().ofMaxSize(25))
			.as((at, profile, orders, events) -> new CustomerInput("c-1", at, profile, uniqueIds(orders), events, null));
	}

	@Provide
	Arbitrary<CustomerInput> anything() {
		Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(""), Arbitraries.just("   "),
				Arbitraries.strings().ofMaxLength(140), Arbitraries.strings().alpha().ofLength(129));
		Arbitrary<Instant> instants = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(Instant.MIN),
				Arbitraries.just(Instant.MAX), Arbitraries.just(Instant.EPOCH.minusSeconds(1)),
				Arbitraries.longs().between(-400_000_000_000L, 400_000_000_000L).map(Instant::ofEpochSecond),
				offsets(4000).map(AS_OF::minusSeconds));
		Arbitrary<BigDecimal> totals = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(new BigDecimal("1e400")),
				Arbitraries.just(new BigDecimal("-0.01")), Arbitraries.just(new BigDecimal("1e-30")),
				Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000000")).ofScale(3));
		Arbitrary<Order> orders = Builders.withBuilder(() -> new Object[6])
			.use(Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of("o-1", "o-2", "o-1"), Arbitraries.strings().ofLength(129)))
			.in((o, v) -> set(o, 0, v))
			.use(instants).in((o, v) -> set(o, 1, v))
			.use(totals).in((o, v) -> set(o, 2, v))
			.use(Arbitraries.of("", "X", null)).in((o, v) -> set(o, 3, v))
			.use(Arbitraries.of(OrderStatus.class).injectNull(0.3)).in((o, v) -> set(o, 4, v))
			.use(items().injectNull(0.1).list().ofMaxSize(3).injectNull(0.2)).in((o, v) -> set(o, 5, v))
			.build((o) -> new Order((String) o[0], (Instant) o[1], (BigDecimal) o[2], (String) o[3], (OrderStatus) o[4],
					cast(o[5])));
		Arbitrary<Event> events = Combinators
			.combine(Arbitraries.of(EventType.class).injectNull(0.1), instants, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3))
			.as(Event::new);
		Arbitrary<Profile> profile = Combinators
			.combine(Arbitraries.of("SE", "UK", "EL", "XX", "s", "usa", "", "gb").injectNull(0.2),
					Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3), Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3))
			.as((country, tracking, email) -> new Profile(country, email, null, tracking, null));
		return Combinators
			.combine(ids, instants, profile.injectNull(0.2), orders.injectNull(0.05).list().ofMaxSize(8).injectNull(0.2),
					events.injectNull(0.05).list().ofMaxSize(10).injectNull(0.2), summaries().injectNull(0.7))
			.as(CustomerInput::new);
	}

	@Provide
	Arbitrary<Summary> summaries() {
		return Combinators.combine(Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 400),
				Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 60),
				Arbitraries.integers().between(0, 40), Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100000")).ofScale(2))
			.as((orders, last, gap, engagements, opens, mppShare, total) -> new Summary(orders, (orders > 0) ? total : BigDecimal.ZERO,
					(orders > 0) ? last : null, (orders > 0) ? last + gap : null, orders / 2, orders / 3, engagements / 2,
					engagements, (engagements > 0) ? gap : null, opens / 4, opens / 8, null, opens,
					Math.min(opens, mppShare), false));
	}

	private static Arbitrary<Long> offsets(int days) {
		return Arbitraries.longs().between(-86_400L * 30, 86_400L * days);
	}

	private static Arbitrary<Profile> profiles() {
		return Combinators.combine(Arbitraries.of(COUNTRIES).injectNull(0.15), Arbitraries.of(true, false),
				Arbitraries.of(true, false), Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3))
			.as((country, email, sms, tracking) -> new Profile(country, email, sms, tracking, email && sms));
	}

	private static Arbitrary<Order> validOrders() {
		return Combinators.combine(offsets(800).map(AS_OF::minusSeconds),
				Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000")).ofScale(2),
				Arbitraries.of("", "SUMMER10").injectNull(0.6), Arbitraries.of(OrderStatus.class).injectNull(0.6),
				items().list().ofMaxSize(3))
			.as((at, total, code, status, items) -> new Order(null, at, total, code, status, items));
	}

	private static Arbitrary<Item> items() {
		return Combinators.combine(Arbitraries.of("SHOE-42", "HAT-1").injectNull(0.2), Arbitraries.of("shoes", "hats").injectNull(0.2),
				Arbitraries.integers().between(0, 5).injectNull(0.2), Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.4))
			.as((sku, collection, quantity, newArrival) -> new Item(sku, collection, quantity, BigDecimal.TEN, newArrival));
	}

	private static Arbitrary<Event> validEvents() {
		return Combinators.combine(Arbitraries.of(EventType.class), offsets(400).map(AS_OF::minusSeconds),
				Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3))
			.as((type, at, mpp) -> new Event(type, at, (type == EventType.EMAIL_OPEN) ? mpp : null));
	}

	private static List<Order> uniqueIds(List<Order> orders) {
		List<Order> numbered = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			Order o = orders.get(i);
			numbered.add(new Order("o-" + i, o.placedAt(), o.total(), o.discountCode(), o.status(), o.items()));
		}
		return numbered;
	}

	private static Thresholds withMpp(boolean count) {
		return new Thresholds(SHIPPED.getRecentEngagementDays(), SHIPPED.getFrequentEngagementCount(),
				SHIPPED.getRecentPurchaseDays(), SHIPPED.getLapsedPurchaseMaxDays(), SHIPPED.getPassingThroughMinDays(),
				SHIPPED.getFrequentPurchaseCount(), SHIPPED.getHighValueAov(), count, SHIPPED.getAbandonedCartDays(),
				SHIPPED.getDormantDays(), SHIPPED.getWinbackSampleMin(), SHIPPED.getWinbackShareOneHitWonder(),
				SHIPPED.getWinbackShareJustPassingThrough(), SHIPPED.getWinbackShareFalseStart(),
				SHIPPED.getTopSpenderMinTotal(), SHIPPED.getCouponMinOrders(), SHIPPED.getCouponMinShare(),
				SHIPPED.getCuriousProspectVisitDays(), SHIPPED.getIndecisiveMinCartActions(),
				SHIPPED.getTrendFollowerMinOrders(), SHIPPED.getMppOpenerMinShare());
	}

	private static long days(Instant t, Instant asOf) {
		return Duration.between(t, asOf).toDays();
	}

	private static Object[] set(Object[] fields, int index, Object value) {
		fields[index] = value;
		return fields;
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

	/** The facts as comparable values; order facts compared as a list since they are sorted. */
	record Decisionless(int orders, BigDecimal total, Integer last, Integer first, int discounted, int newArrival,
			int engagement90, int engagementLifetime, Integer lastEngagement, int intent, int cart, Integer lastVisit,
			int opens, int mpp, boolean abandoned, boolean highValue, List<Instant> placed) {

		static Decisionless of(CustomerFacts f) {
			return new Decisionless(f.getOrderCount(), f.getTotalSpent().stripTrailingZeros(), f.getDaysSinceLastOrder(),
					f.getDaysSinceFirstOrder(), f.getDiscountedOrders(), f.getNewArrivalOrders(), f.getEngagementCount90d(),
					f.getEngagementCountLifetime(), f.getDaysSinceLastEngagement(), f.getIntentSignals90d(),
					f.getCartActions90d(), f.getDaysSinceLastSiteVisit(), f.getEmailOpens90d(), f.getMppOpens90d(),
					f.isAbandonedCheckout(), f.isHighValue(), f.getOrders().stream().map(CustomerFacts.OrderFact::placedAt).toList());
		}

	}

}
