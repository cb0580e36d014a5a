package io.personaengine.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * What a caller tells us about one customer: raw history ({@code orders} and {@code events}) or a
 * pre-aggregated {@code summary}, never both. The same JSON arrives over REST and Kafka.
 */
@Schema(description = "A customer's behaviour: raw orders and events, or a pre-aggregated summary instead of them.")
public record CustomerInput(
		@Schema(description = "Your id for the customer", example = "c-1001", requiredMode = Schema.RequiredMode.REQUIRED)
		@NotBlank @Size(max = CustomerIds.MAX_LENGTH) String customerId,
		@Schema(description = "The instant the decision is made as of (ISO-8601, UTC). Default: now. Orders and events after it are ignored.",
				example = "2026-11-01T00:00:00Z")
		Instant asOf,
		@Valid Profile profile,
		@Schema(description = "Orders, raw. Omit when sending a summary.") List<@NotNull @Valid Order> orders,
		@Schema(description = "Engagement and on-site events, raw. Omit when sending a summary.") List<@NotNull @Valid Event> events,
		@Schema(description = "Pre-aggregated facts instead of orders and events.") @Valid Summary summary) {

	public CustomerInput {
		orders = (orders != null) ? orders : List.of();
		events = (events != null) ? events : List.of();
	}

	public boolean hasRawHistory() {
		return !this.orders.isEmpty() || !this.events.isEmpty();
	}

	/** Consent defaults to "no": a customer we know nothing about has not agreed to anything. */
	@Schema(description = "Profile and consent. Missing consent means no consent.")
	public record Profile(
			@Schema(description = "ISO 3166-1 alpha-2 country", example = "SE") @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as SE") String country,
			Boolean emailConsent, Boolean smsConsent, Boolean trackingConsent, Boolean newsletter) {

		public static final Profile NONE = new Profile(null, false, false, false, false);

	}

	@Schema(description = "An order. Cancelled and refunded orders are not counted.")
	public record Order(
			@Schema(example = "o-1") @Size(max = 128) String id,
			@Schema(example = "2026-09-15T10:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Instant placedAt,
			@Schema(description = "Order total in the store's currency", example = "129.90", requiredMode = Schema.RequiredMode.REQUIRED)
			@NotNull @DecimalMin("0") @Amount BigDecimal total,
			@Schema(example = "WELCOME10") @Size(max = 128) String discountCode,
			@Schema(description = "placed (default), cancelled or refunded", example = "placed") OrderStatus status,
			List<@NotNull @Valid Item> items) {

		public Order {
			total = asWritten(total);
			items = (items != null) ? items : List.of();
		}

		public boolean counts() {
			return this.status == null || this.status == OrderStatus.PLACED;
		}

		public boolean discounted() {
			return this.discountCode != null && !this.discountCode.isBlank();
		}

	}

	public enum OrderStatus {

		@com.fasterxml.jackson.annotation.JsonProperty("placed")
		PLACED, @com.fasterxml.jackson.annotation.JsonProperty("cancelled")
		CANCELLED, @com.fasterxml.jackson.annotation.JsonProperty("refunded")
		REFUNDED

	}

	@Schema(description = "A line item")
	public record Item(@Schema(example = "SHOE-42") @Size(max = 128) String sku,
			@Schema(example = "shoes") @Size(max = 128) String collection, @PositiveOrZero Integer quantity,
			@DecimalMin("0") @Amount BigDecimal unitPrice, Boolean newArrival) {

		public Item {
			unitPrice = asWritten(unitPrice);
		}

	}

	@Schema(description = "An event")
	public record Event(
			@Schema(example = "email_open", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull EventType type,
			@Schema(example = "2026-10-20T08:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Instant occurredAt,
			@Schema(description = "An email_open pre-fetched by Apple Mail Privacy Protection") Boolean appleMpp) {

		public boolean mpp() {
			return this.type == EventType.EMAIL_OPEN && Boolean.TRUE.equals(this.appleMpp);
		}

	}

	/**
	 * The derived facts, aggregated by the caller as of {@code asOf}. Windows are those of the
	 * thresholds file (recent engagement, abandoned cart, curious prospect).
	 */
	@Schema(description = "Pre-aggregated facts as of asOf, for callers that do not keep raw history")
	public record Summary(@PositiveOrZero Integer orderCount, @DecimalMin("0") @Amount BigDecimal totalSpent,
			@PositiveOrZero Integer daysSinceLastOrder, @PositiveOrZero Integer daysSinceFirstOrder,
			@PositiveOrZero Integer discountedOrders, @PositiveOrZero Integer newArrivalOrders,
			@PositiveOrZero Integer engagementCount90d, @PositiveOrZero Integer engagementCountLifetime,
			@PositiveOrZero Integer daysSinceLastEngagement, @PositiveOrZero Integer intentSignals90d,
			@PositiveOrZero Integer cartActions90d, @PositiveOrZero Integer daysSinceLastSiteVisit,
			@PositiveOrZero Integer emailOpens90d, @PositiveOrZero Integer mppOpens90d, Boolean abandonedCheckout) {

		/** Counts left out are zero; "days since" left out are absent (it never happened). */
		public Summary {
			orderCount = zeroIfNull(orderCount);
			totalSpent = (totalSpent != null) ? asWritten(totalSpent) : BigDecimal.ZERO;
			discountedOrders = zeroIfNull(discountedOrders);
			newArrivalOrders = zeroIfNull(newArrivalOrders);
			engagementCount90d = zeroIfNull(engagementCount90d);
			engagementCountLifetime = zeroIfNull(engagementCountLifetime);
			intentSignals90d = zeroIfNull(intentSignals90d);
			cartActions90d = zeroIfNull(cartActions90d);
			emailOpens90d = zeroIfNull(emailOpens90d);
			mppOpens90d = zeroIfNull(mppOpens90d);
			abandonedCheckout = Boolean.TRUE.equals(abandonedCheckout);
		}

		private static Integer zeroIfNull(Integer value) {
			return (value != null) ? value : 0;
		}

	}

	/**
	 * An amount printed with more decimals than it has, as databases print {@code numeric(19,8)}
	 * columns ({@code 100.00000000}), keeps only the decimals it has (two at least, as amounts are
	 * written): the limit of six decimals is on what an amount says, not on how it was printed.
	 */
	static BigDecimal asWritten(BigDecimal amount) {
		if (amount == null || amount.scale() <= 6) {
			return amount;
		}
		BigDecimal stripped = amount.stripTrailingZeros();
		return stripped.setScale(Math.max(stripped.scale(), 2));
	}

}
