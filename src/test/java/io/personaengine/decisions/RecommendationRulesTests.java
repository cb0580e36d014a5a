package io.personaengine.decisions;

import io.personaengine.facts.CustomerInput.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.personaengine.decisions.RealRules.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Section 5 of PERSONAS.md: actions per persona, and consent per channel. */
class RecommendationRulesTests {

	static final Profile FULL_CONSENT = new Profile("SE", true, true, true, false);

	static final Profile NO_CONSENT = new Profile("SE", false, false, false, false);

	static final Profile EMAIL_ONLY = new Profile("SE", true, false, false, false);

	@Test
	void highRollerGetsVipPerksByEmailAndSmsAndNoDiscounts() {
		Decision decision = summary("c").profile(FULL_CONSENT).orders(3, "450.00", 10).decide();
		assertThat(fromPersona(decision)).extracting(Decision.RecommendedAction::action, Decision.RecommendedAction::channel)
			.containsExactly(tuple("EXCLUDE_FROM_DISCOUNTS", "ALL"), tuple("VIP_PERKS", "EMAIL"), tuple("VIP_PERKS", "SMS"),
					tuple("EARLY_ACCESS", "EMAIL"));
		assertThat(decision.recommendations()).extracting(Decision.RecommendedAction::action).doesNotContain("DISCOUNT_CODE");
	}

	/** PERSONAS.md is silent on the two together; the README says both are kept (a choice). */
	@Test
	void highRollerWhoIsAlsoACouponCustomerKeepsTheExclusionFirstAndTheSegmentsCodes() {
		Decision decision = summary("c").profile(FULL_CONSENT).orders(3, "450.00", 10).discountedOrders(2).decide();
		assertThat(decision.persona()).isEqualTo("HIGH_ROLLER");
		assertThat(decision.recommendations())
			.extracting(Decision.RecommendedAction::action, Decision.RecommendedAction::channel,
					Decision.RecommendedAction::priority, Decision.RecommendedAction::source)
			.contains(tuple("EXCLUDE_FROM_DISCOUNTS", "ALL", 1, "HIGH_ROLLER"), tuple("DISCOUNT_CODE", "EMAIL", 2, "COUPON_CUSTOMER"),
					tuple("DISCOUNT_CODE", "SMS", 2, "COUPON_CUSTOMER"));
		assertThat(decision.recommendations().get(0).action()).isEqualTo("EXCLUDE_FROM_DISCOUNTS");
	}

	@Test
	void noEmailWithoutEmailConsentAndNoSmsWithoutSmsConsent() {
		Decision decision = summary("c").profile(NO_CONSENT).orders(3, "450.00", 10).decide();
		assertThat(decision.recommendations()).extracting(Decision.RecommendedAction::channel).containsOnly("ALL");
		assertThat(decision.firedRules()).contains("NoEmailWithoutEmailConsent", "NoSmsWithoutSmsConsent");
	}

	@Test
	void emailConsentAloneKeepsEmailButNotSms() {
		Decision decision = summary("c").profile(EMAIL_ONLY).orders(5, "250.00", 10).decide();
		assertThat(fromPersona(decision)).extracting(Decision.RecommendedAction::action, Decision.RecommendedAction::channel)
			.containsExactly(tuple("CROSS_SELL", "EMAIL"), tuple("VOLUME_DISCOUNT", "EMAIL"));
	}

	@Test
	void paidSocialNeedsNoConsent() {
		Decision decision = summary("c").profile(NO_CONSENT).intentSignals(1).decide();
		assertThat(decision.persona()).isEqualTo("WINDOW_SHOPPER");
		assertThat(fromPersona(decision)).extracting(Decision.RecommendedAction::action, Decision.RecommendedAction::channel)
			.containsExactly(tuple("SOCIAL_PROOF", "PAID_SOCIAL"));
	}

	@Test
	void deadWeightIsSuppressedWhateverTheConsent() {
		Decision decision = summary("c").profile(NO_CONSENT).decide();
		assertThat(fromPersona(decision)).extracting(Decision.RecommendedAction::action).containsExactly("SUPPRESS");
	}

	@ParameterizedTest(name = "{0} gets a win-back test on {1} of the segment")
	@CsvSource({ "ONE_HIT_WONDER, 0.5", "JUST_PASSING_THROUGH, 0.25", "FALSE_START, 0.1" })
	void winbackTestsCarryTheirSampleShare(String persona, double share) {
		RealRules.SummaryCustomer customer = switch (persona) {
			case "ONE_HIT_WONDER" -> summary("c").orders(1, "300.00", 150);
			case "JUST_PASSING_THROUGH" -> summary("c").orders(1, "20.00", 250);
			default -> summary("c").engagements(0, 5, 200);
		};
		Decision decision = customer.profile(FULL_CONSENT).decide();
		assertThat(decision.persona()).isEqualTo(persona);
		assertThat(fromPersona(decision)).singleElement().satisfies((r) -> {
			assertThat(r.action()).isEqualTo("WINBACK_TEST");
			assertThat(r.sampleShare()).isEqualTo(share);
			assertThat(r.rationale()).contains("at least 1000");
		});
	}

	@Test
	void unclassifiedGetsNoRecommendation() {
		assertThat(fromPersona(summary("c").profile(FULL_CONSENT).orders(2, "50.00", 150).decide())).isEmpty();
	}

	@Test
	void everyPersonasRecommendationsAreTheCataloguedDefaultActions() {
		RealRules.SummaryCustomer[] oneOfEach = { summary("c").orders(3, "450.00", 10), summary("c").orders(5, "250.00", 10),
				summary("c").orders(1, "150.00", 10), summary("c").orders(2, "80.00", 10), summary("c").orders(4, "800.00", 200),
				summary("c").orders(3, "90.00", 200), summary("c").orders(1, "300.00", 150), summary("c").orders(1, "20.00", 250),
				summary("c").intentSignals(1), summary("c").engagements(3, 3, 5), summary("c").engagements(1, 1, 5),
				summary("c").orders(1, "20.00", 150).engagements(1, 1, 10), summary("c").engagements(0, 5, 200), summary("c"),
				summary("c").orders(2, "50.00", 150) };
		var catalogue = RealRules.RULES.catalogue().personas();
		assertThat(oneOfEach).hasSameSizeAs(catalogue);
		for (int i = 0; i < oneOfEach.length; i++) {
			Decision decision = oneOfEach[i].profile(FULL_CONSENT).decide();
			assertThat(decision.persona()).isEqualTo(catalogue.get(i).id());
			assertThat(fromPersona(decision)).extracting(Decision.RecommendedAction::action)
				.as(decision.persona())
				.containsOnlyElementsOf(catalogue.get(i).defaultActions())
				.containsAll(catalogue.get(i).defaultActions());
		}
	}

	/** The recommendations the primary persona caused; segments add their own. */
	static java.util.List<Decision.RecommendedAction> fromPersona(Decision decision) {
		return decision.recommendations().stream().filter((r) -> r.source().equals(decision.persona())).toList();
	}

}
