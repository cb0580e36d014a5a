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

import io.personaengine.facts.CustomerInput.Event;
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
			fromOrders(facts, input.orders(), asOf);
			fromEvents(facts, input.events(), input.orders(), asOf, thresholds);
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

	private static void fromEvents(CustomerFacts.Builder facts, List<Event> events, List<Order> orders, Instant asOf,
			Thresholds thresholds) {
		boolean onSiteIgnored = TrackingConsent.required(facts.country) && !facts.trackingConsent;
		int recentDays = thresholds.getRecentEngagementDays();
		Instant latestCheckout = null;
		for (Event event : events) {
			if (event.occurredAt().isAfter(asOf) || (onSiteIgnored && event.type().onSite())) {
				continue;
			}
			int daysAgo = daysBetween(event.occurredAt(), asOf);
			boolean recent = daysAgo <= recentDays;
			if (event.type() == EventType.EMAIL_OPEN && recent) {
				facts.emailOpens90d++;
				if (event.mpp()) {
					facts.mppOpens90d++;
				}
			}
			boolean engagement = event.type().engagement() && (!event.mpp() || thresholds.isCountAppleMppOpens());
			if (engagement) {
				facts.engagementCountLifetime++;
				if (recent) {
					facts.engagementCount90d++;
				}
				facts.daysSinceLastEngagement = min(facts.daysSinceLastEngagement, daysAgo);
			}
			if (event.type().intentSignal() && recent) {
				facts.intentSignals90d++;
			}
			if ((event.type() == EventType.ADD_TO_CART || event.type() == EventType.CHECKOUT_STARTED) && recent) {
				facts.cartActions90d++;
			}
			if (event.type() == EventType.SITE_VISIT) {
				facts.daysSinceLastSiteVisit = min(facts.daysSinceLastSiteVisit, daysAgo);
			}
			if (event.type() == EventType.CHECKOUT_STARTED && daysAgo <= thresholds.getAbandonedCartDays()
					&& (latestCheckout == null || event.occurredAt().isAfter(latestCheckout))) {
				latestCheckout = event.occurredAt();
			}
		}
		facts.abandonedCheckout = latestCheckout != null && noOrderSince(latestCheckout, orders, asOf);
	}

	/**
	 * The latest checkout in the window is the one to test: if an order follows it, every earlier
	 * checkout is followed by that order too.
	 */
	private static boolean noOrderSince(Instant checkout, List<Order> orders, Instant asOf) {
		return orders.stream()
			.noneMatch((order) -> order.counts() && !order.placedAt().isBefore(checkout) && !order.placedAt().isAfter(asOf));
	}

	private static Integer min(Integer current, int candidate) {
		return (current == null || candidate < current) ? candidate : current;
	}

}
