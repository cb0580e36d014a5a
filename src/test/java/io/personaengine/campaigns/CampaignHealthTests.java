package io.personaengine.campaigns;

import java.math.BigDecimal;

import io.personaengine.campaigns.CampaignHealth.Check;
import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** PERSONAS.md section 5, "Campaign guardrails", with every threshold judged exactly at its boundary. */
class CampaignHealthTests {

	static final long DELIVERED = 10_000;

	@Test
	void openRateOfExactlyTenPercentPasses() {
		CampaignHealth health = health(1_000, 0, 0, 0, false);
		assertThat(check(health, Check.OPEN_RATE).passed()).isTrue();
		assertThat(check(health, Check.OPEN_RATE).value()).isEqualByComparingTo("0.1");
		assertThat(health.healthy()).isTrue();
	}

	@Test
	void oneOpenFewerThanTenPercentFails() {
		CampaignHealth health = health(999, 0, 0, 0, false);
		assertThat(check(health, Check.OPEN_RATE).passed()).isFalse();
		assertThat(health.healthy()).isFalse();
		assertThat(health.verdict()).isEqualTo("UNHEALTHY: open rate 9.99 % is below 10.00 %");
	}

	@Test
	void openRateJustUnderTenPercentFailsEvenWhereRoundingWouldShowTenPercent() {
		// 9 999 999 / 100 000 000 = 0.09999999: rounded to 6 places it would read 0.100000.
		CampaignHealth health = CampaignHealth.of(counts(100_000_000L, 9_999_999L, 0L, 0L, 0L, false));
		assertThat(check(health, Check.OPEN_RATE).passed()).isFalse();
		assertThat(check(health, Check.OPEN_RATE).value()).isLessThan(CampaignHealth.MIN_OPEN_RATE);
		assertThat(health.verdict()).contains("9.99 % is below 10.00 %");
	}

	@Test
	void unsubscribeRateOfExactlyThreePercentFails() {
		CampaignHealth health = health(2_000, 0, 300, 0, false);
		assertThat(check(health, Check.UNSUBSCRIBE_RATE).passed()).isFalse();
		assertThat(health.healthy()).isFalse();
		assertThat(health.verdict()).isEqualTo("UNHEALTHY: unsubscribe rate 3.00 % is at or above 3.00 %");
	}

	@Test
	void unsubscribeRateJustUnderThreePercentPasses() {
		CampaignHealth health = health(2_000, 0, 299, 0, false);
		assertThat(check(health, Check.UNSUBSCRIBE_RATE).passed()).isTrue();
		assertThat(health.healthy()).isTrue();
	}

	@Test
	void spamComplaintRateOfExactlyPointZeroEightPercentFails() {
		CampaignHealth health = health(2_000, 0, 0, 8, false);
		assertThat(check(health, Check.SPAM_COMPLAINT_RATE).passed()).isFalse();
		assertThat(check(health, Check.SPAM_COMPLAINT_RATE).value()).isEqualByComparingTo("0.0008");
		assertThat(health.verdict()).isEqualTo("UNHEALTHY: spam-complaint rate 0.08 % is at or above 0.08 %");
	}

	@Test
	void spamComplaintRateJustUnderPointZeroEightPercentPasses() {
		CampaignHealth health = health(2_000, 0, 0, 7, false);
		assertThat(check(health, Check.SPAM_COMPLAINT_RATE).passed()).isTrue();
		assertThat(health.healthy()).isTrue();
	}

	@Test
	void excludingAppleMppOpensTurnsAHealthySendUnhealthy() {
		CampaignHealth counted = health(1_200, 400, 0, 0, false);
		CampaignHealth excluded = health(1_200, 400, 0, 0, true);
		assertThat(counted.opensCounted()).isEqualTo(1_200);
		assertThat(counted.healthy()).isTrue();
		assertThat(excluded.opensCounted()).isEqualTo(800);
		assertThat(excluded.appleMppOpensExcluded()).isTrue();
		assertThat(check(excluded, Check.OPEN_RATE).value()).isEqualByComparingTo("0.08");
		assertThat(excluded.healthy()).isFalse();
		assertThat(excluded.verdict()).isEqualTo("UNHEALTHY: open rate 8.00 % is below 10.00 %");
	}

	@Test
	void appleMppOpensAreCountedUnlessExclusionIsAskedFor() {
		CampaignCounts counts = new CampaignCounts(DELIVERED, 1_200L, 400L, 0L, 0L, null, "ONE_HIT_WONDER");
		assertThat(CampaignHealth.of(counts).opensCounted()).isEqualTo(1_200);
	}

	@Test
	void oneFailingCheckMakesTheSendUnhealthyAndOnlyFailuresAreInTheVerdict() {
		CampaignHealth health = health(5_000, 0, 100, 8, false);
		assertThat(health.checks()).extracting(Check::passed).containsExactly(true, true, false);
		assertThat(health.healthy()).isFalse();
		assertThat(health.verdict()).startsWith("UNHEALTHY: spam-complaint rate").doesNotContain("open rate");
	}

