package io.personaengine.facts;

import java.time.Instant;
import java.util.List;

import io.personaengine.facts.CustomerInput.Order;

/**
 * A customer's events, counted as they arrive: the event facts of PERSONAS.md section 1 without
 * keeping the events. REST feeds it a customer's list; batch imports feed it row by row, so
 * their memory grows with customers, not with event rows. Events after {@code asOf}, and on-site
 * events of customers who must consent to tracking and did not, are not counted.
 */
public final class EventTally {

	private final Instant asOf;

	private final Thresholds thresholds;

	private final boolean onSiteIgnored;

	int emailOpens90d;

	int mppOpens90d;

	int engagementCountLifetime;

	int engagementCount90d;

	Integer daysSinceLastEngagement;

	int intentSignals90d;

	int cartActions90d;

	Integer daysSinceLastSiteVisit;

	/** The latest checkout within the abandoned-cart window. */
	Instant latestCheckout;

	public EventTally(Instant asOf, Thresholds thresholds, String country, boolean trackingConsent) {
		this.asOf = asOf;
		this.thresholds = thresholds;
		this.onSiteIgnored = TrackingConsent.required(country) && !trackingConsent;
	}

	/** Whether events of {@code type} are not counted because the customer must consent to tracking and did not. */
	public boolean ignoredWithoutConsent(EventType type) {
		return this.onSiteIgnored && type.onSite();
	}

	public void add(EventType type, Instant occurredAt, boolean appleMpp) {
		if (occurredAt.isAfter(this.asOf) || ignoredWithoutConsent(type)) {
			return;
		}
		boolean mpp = type == EventType.EMAIL_OPEN && appleMpp;
		int daysAgo = FactDeriver.daysBetween(occurredAt, this.asOf);
		boolean recent = daysAgo <= this.thresholds.getRecentEngagementDays();
		if (type == EventType.EMAIL_OPEN && recent) {
			this.emailOpens90d++;
			if (mpp) {
				this.mppOpens90d++;
			}
		}
		if (type.engagement() && (!mpp || this.thresholds.isCountAppleMppOpens())) {
			this.engagementCountLifetime++;
			if (recent) {
				this.engagementCount90d++;
			}
			this.daysSinceLastEngagement = min(this.daysSinceLastEngagement, daysAgo);
		}
		if (type.intentSignal() && recent) {
			this.intentSignals90d++;
		}
		if ((type == EventType.ADD_TO_CART || type == EventType.CHECKOUT_STARTED) && recent) {
			this.cartActions90d++;
		}
		if (type == EventType.SITE_VISIT) {
			this.daysSinceLastSiteVisit = min(this.daysSinceLastSiteVisit, daysAgo);
		}
		if (type == EventType.CHECKOUT_STARTED && daysAgo <= this.thresholds.getAbandonedCartDays()
				&& (this.latestCheckout == null || occurredAt.isAfter(this.latestCheckout))) {
			this.latestCheckout = occurredAt;
		}
	}

	void applyTo(CustomerFacts.Builder facts, List<Order> orders) {
		facts.emailOpens90d = this.emailOpens90d;
		facts.mppOpens90d = this.mppOpens90d;
		facts.engagementCountLifetime = this.engagementCountLifetime;
		facts.engagementCount90d = this.engagementCount90d;
		facts.daysSinceLastEngagement = this.daysSinceLastEngagement;
		facts.intentSignals90d = this.intentSignals90d;
		facts.cartActions90d = this.cartActions90d;
		facts.daysSinceLastSiteVisit = this.daysSinceLastSiteVisit;
		facts.abandonedCheckout = this.latestCheckout != null && noOrderSince(this.latestCheckout, orders);
	}

	/**
	 * The latest checkout in the window is the one to test: if an order follows it, every earlier
	 * checkout is followed by that order too.
	 */
	private boolean noOrderSince(Instant checkout, List<Order> orders) {
		return orders.stream()
			.noneMatch((order) -> order.counts() && !order.placedAt().isBefore(checkout) && !order.placedAt().isAfter(this.asOf));
	}

	private static Integer min(Integer current, int candidate) {
		return (current == null || candidate < current) ? candidate : current;
	}

}
