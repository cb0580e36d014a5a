package io.personaengine.facts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.personaengine.facts.CustomerInput.Event;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.Summary;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * Checks a customer before anything is derived from it: the Bean Validation constraints of
 * {@link CustomerInput} plus what they cannot say (an id as {@link CustomerIds} has it, raw
 * history or summary, unique order ids, plausible instants, a consistent summary, size limits).
 * REST, Kafka and batch share it, so a record is refused for the same reason everywhere.
 */
public final class CustomerValidator {

	static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	/** The bounds of asOf, for a decision and for a segmentation alike. */
	public static final String AS_OF_RULE = "must be between " + EARLIEST + " and one year from now";

	/** The bounds of an order's or an event's instant, for a decision and for an import alike. */
	public static final String HISTORY_RULE = "must be between " + EARLIEST + " and 100 years from now";

	private final Validator validator;

	private final Limits limits;

	public CustomerValidator(Validator validator, Limits limits) {
		this.validator = validator;
		this.limits = limits;
	}

	/** Per-customer size limits. */
	public record Limits(int maxOrders, int maxEvents) {

		public static final Limits DEFAULT = new Limits(10_000, 50_000);

	}

	public void validate(CustomerInput input, Instant now) {
		List<Violation> violations = violations(input, now);
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
	}

	/** Whether {@code asOf} is within {@link #AS_OF_RULE}, {@code now} being now. */
	public static boolean isAsOf(Instant asOf, Instant now) {
		return !asOf.isBefore(EARLIEST) && !asOf.isAfter(ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusYears(1).toInstant());
	}