	@Test
	void everyFailingCheckIsInTheVerdict() {
		CampaignHealth health = health(900, 0, 300, 8, false);
		assertThat(health.checks()).extracting(Check::passed).containsOnly(false);
		assertThat(health.verdict()).isEqualTo("UNHEALTHY: open rate 9.00 % is below 10.00 %; "
				+ "unsubscribe rate 3.00 % is at or above 3.00 %; spam-complaint rate 0.08 % is at or above 0.08 %");
	}

	@Test
	void healthySendListsEveryCheckWithItsThreshold() {
		CampaignHealth health = health(1_200, 0, 20, 3, false);
		assertThat(health.healthy()).isTrue();
		assertThat(health.checks()).extracting(Check::metric, Check::comparison, Check::threshold)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("openRate", ">=", new BigDecimal("0.10")),
					org.assertj.core.groups.Tuple.tuple("unsubscribeRate", "<", new BigDecimal("0.03")),
					org.assertj.core.groups.Tuple.tuple("spamComplaintRate", "<", new BigDecimal("0.0008")));
		assertThat(health.verdict()).isEqualTo("HEALTHY: open rate 12.00 % is at least 10.00 %; "
				+ "unsubscribe rate 0.20 % is below 3.00 %; spam-complaint rate 0.03 % is below 0.08 %");
	}

	@Test
	void countsNearLongMaxAreComparedWithoutOverflow() {
		long delivered = Long.MAX_VALUE;
		CampaignHealth health = CampaignHealth.of(counts(delivered, delivered, 0L, 0L, 0L, false));
		assertThat(health.healthy()).isTrue();
		assertThat(check(health, Check.OPEN_RATE).value()).isEqualByComparingTo("1");
	}

	@Test
	void deliveredMustBeAboveZero() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> CampaignHealth.of(counts(0L, 0L, 0L, 0L, 0L, false)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("delivered"));
	}

	@Test
	void countsMustNotExceedWhatTheyAreCountedAgainst() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> CampaignHealth.of(counts(100L, 101L, 102L, 101L, 101L, false)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field, Violation::reason)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("opens", "must not exceed delivered"),
						org.assertj.core.groups.Tuple.tuple("appleMppOpens", "must not exceed opens"),
						org.assertj.core.groups.Tuple.tuple("unsubscribes", "must not exceed delivered"),
						org.assertj.core.groups.Tuple.tuple("spamComplaints", "must not exceed delivered")));
	}

	@Test
	void missingAndNegativeCountsAreAllNamed() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> CampaignHealth.of(new CampaignCounts(null, -1L, -1L, -1L, 0L, false, null)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field)
				.containsExactly("delivered", "opens", "appleMppOpens", "unsubscribes", "segment"));
	}

	@Test
	void appleMppOpensAreRequiredOnlyWhenTheyAreExcluded() {
		assertThat(CampaignHealth.of(new CampaignCounts(DELIVERED, 1_200L, null, 0L, 0L, false, "ONE_HIT_WONDER")).opensCounted())
			.isEqualTo(1_200);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> CampaignHealth.of(new CampaignCounts(DELIVERED, 1_200L, null, 0L, 0L, true, "ONE_HIT_WONDER")))
			.satisfies((ex) -> assertThat(ex.violations()).containsExactly(
					new Violation("appleMppOpens", "is required when excludeAppleMppOpens is true")));
	}

	@Test
	void onlyTheWinBackPersonasHaveGuardrails() {
		assertThat(CampaignHealth.of(new CampaignCounts(DELIVERED, 1_000L, 0L, 0L, 0L, false, "FALSE_START")).segment())
			.isEqualTo("FALSE_START");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> CampaignHealth.of(new CampaignCounts(DELIVERED, 1_000L, 0L, 0L, 0L, false, "HIGH_ROLLER")))
			.satisfies((ex) -> assertThat(ex.violations()).containsExactly(new Violation("segment",
					"'HIGH_ROLLER' is not a win-back persona, the only sends guardrails are defined for: expected one of "
							+ "ONE_HIT_WONDER, JUST_PASSING_THROUGH, FALSE_START")));
	}

	@Test
	void aSendWithoutItsWinBackPersonaIsRefused() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> CampaignHealth.of(new CampaignCounts(DELIVERED, 1_000L, 0L, 0L, 0L, false, null)))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field, Violation::reason)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("segment", "is required: the win-back persona the send "
						+ "went to, one of ONE_HIT_WONDER, JUST_PASSING_THROUGH, FALSE_START")));
	}

	private static CampaignHealth health(long opens, long appleMppOpens, long unsubscribes, long spamComplaints,
			boolean excludeAppleMppOpens) {
		return CampaignHealth
			.of(counts(DELIVERED, opens, appleMppOpens, unsubscribes, spamComplaints, excludeAppleMppOpens));
	}

	private static CampaignCounts counts(long delivered, long opens, long appleMppOpens, long unsubscribes,
			long spamComplaints, boolean excludeAppleMppOpens) {
		return new CampaignCounts(delivered, opens, appleMppOpens, unsubscribes, spamComplaints, excludeAppleMppOpens,
				"ONE_HIT_WONDER");
	}

	private static Check check(CampaignHealth health, String metric) {
		return health.checks().stream().filter((check) -> check.metric().equals(metric)).findFirst().orElseThrow();
	}

}
