package io.personaengine.campaigns;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.Violation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Whether a win-back send is healthy (PERSONAS.md section 5, "Campaign guardrails"): open rate at
 * least 10 %, unsubscribe rate under 3 % and spam-complaint rate under 0.08 %, each over delivered
 * messages. Every check compares the counts themselves, never a rounded rate, so a send exactly at
 * a threshold is judged exactly; the rates shown are for people.
 */
@Schema(description = "The guardrail checks of a win-back send and the verdict")
public record CampaignHealth(
		@Schema(example = "ONE_HIT_WONDER") String segment,
		@Schema(example = "10000") long delivered,
		@Schema(description = "Opens the open rate is computed from: Apple MPP opens removed when asked", example = "800") long opensCounted,
		@Schema(description = "Whether Apple MPP opens were left out of opensCounted") boolean appleMppOpensExcluded,
		List<Check> checks,
		@Schema(description = "True only when every check passed") boolean healthy,
		@Schema(example = "UNHEALTHY: open rate 8.00 % is below 10.00 %") String verdict) {

	/** Spec default: the least share of delivered messages that must be opened. */
	public static final BigDecimal MIN_OPEN_RATE = new BigDecimal("0.10");

	/** Spec default: unsubscribes must stay below this share of delivered messages. */
	public static final BigDecimal MAX_UNSUBSCRIBE_RATE = new BigDecimal("0.03");

	/** Spec default: spam complaints must stay below this share of delivered messages. */
	public static final BigDecimal MAX_SPAM_COMPLAINT_RATE = new BigDecimal("0.0008");

	/** The only sends the guardrails are defined for. */
	public static final Set<String> WINBACK_SEGMENTS = Set.of("ONE_HIT_WONDER", "JUST_PASSING_THROUGH", "FALSE_START");

	private static final String WINBACK_LIST = "one of ONE_HIT_WONDER, JUST_PASSING_THROUGH, FALSE_START";

	static final int RATE_SCALE = 6;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/**
	 * Checks the counts against the guardrails.
	 * @throws InvalidInputException naming every field that is missing or inconsistent
	 */
	public static CampaignHealth of(CampaignCounts counts) {
		validate(counts);
		long delivered = counts.delivered();
		boolean exclude = counts.excludeAppleMppOpens();
		long opens = exclude ? counts.opens() - counts.appleMppOpens() : counts.opens();
		List<Check> checks = List.of(Check.atLeast(Check.OPEN_RATE, opens, delivered, MIN_OPEN_RATE),
				Check.below(Check.UNSUBSCRIBE_RATE, counts.unsubscribes(), delivered, MAX_UNSUBSCRIBE_RATE),
				Check.below(Check.SPAM_COMPLAINT_RATE, counts.spamComplaints(), delivered, MAX_SPAM_COMPLAINT_RATE));
		boolean healthy = checks.stream().allMatch(Check::passed);
		String verdict = healthy ? "HEALTHY: " + describe(checks, false) : "UNHEALTHY: " + describe(checks, true);
		return new CampaignHealth(counts.segment(), delivered, opens, exclude, checks, healthy, verdict);
	}

	private static String describe(List<Check> checks, boolean failuresOnly) {
		return checks.stream()
			.filter((check) -> !failuresOnly || !check.passed())
			.map(Check::describe)
			.collect(Collectors.joining("; "));
	}

	private static void validate(CampaignCounts counts) {
		if (counts == null) {
			throw new InvalidInputException(List.of(new Violation("", "the campaign counts are required")));
		}
		List<Violation> violations = new ArrayList<>();
		if (counts.delivered() == null) {
			violations.add(new Violation("delivered", "is required"));
		}
		else if (counts.delivered() <= 0) {
			violations.add(new Violation("delivered", "must be greater than 0: rates are over delivered messages"));
		}
		requireCount(violations, "opens", counts.opens());
		if (counts.excludeAppleMppOpens() && counts.appleMppOpens() == null) {
			violations.add(new Violation("appleMppOpens", "is required when excludeAppleMppOpens is true"));
		}
		else if (counts.appleMppOpens() != null && counts.appleMppOpens() < 0) {
			violations.add(new Violation("appleMppOpens", "must be 0 or more"));
		}
		requireCount(violations, "unsubscribes", counts.unsubscribes());
		requireCount(violations, "spamComplaints", counts.spamComplaints());
		notAbove(violations, "opens", counts.opens(), "delivered", counts.delivered());
		notAbove(violations, "appleMppOpens", counts.appleMppOpens(), "opens", counts.opens());
		notAbove(violations, "unsubscribes", counts.unsubscribes(), "delivered", counts.delivered());
		notAbove(violations, "spamComplaints", counts.spamComplaints(), "delivered", counts.delivered());
		// The verdict is about a win-back send: without knowing which, it would be about any send.
		if (counts.segment() == null) {
			violations.add(new Violation("segment", "is required: the win-back persona the send went to, " + WINBACK_LIST));
		}
		else if (!WINBACK_SEGMENTS.contains(counts.segment())) {
			violations.add(new Violation("segment", "'" + abbreviate(counts.segment())
					+ "' is not a win-back persona, the only sends guardrails are defined for: expected " + WINBACK_LIST));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
	}

	/** The caller's text in a reason: enough to recognise it, never the whole of a huge value. */
	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

	private static void requireCount(List<Violation> violations, String field, Long value) {
		if (value == null) {
			violations.add(new Violation(field, "is required"));
		}
		else if (value < 0) {
			violations.add(new Violation(field, "must be 0 or more"));
		}
	}

	/** Only between counts that are themselves valid, so one mistake is reported once. */
	private static void notAbove(List<Violation> violations, String field, Long value, String limitField, Long limit) {
		if (value != null && limit != null && value >= 0 && limit >= 0 && value > limit) {
			violations.add(new Violation(field, "must not exceed " + limitField));
		}
	}

	/** One guardrail: the rate (a fraction, truncated to 6 places), its threshold and whether it held. */
	@Schema(description = "One guardrail check")
	public record Check(@Schema(example = "openRate") String metric,
			@Schema(description = "The rate as a fraction of delivered, truncated to 6 decimal places", example = "0.08") BigDecimal value,
			@Schema(example = "0.10") BigDecimal threshold,
			@Schema(description = "How value must compare to threshold to pass", allowableValues = { ">=", "<" }) String comparison,
			boolean passed) {

		public static final String OPEN_RATE = "openRate";

		public static final String UNSUBSCRIBE_RATE = "unsubscribeRate";

		public static final String SPAM_COMPLAINT_RATE = "spamComplaintRate";

		static Check atLeast(String metric, long count, long delivered, BigDecimal threshold) {
			return new Check(metric, rate(count, delivered), threshold, ">=", compare(count, delivered, threshold) >= 0);
		}

		static Check below(String metric, long count, long delivered, BigDecimal threshold) {
			return new Check(metric, rate(count, delivered), threshold, "<", compare(count, delivered, threshold) < 0);
		}

		/** count / delivered against threshold, exactly: count against threshold × delivered. */
		private static int compare(long count, long delivered, BigDecimal threshold) {
			return BigDecimal.valueOf(count).compareTo(threshold.multiply(BigDecimal.valueOf(delivered)));
		}

		/**
		 * Truncated rather than rounded: the thresholds have at most 6 places, so a truncated rate is on
		 * the same side of its threshold as the exact one and never contradicts {@code passed}.
		 */
		private static BigDecimal rate(long count, long delivered) {
			return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(delivered), RATE_SCALE, RoundingMode.DOWN).stripTrailingZeros();
		}

		String describe() {
			String value = percent(this.value) + " %";
			String threshold = percent(this.threshold) + " %";
			String label = switch (this.metric) {
				case OPEN_RATE -> "open rate";
				case UNSUBSCRIBE_RATE -> "unsubscribe rate";
				case SPAM_COMPLAINT_RATE -> "spam-complaint rate";
				default -> this.metric;
			};
			if (this.comparison.equals(">=")) {
				return label + " " + value + (this.passed ? " is at least " : " is below ") + threshold;
			}
			return label + " " + value + (this.passed ? " is below " : " is at or above ") + threshold;
		}

		/** Truncated too, for the same reason: 9.9999 % must not read as 10.00 %. */
		private static String percent(BigDecimal fraction) {
			return fraction.multiply(HUNDRED).setScale(2, RoundingMode.DOWN).toPlainString();
		}

	}

}