	/**
	 * Whether an order or event instant is within {@link #HISTORY_RULE}, {@code now} being now:
	 * the latest bound is computed once, for the many instants of a customer or of an import.
	 */
	public static Predicate<Instant> history(Instant now) {
		Instant latest = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).plusYears(100).toInstant();
		return (instant) -> !instant.isBefore(EARLIEST) && !instant.isAfter(latest);
	}

	public List<Violation> violations(CustomerInput input, Instant now) {
		List<Violation> violations = new ArrayList<>();
		if (input == null) {
			violations.add(new Violation("", "a customer object is required"));
			return violations;
		}
		for (ConstraintViolation<CustomerInput> violation : this.validator.validate(input)) {
			violations.add(new Violation(path(violation), violation.getMessage()));
		}
		String id = input.customerId();
		// Past the length the size rule refuses it already, and the refusal, which quotes the id
		// twice, would make a megabyte's id four megabytes of answer (or a dead letter too large to send).
		String idRefused = (id != null && !id.isBlank() && id.length() <= CustomerIds.MAX_LENGTH) ? CustomerIds.refusal(id)
				: null;
		if (idRefused != null) {
			violations.add(new Violation("customerId", idRefused));
		}
		if (input.summary() != null && input.hasRawHistory()) {
			violations.add(new Violation("summary", "send either a summary or orders and events, not both"));
		}
		if (input.orders().size() > this.limits.maxOrders()) {
			violations.add(new Violation("orders", "at most " + this.limits.maxOrders() + " orders per customer, got "
					+ input.orders().size()));
		}
		if (input.events().size() > this.limits.maxEvents()) {
			violations.add(new Violation("events", "at most " + this.limits.maxEvents() + " events per customer, got "
					+ input.events().size()));
		}
		if (input.asOf() != null && !isAsOf(input.asOf(), now)) {
			violations.add(new Violation("asOf", AS_OF_RULE));
		}
		String country = (input.profile() != null) ? input.profile().country() : null;
		if (country != null && country.length() == 2 && !Countries.isCode(country.toUpperCase(java.util.Locale.ROOT))) {
			violations.add(new Violation("profile.country", "'" + country + "' is not an ISO 3166-1 alpha-2 country code"
					+ (country.equalsIgnoreCase("UK") ? "; the United Kingdom is GB" : country.equalsIgnoreCase("EL") ? "; Greece is GR" : "")));
		}
		Predicate<Instant> history = history(now);
		checkOrders(input.orders(), history, violations);
		checkEvents(input.events(), history, violations);
		if (input.summary() != null) {
			checkSummary(input.summary(), violations);
		}
		violations.sort(Comparator.comparing(Violation::field));
		return violations;
	}

	private static void checkOrders(List<Order> orders, Predicate<Instant> history, List<Violation> violations) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < orders.size(); i++) {
			Order order = orders.get(i);
			if (order == null) {
				continue;
			}
			if (order.id() != null && order.id().isBlank()) {
				// A blank id names no order: it would pass as unique once and then match every other blank id.
				violations.add(new Violation("orders[" + i + "].id", "must not be blank; leave id out when the order has none"));
			}
			else if (order.id() != null) {
				Integer first = seen.putIfAbsent(order.id(), i);
				if (first != null) {
					violations.add(new Violation("orders[" + i + "].id",
							"duplicate order id '" + order.id() + "' (first at orders[" + first + "])"));
				}
			}
			checkInstant("orders[" + i + "].placedAt", order.placedAt(), history, violations);
		}
	}

	private static void checkEvents(List<Event> events, Predicate<Instant> history, List<Violation> violations) {
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			if (event == null) {
				continue;
			}
			checkInstant("events[" + i + "].occurredAt", event.occurredAt(), history, violations);
			if (Boolean.TRUE.equals(event.appleMpp()) && event.type() != null && event.type() != EventType.EMAIL_OPEN) {
				violations.add(new Violation("events[" + i + "].appleMpp", "only an email_open can be an Apple MPP open"));
			}
		}
	}

	private static void checkInstant(String field, Instant instant, Predicate<Instant> history, List<Violation> violations) {
		if (instant != null && !history.test(instant)) {
			violations.add(new Violation(field, HISTORY_RULE));
		}
	}

	private static void checkSummary(Summary s, List<Violation> violations) {
		if (s.orderCount() == 0 && s.daysSinceLastOrder() != null) {
			violations.add(new Violation("summary.daysSinceLastOrder", "must be absent when orderCount is 0"));
		}
		if (s.orderCount() == 0 && s.totalSpent().signum() > 0) {
			violations.add(new Violation("summary.totalSpent", "must be 0 when orderCount is 0"));
		}
		if (s.orderCount() == 0 && s.daysSinceFirstOrder() != null) {
			violations.add(new Violation("summary.daysSinceFirstOrder", "must be absent when orderCount is 0"));
		}
		if (s.orderCount() > 0 && s.daysSinceLastOrder() == null) {
			violations.add(new Violation("summary.daysSinceLastOrder", "is required when orderCount is above 0"));
		}
		if (s.daysSinceFirstOrder() != null && s.daysSinceLastOrder() != null
				&& s.daysSinceFirstOrder() < s.daysSinceLastOrder()) {
			violations.add(new Violation("summary.daysSinceFirstOrder", "must be at least daysSinceLastOrder"));
		}
		if (s.discountedOrders() > s.orderCount()) {
			violations.add(new Violation("summary.discountedOrders", "must not exceed orderCount"));
		}
		if (s.newArrivalOrders() > s.orderCount()) {
			violations.add(new Violation("summary.newArrivalOrders", "must not exceed orderCount"));
		}
		if (s.engagementCount90d() > s.engagementCountLifetime()) {
			violations.add(new Violation("summary.engagementCount90d", "must not exceed engagementCountLifetime"));
		}
		if (s.engagementCountLifetime() > 0 && s.daysSinceLastEngagement() == null) {
			violations.add(new Violation("summary.daysSinceLastEngagement", "is required when engagementCountLifetime is above 0"));
		}
		if (s.engagementCountLifetime() == 0 && s.daysSinceLastEngagement() != null && s.daysSinceLastEngagement() >= 0) {
			violations.add(new Violation("summary.daysSinceLastEngagement", "must be absent when engagementCountLifetime is 0"));
		}
		// Add-to-carts and started checkouts are intent signals too (PERSONAS.md section 1).
		if (s.cartActions90d() > s.intentSignals90d()) {
			violations.add(new Violation("summary.cartActions90d", "must not exceed intentSignals90d"));
		}
		if (s.mppOpens90d() > s.emailOpens90d()) {
			violations.add(new Violation("summary.mppOpens90d", "must not exceed emailOpens90d"));
		}
	}

	private static String path(ConstraintViolation<?> violation) {
		return violation.getPropertyPath().toString().replace(".<list element>", "");
	}

}
