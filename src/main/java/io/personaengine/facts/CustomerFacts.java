package io.personaengine.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The derived facts of one customer as of {@code asOf}: what rules match on (PERSONAS.md section
 * 1). Derived in Java by {@link FactDeriver} so that rules state conditions, not arithmetic.
 * Immutable: rules record their conclusions as separate facts, never by changing this one.
 * Absent values ({@code daysSinceLastOrder} of a customer who never ordered) are {@code null}.
 */
public final class CustomerFacts {

	private final String customerId;

	private final Instant asOf;

	private final String country;

	private final boolean emailConsent;

	private final boolean smsConsent;

	private final boolean trackingConsent;

	private final boolean newsletter;

	private final int orderCount;

	private final BigDecimal totalSpent;

	private final Integer daysSinceLastOrder;

	private final Integer daysSinceFirstOrder;

	private final boolean highValue;

	private final int discountedOrders;

	private final int newArrivalOrders;

	private final int engagementCount90d;

	private final int engagementCountLifetime;

	private final Integer daysSinceLastEngagement;

	private final int intentSignals90d;

	private final int cartActions90d;

	private final Integer daysSinceLastSiteVisit;

	private final int emailOpens90d;

	private final int mppOpens90d;

	private final boolean abandonedCheckout;

	private final List<OrderFact> orders;

	private final boolean rawHistory;

	CustomerFacts(Builder b) {
		this.customerId = b.customerId;
		this.asOf = b.asOf;
		this.country = b.country;
		this.emailConsent = b.emailConsent;
		this.smsConsent = b.smsConsent;
		this.trackingConsent = b.trackingConsent;
		this.newsletter = b.newsletter;
		this.orderCount = b.orderCount;
		this.totalSpent = b.totalSpent;
		this.daysSinceLastOrder = b.daysSinceLastOrder;
		this.daysSinceFirstOrder = b.daysSinceFirstOrder;
		this.highValue = b.highValue;
		this.discountedOrders = b.discountedOrders;
		this.newArrivalOrders = b.newArrivalOrders;
		this.engagementCount90d = b.engagementCount90d;
		this.engagementCountLifetime = b.engagementCountLifetime;
		this.daysSinceLastEngagement = b.daysSinceLastEngagement;
		this.intentSignals90d = b.intentSignals90d;
		this.cartActions90d = b.cartActions90d;
		this.daysSinceLastSiteVisit = b.daysSinceLastSiteVisit;
		this.emailOpens90d = b.emailOpens90d;
		this.mppOpens90d = b.mppOpens90d;
		this.abandonedCheckout = b.abandonedCheckout;
		this.orders = List.copyOf(b.orders);
		this.rawHistory = b.rawHistory;
	}

	/** The caller sent orders and events, not a summary: the order phrases of the DSL can answer. */
	public boolean isRawHistory() {
		return this.rawHistory;
	}

	public String getCustomerId() {
		return this.customerId;
	}

	public Instant getAsOf() {
		return this.asOf;
	}

	public String getCountry() {
		return this.country;
	}

	public boolean isEmailConsent() {
		return this.emailConsent;
	}

	public boolean isSmsConsent() {
		return this.smsConsent;
	}

	public boolean isTrackingConsent() {
		return this.trackingConsent;
	}

	public boolean isNewsletter() {
		return this.newsletter;
	}

	public int getOrderCount() {
		return this.orderCount;
	}

	public BigDecimal getTotalSpent() {
		return this.totalSpent;
	}

	public Integer getDaysSinceLastOrder() {
		return this.daysSinceLastOrder;
	}

	public Integer getDaysSinceFirstOrder() {
		return this.daysSinceFirstOrder;
	}

	public boolean isHighValue() {
		return this.highValue;
	}

	public int getDiscountedOrders() {
		return this.discountedOrders;
	}

	public int getNewArrivalOrders() {
		return this.newArrivalOrders;
	}

	public int getEngagementCount90d() {
		return this.engagementCount90d;
	}

	public int getEngagementCountLifetime() {
		return this.engagementCountLifetime;
	}

	public Integer getDaysSinceLastEngagement() {
		return this.daysSinceLastEngagement;
	}

	public int getIntentSignals90d() {
		return this.intentSignals90d;
	}

	public int getCartActions90d() {
		return this.cartActions90d;
	}

	public Integer getDaysSinceLastSiteVisit() {
		return this.daysSinceLastSiteVisit;
	}

	public int getEmailOpens90d() {
		return this.emailOpens90d;
	}

	public int getMppOpens90d() {
		return this.mppOpens90d;
	}

	public boolean isAbandonedCheckout() {
		return this.abandonedCheckout;
	}

	/** The counted orders, oldest first; empty when the caller sent a summary. */
	public List<OrderFact> getOrders() {
		return this.orders;
	}

	// Questions the analysts' DSL asks of the raw orders. A summary has no orders, so for a
	// summary they answer 0 or false.

	/** Money spent on orders placed within the last {@code days} days. */
	public BigDecimal spentWithinDays(int days) {
		return this.orders.stream()
			.filter((order) -> order.daysAgo() <= days)
			.map(OrderFact::total)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/** Number of orders placed within the last {@code days} days. */
	public int ordersWithinDays(int days) {
		return (int) this.orders.stream().filter((order) -> order.daysAgo() <= days).count();
	}

	/** Number of orders placed between two dates ({@code yyyy-MM-dd}, both days included, UTC). */
	public int ordersBetween(String from, String to) {
		Instant start = LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant end = LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		return (int) this.orders.stream()
			.filter((order) -> !order.placedAt().isBefore(start) && order.placedAt().isBefore(end))
			.count();
	}

	/** True when no order was placed on or after the date ({@code yyyy-MM-dd}, UTC). */
	public boolean notOrderedSince(String date) {
		Instant since = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
		return this.orders.stream().noneMatch((order) -> !order.placedAt().isBefore(since));
	}

	public boolean orderedSku(String sku) {
		return this.orders.stream().anyMatch((order) -> order.skus().contains(sku));
	}

	public boolean orderedFromCollection(String collection) {
		return this.orders.stream().anyMatch((order) -> order.collections().contains(collection));
	}

	@Override
	public String toString() {
		return "CustomerFacts[" + this.customerId + "]";
	}

	/** One counted order as the DSL sees it. */
	public record OrderFact(Instant placedAt, int daysAgo, BigDecimal total, boolean discounted, boolean newArrival,
			Set<String> skus, Set<String> collections) {
	}

	static final class Builder {

		String customerId;

		Instant asOf;

		String country;

		boolean emailConsent;

		boolean smsConsent;

		boolean trackingConsent;

		boolean newsletter;

		int orderCount;

		BigDecimal totalSpent = BigDecimal.ZERO;

		Integer daysSinceLastOrder;

		Integer daysSinceFirstOrder;

		boolean highValue;

		int discountedOrders;

		int newArrivalOrders;

		int engagementCount90d;

		int engagementCountLifetime;

		Integer daysSinceLastEngagement;

		int intentSignals90d;

		int cartActions90d;

		Integer daysSinceLastSiteVisit;

		int emailOpens90d;

		int mppOpens90d;

		boolean abandonedCheckout;

		List<OrderFact> orders = List.of();

		boolean rawHistory;

		CustomerFacts build() {
			return new CustomerFacts(this);
		}

	}

}
