package io.personaengine.facts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.personaengine.facts.CustomerInput.Item;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerInput.Summary;

/**
 * Turns what a caller sent into the facts rules match on (PERSONAS.md section 1). Everything time
 * related is relative to {@code asOf}: what happened after it is ignored, "days since" is
 * {@code floor((asOf - t) / 24h)}. Expects validated input (see {@link CustomerValidator}).
 */
public final class FactDeriver {

	private FactDeriver() {
	}

	public static CustomerFacts derive(CustomerInput input, Thresholds thresholds, Instant now) {
		return derive(input, null, thresholds, now);
	}

	/**
	 * For batch imports: the customer's orders and profile, with their events already counted
	 * in {@code tally} (made with the same asOf, thresholds, country and consent).
	 */
	public static CustomerFacts derive(CustomerInput input, EventTally tally, Thresholds thresholds, Instant now) {
		Instant asOf = (input.asOf() != null) ? input.asOf() : now;
		Profile profile = (input.profile() != null) ? input.profile() : Profile.NONE;
		CustomerFacts.Builder facts = new CustomerFacts.Builder();
		facts.customerId = input.customerId();
		facts.asOf = asOf;
		facts.country = (profile.country() != null) ? profile.country().toUpperCase(Locale.ROOT) : null;
		facts.emailConsent = Boolean.TRUE.equals(profile.emailConsent());
		facts.smsConsent = Boolean.TRUE.equals(profile.smsConsent());
		facts.trackingConsent = Boolean.TRUE.equals(profile.trackingConsent());
		facts.newsletter = Boolean.TRUE.equals(profile.newsletter());
		if (input.summary() != null) {
			fromSummary(facts, input.summary());
		}
		else {
			facts.rawHistory = true;
			fromOrders(facts, input.orders(), asOf);
			EventTally events = tally;
			if (events == null) {
				events = new EventTally(asOf, thresholds, facts.country, facts.trackingConsent);
				for (CustomerInput.Event event : input.events()) {
					events.add(event.type(), event.occurredAt(), Boolean.TRUE.equals(event.appleMpp()));
				}
			}
			events.applyTo(facts, input.orders());
		}
		facts.highValue = highValue(facts.totalSpent, facts.orderCount, thresholds.getHighValueAov());
		return facts.build();
	}

	/**
	 * The average order value is at or above the store's AOV, compared exactly as
	 * {@code totalSpent >= aov * orderCount}. A customer without orders has no average, so is not
	 * high value.
	 */
	static boolean highValue(BigDecimal totalSpent, int orderCount, BigDecimal aov) {
		return orderCount > 0 && totalSpent.compareTo(aov.multiply(BigDecimal.valueOf(orderCount))) >= 0;
	}

	static int daysBetween(Instant t, Instant asOf) {
		return (int) Duration.between(t, asOf).toDays();
	}

	private static void fromSummary(CustomerFacts.Builder facts, Summary summary) {
		facts.orderCount = summary.orderCount();
		facts.totalSpent = summary.totalSpent();
		facts.daysSinceLastOrder = summary.daysSinceLastOrder();
		facts.daysSinceFirstOrder = summary.daysSinceFirstOrder();
		facts.discountedOrders = summary.discountedOrders();
		facts.newArrivalOrders = summary.newArrivalOrders();
		facts.engagementCount90d = summary.engagementCount90d();
		facts.engagementCountLifetime = summary.engagementCountLifetime();
		facts.daysSinceLastEngagement = summary.daysSinceLastEngagement();
		facts.intentSignals90d = summary.intentSignals90d();
		facts.cartActions90d = summary.cartActions90d();
		facts.daysSinceLastSiteVisit = summary.daysSinceLastSiteVisit();
		facts.emailOpens90d = summary.emailOpens90d();
		facts.mppOpens90d = summary.mppOpens90d();
		facts.abandonedCheckout = summary.abandonedCheckout();
	}

	private static void fromOrders(CustomerFacts.Builder facts, List<Order> orders, Instant asOf) {
		List<CustomerFacts.OrderFact> counted = new ArrayList<>();
		BigDecimal total = BigDecimal.ZERO;
		for (Order order : orders) {
			if (!order.counts() || order.placedAt().isAfter(asOf)) {
				continue;
			}
			boolean newArrival = order.items().stream().anyMatch((item) -> Boolean.TRUE.equals(item.newArrival()));
			counted.add(new CustomerFacts.OrderFact(order.placedAt(), daysBetween(order.placedAt(), asOf), order.total(),
					order.discounted(), newArrival, names(order.items(), Item::sku),
					names(order.items(), Item::collection)));
			total = total.add(order.total());
		}
		counted.sort(Comparator.comparing(CustomerFacts.OrderFact::placedAt));
		facts.orders = counted;
		facts.orderCount = counted.size();
		facts.totalSpent = total;
		if (!counted.isEmpty()) {
			facts.daysSinceFirstOrder = counted.get(0).daysAgo();
			facts.daysSinceLastOrder = counted.get(counted.size() - 1).daysAgo();
		}
		facts.discountedOrders = (int) counted.stream().filter(CustomerFacts.OrderFact::discounted).count();
		facts.newArrivalOrders = (int) counted.stream().filter(CustomerFacts.OrderFact::newArrival).count();
	}

	private static Set<String> names(List<Item> items, java.util.function.Function<Item, String> name) {
		Set<String> names = new LinkedHashSet<>();
		items.stream().map(name).filter(Objects::nonNull).forEach(names::add);
		return names;
	}

}
