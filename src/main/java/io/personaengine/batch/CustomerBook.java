package io.personaengine.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerInput.Item;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.EventTally;
import io.personaengine.facts.Thresholds;

/**
 * Everything the imports learned about each customer, in the order customers first appeared:
 * their profile, their orders (UCI line items already summed into invoices) and their events
 * already counted. It holds one entry per customer and per order, never a row.
 */
final class CustomerBook {

	private final Map<String, Customer> customers = new LinkedHashMap<>();

	/** Skus repeat across orders; one String per distinct sku keeps the book small. */
	private final Map<String, String> skus = new HashMap<>();

	Customer customer(String id) {
		return this.customers.computeIfAbsent(id, Customer::new);
	}

	Collection<Customer> customers() {
		return this.customers.values();
	}

	int size() {
		return this.customers.size();
	}

	String sku(String sku) {
		return this.skus.computeIfAbsent(sku, (s) -> s);
	}

	/**
	 * Total revenue over total orders of all customers: the {@code auto} store AOV, as exact as the
	 * comparison with it must be (PERSONAS.md: compare exactly). Totals have at most 6 decimals, so
	 * a customer's average of n orders that differs from the exact quotient differs by at least
	 * 1e-6 / (n × orders); rounding down by less than that, at 6 + 2 × digits(orders) decimals, keeps
	 * {@code totalSpent >= aov × n} true exactly when it is for the quotient itself. Rounded half
	 * even to 10 decimals, 400.00 / 6 became 66.6666666667, and customers whose average was the
	 * store's were not high value.
	 */
	BigDecimal averageOrderValue(Instant asOf) {
		BigDecimal revenue = BigDecimal.ZERO;
		long orders = 0;
		for (Customer customer : this.customers.values()) {
			for (Draft order : customer.orders.values()) {
				if (order.counted && !order.placedAt.isAfter(asOf)) {
					revenue = revenue.add(order.total);
					orders++;
				}
			}
		}
		if (orders == 0) {
			return BigDecimal.ZERO;
		}
		BigDecimal count = BigDecimal.valueOf(orders);
		BigDecimal aov = revenue.divide(count, 6 + 2 * Long.toString(orders).length(), java.math.RoundingMode.FLOOR);
		if (aov.multiply(count).compareTo(revenue) != 0) {
			return aov;
		}
		// A quotient that ends is written as it ends (228.00, not 228.00000000) in the rules' reasons.
		BigDecimal exact = aov.stripTrailingZeros();
		return exact.setScale(Math.max(2, exact.scale()));
	}

	/** The orders dated after {@code asOf}: read, but ignored by the rules, as by the REST API. */
	long ordersAfter(Instant asOf) {
		long orders = 0;
		for (Customer customer : this.customers.values()) {
			for (Draft order : customer.orders.values()) {
				if (order.counted && order.placedAt.isAfter(asOf)) {
					orders++;
				}
			}
		}
		return orders;
	}

	static final class Customer {

		final String id;

		/** From the customers file, which wins over the orders' country. */
		Profile profile;

		/** The country of the latest counted order, else of the latest row (UCI: section 6), up to asOf. */
		private String orderCountry;

		private Instant orderCountryAt;

		private String rowCountry;

		private Instant rowCountryAt;

		final Map<String, Draft> orders = new LinkedHashMap<>(2);

		EventTally events;

		Customer(String id) {
			this.id = id;
		}

		/** Where the customer is: the customers file's country, else that of the latest order or row. */
		String country() {
			if (this.profile != null && this.profile.country() != null) {
				return this.profile.country();
			}
			return (this.orderCountryAt != null) ? this.orderCountry : this.rowCountry;
		}

		/** A row of this customer from {@code country} at {@code at}; {@code order}: it counts as an order. */
		void seenIn(String country, Instant at, boolean order) {
			if (order && (this.orderCountryAt == null || !at.isBefore(this.orderCountryAt))) {
				this.orderCountry = country;
				this.orderCountryAt = at;
			}
			if (this.rowCountryAt == null || !at.isBefore(this.rowCountryAt)) {
				this.rowCountry = country;
				this.rowCountryAt = at;
			}
		}

		EventTally events(Instant asOf, Thresholds thresholds) {
			if (this.events == null) {
				boolean tracking = this.profile != null && Boolean.TRUE.equals(this.profile.trackingConsent());
				this.events = new EventTally(asOf, thresholds, country(), tracking);
			}
			return this.events;
		}

		/** The customer as the REST API would receive them (events travel in the tally). */
		CustomerInput toInput(Instant asOf) {
			Profile known = (this.profile != null) ? this.profile : Profile.NONE;
			Profile withCountry = new Profile(country(), known.emailConsent(), known.smsConsent(), known.trackingConsent(),
					known.newsletter());
			List<Order> counted = new ArrayList<>(this.orders.size());
			for (Map.Entry<String, Draft> order : this.orders.entrySet()) {
				Draft draft = order.getValue();
				if (draft.counted) {
					List<Item> items = draft.skus().stream().map((sku) -> new Item(sku, null, null, null, null)).toList();
					counted.add(new Order(order.getKey(), draft.placedAt, draft.total, draft.discountCode, null, items));
				}
			}
			return new CustomerInput(this.id, asOf, withCountry, counted, List.of(), null);
		}

		BigDecimal revenue(Instant asOf) {
			return this.orders.values().stream()
				.filter((order) -> order.counted && !order.placedAt.isAfter(asOf))
				.map((order) -> order.total)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		}

	}

	/** An order as it is being read: a UCI invoice grows line by line. */
	static final class Draft {

		private static final String[] NO_SKUS = {};

		Instant placedAt;

		BigDecimal total = BigDecimal.ZERO;

		String discountCode;

		boolean counted;

		/**
		 * Distinct skus in the order they came. An array, not a set: a UCI export has a row per
		 * line, and at ten times Online Retail a hash-set entry per line was half the heap.
		 */
		private String[] skus = NO_SKUS;

		private int skuCount;

		void addSku(String sku) {
			for (int i = 0; i < this.skuCount; i++) {
				if (this.skus[i].equals(sku)) {
					return;
				}
			}
			if (this.skuCount == this.skus.length) {
				this.skus = Arrays.copyOf(this.skus, Math.max(4, this.skuCount * 2));
			}
			this.skus[this.skuCount++] = sku;
		}

		List<String> skus() {
			return Arrays.asList(this.skus).subList(0, this.skuCount);
		}

	}

}
