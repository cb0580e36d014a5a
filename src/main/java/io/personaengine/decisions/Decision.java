package io.personaengine.decisions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.personaengine.facts.CustomerFacts;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What Persona Engine answers for one customer: who they are, which segments they are in, what
 * to do, and why (the matches with their reasons, the rules that fired, the facts derived and the
 * rule-set version that decided).
 */
@Schema(description = "The decision for one customer")
public record Decision(@Schema(example = "c-1001") String customerId, Instant asOf,
		@Schema(description = "The primary persona: the first match in the documented order", example = "HIGH_ROLLER") String persona,
		@Schema(description = "Every persona whose condition holds, in order") List<Match> matchedPersonas,
		@Schema(description = "Every segment the customer is in") List<Match> segments,
		List<RecommendedAction> recommendations,
		@Schema(description = "The rules that fired for this customer, in firing order") List<String> firedRules,
		@Schema(description = "Content hash of the rule set that decided", example = "3f2a9c81d0b4") String ruleSetVersion,
		DerivedFacts facts) {

	/** A persona or segment that matched, and the reason its rule gave. */
	public record Match(String id, String reason) {
	}

	public record RecommendedAction(@Schema(example = "VIP_PERKS") String action,
			@Schema(example = "EMAIL", description = "EMAIL, SMS, PAID_SOCIAL, or ALL for actions that are not a message") String channel,
			@Schema(description = "1 first") int priority,
			@Schema(description = "The persona or segment that caused it", example = "HIGH_ROLLER") String source,
			String rationale,
			@Schema(description = "For a test on part of a segment: the share of it to include") Double sampleShare) {
	}

	/** The facts the rules saw (PERSONAS.md section 1). */
	public record DerivedFacts(String country, boolean emailConsent, boolean smsConsent, boolean trackingConsent,
			boolean newsletter, int orderCount, BigDecimal totalSpent, Integer daysSinceLastOrder,
			Integer daysSinceFirstOrder, boolean highValue, int discountedOrders, int newArrivalOrders,
			int engagementCount90d, int engagementCountLifetime, Integer daysSinceLastEngagement, int intentSignals90d,
			int cartActions90d, Integer daysSinceLastSiteVisit, int emailOpens90d, int mppOpens90d,
			boolean abandonedCheckout) {

		static DerivedFacts of(CustomerFacts f) {
			return new DerivedFacts(f.getCountry(), f.isEmailConsent(), f.isSmsConsent(), f.isTrackingConsent(),
					f.isNewsletter(), f.getOrderCount(), f.getTotalSpent(), f.getDaysSinceLastOrder(),
					f.getDaysSinceFirstOrder(), f.isHighValue(), f.getDiscountedOrders(), f.getNewArrivalOrders(),
					f.getEngagementCount90d(), f.getEngagementCountLifetime(), f.getDaysSinceLastEngagement(),
					f.getIntentSignals90d(), f.getCartActions90d(), f.getDaysSinceLastSiteVisit(), f.getEmailOpens90d(),
					f.getMppOpens90d(), f.isAbandonedCheckout());
		}

	}

}
