package io.personaengine.decisions;

import java.util.ArrayList;
import java.util.List;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.Thresholds;

/**
 * The personas of PERSONAS.md section 3 and their campaign actions, written as plain Java
 * if/else: the limit the rules engine is measured against. It produces the same kind of
 * {@link Decision} (every matched persona with its reason, the primary one, consent-filtered
 * recommendations), but no segments, no segment actions and no guards: the rule base does more,
 * so the ratio it gives flatters the baseline, not Drools.
 */
final class HandWrittenPersonas {

	private final Thresholds t;

	HandWrittenPersonas(Thresholds thresholds) {
		this.t = thresholds;
	}

	Decision decide(CustomerFacts c, String version) {
		List<Decision.Match> matches = new ArrayList<>(4);
		int orders = c.getOrderCount();
		Integer lastOrder = c.getDaysSinceLastOrder();
		boolean bought = orders > 0 && lastOrder != null;
		boolean recent = bought && lastOrder <= this.t.getRecentPurchaseDays();
		boolean lapsed = bought && lastOrder > this.t.getRecentPurchaseDays()
				&& lastOrder <= this.t.getLapsedPurchaseMaxDays();
		boolean gone = !bought || lastOrder > this.t.getLapsedPurchaseMaxDays();
		boolean frequent = orders >= this.t.getFrequentPurchaseCount();
		boolean high = c.isHighValue();
		Integer lastEngagement = c.getDaysSinceLastEngagement();
		boolean engagedRecently = lastEngagement != null && lastEngagement <= this.t.getRecentEngagementDays();
		String aov = this.t.getHighValueAov().toString();
		if (recent && frequent) {
			matches.add(new Decision.Match(high ? "HIGH_ROLLER" : "BRAND_ENTHUSIAST", "last order " + lastOrder
					+ " days ago, " + orders + " order(s), average order " + (high ? "at or above " : "below ") + aov));
		}
		if (recent && !frequent) {
			matches.add(new Decision.Match(high ? "POTENTIAL_HIGH_ROLLER" : "POTENTIAL_BRAND_ENTHUSIAST", "last order "
					+ lastOrder + " days ago, only " + orders + " order(s), average order "
					+ (high ? "at or above " : "below ") + aov));
		}
		if (lapsed && frequent) {
			matches.add(new Decision.Match(high ? "LAPSED_HIGH_ROLLER" : "LAPSED_ENTHUSIAST", "no order for " + lastOrder
					+ " days, " + orders + " order(s), average order " + (high ? "at or above " : "below ") + aov));
		}
		if (lapsed && !frequent && high) {
			matches.add(new Decision.Match("ONE_HIT_WONDER", "no order for " + lastOrder + " days, only " + orders
					+ " order(s), average order at or above " + aov));
		}
		if (lapsed && !frequent && !high && lastOrder >= this.t.getPassingThroughMinDays()) {
			matches.add(new Decision.Match("JUST_PASSING_THROUGH", "no order for " + lastOrder + " days (at least "
					+ this.t.getPassingThroughMinDays() + "), only " + orders + " order(s), average order below " + aov));
		}
		if (orders == 0) {
			if (c.getIntentSignals90d() >= 1) {
				matches.add(new Decision.Match("WINDOW_SHOPPER", "never ordered, " + c.getIntentSignals90d()
						+ " product views, carts or checkouts in the last " + this.t.getRecentEngagementDays() + " days"));
			}
			if (c.getEngagementCount90d() >= this.t.getFrequentEngagementCount()) {
				matches.add(new Decision.Match("ALMOST_THERE", "never ordered, " + c.getEngagementCount90d()
						+ " engagements in the last " + this.t.getRecentEngagementDays() + " days"));
			}
			else if (engagedRecently) {
				matches.add(new Decision.Match("WAITING_FOR_THE_WOW", "never ordered, engaged " + lastEngagement
						+ " days ago but only " + c.getEngagementCount90d() + " times in the last "
						+ this.t.getRecentEngagementDays() + " days"));
			}
		}
		if (bought && lastOrder > this.t.getRecentPurchaseDays() && engagedRecently) {
			matches.add(new Decision.Match("ESPRESSO_SHOT",
					"no order for " + lastOrder + " days but engaged " + lastEngagement + " days ago"));
		}
		if (gone && !engagedRecently) {
			if (c.getEngagementCountLifetime() >= this.t.getFrequentEngagementCount()) {
				matches.add(new Decision.Match("FALSE_START", "no order within " + this.t.getLapsedPurchaseMaxDays()
						+ " days, " + c.getEngagementCountLifetime() + " engagements in all but none in the last "
						+ this.t.getRecentEngagementDays() + " days"));
			}
			matches.add(new Decision.Match("DEAD_WEIGHT", "no order within " + this.t.getLapsedPurchaseMaxDays()
					+ " days and no engagement in the last " + this.t.getRecentEngagementDays() + " days"));
		}
		if (matches.isEmpty()) {
			matches.add(new Decision.Match("UNCLASSIFIED", "no persona rule matched: add a rule for customers like this one"));
		}
		String primary = matches.get(0).id();
		List<Decision.RecommendedAction> actions = new ArrayList<>(4);
		switch (primary) {
			case "HIGH_ROLLER" -> {
				recommend(actions, c, "VIP_PERKS", "EMAIL", 1, primary, "keep them: VIP perks and exclusivity for the best customers", null);
				recommend(actions, c, "VIP_PERKS", "SMS", 1, primary, "keep them: VIP perks and exclusivity for the best customers", null);
				recommend(actions, c, "EARLY_ACCESS", "EMAIL", 2, primary, "keep them: early access to launches and sales", null);
				recommend(actions, c, "EXCLUDE_FROM_DISCOUNTS", "ALL", 1, primary, "no aggressive discounts: they buy at full value already", null);
			}
			case "BRAND_ENTHUSIAST" -> {
				recommend(actions, c, "CROSS_SELL", "EMAIL", 1, primary, "raise AOV: related and complementary products", null);
				recommend(actions, c, "VOLUME_DISCOUNT", "EMAIL", 2, primary, "raise AOV: volume-based discounts", null);
				recommend(actions, c, "VOLUME_DISCOUNT", "SMS", 2, primary, "raise AOV: volume-based discounts", null);
			}
			case "POTENTIAL_HIGH_ROLLER" -> {
				recommend(actions, c, "VIP_PERKS_PREVIEW", "EMAIL", 1, primary, "raise frequency: show the VIP perks a few more orders would unlock", null);
				recommend(actions, c, "RELATED_PRODUCTS", "EMAIL", 2, primary, "raise frequency: products related to what they bought", null);
				recommend(actions, c, "REPLENISHMENT_FLOW", "EMAIL", 2, primary, "raise frequency: remind them when it is time to reorder", null);
			}
			case "POTENTIAL_BRAND_ENTHUSIAST" -> {
				recommend(actions, c, "BESTSELLERS", "EMAIL", 1, primary, "strike while hot: bestsellers and popular products", null);
				recommend(actions, c, "BESTSELLERS", "PAID_SOCIAL", 2, primary, "strike while hot: bestsellers and popular products", null);
				recommend(actions, c, "RELATED_PRODUCTS", "EMAIL", 2, primary, "strike while hot: products related to their first orders", null);
			}
			case "LAPSED_HIGH_ROLLER" -> {
				recommend(actions, c, "WINBACK_NEW_ARRIVALS_OFFER", "EMAIL", 1, primary, "win back with what is new since their last purchase plus a special offer", null);
				recommend(actions, c, "WINBACK_NEW_ARRIVALS_OFFER", "SMS", 1, primary, "win back with what is new since their last purchase plus a special offer", null);
			}
			case "LAPSED_ENTHUSIAST" -> recommend(actions, c, "WINBACK_CAMPAIGN", "EMAIL", 1, primary, "win-back campaign; watch open rates", null);
			case "ONE_HIT_WONDER" -> winbackTest(actions, c, primary, this.t.getWinbackShareOneHitWonder());
			case "JUST_PASSING_THROUGH" -> winbackTest(actions, c, primary, this.t.getWinbackShareJustPassingThrough());
			case "FALSE_START" -> winbackTest(actions, c, primary, this.t.getWinbackShareFalseStart());
			case "WINDOW_SHOPPER" -> {
				recommend(actions, c, "SOCIAL_PROOF", "EMAIL", 1, primary, "social proof: reviews and customer posts for what they looked at", null);
				recommend(actions, c, "SOCIAL_PROOF", "PAID_SOCIAL", 2, primary, "social proof: reviews and customer posts for what they looked at", null);
			}
			case "ALMOST_THERE" -> {
				recommend(actions, c, "FIRST_PURCHASE_NUDGE", "EMAIL", 1, primary, "nudge to a first purchase: remind what they miss, sell value, incentive only as a last resort", null);
				recommend(actions, c, "FIRST_PURCHASE_NUDGE", "SMS", 2, primary, "nudge to a first purchase: remind what they miss, sell value, incentive only as a last resort", null);
			}
			case "WAITING_FOR_THE_WOW" -> {
				recommend(actions, c, "LIMITED_TIME_OFFER", "EMAIL", 1, primary, "too good to miss: a time-limited offer", null);
				recommend(actions, c, "LIMITED_TIME_OFFER", "SMS", 2, primary, "too good to miss: a time-limited offer", null);
			}
			case "ESPRESSO_SHOT" -> {
				recommend(actions, c, "LAUNCH_REMINDER", "EMAIL", 1, primary, "a reminder a few days after a launch or sale", null);
				recommend(actions, c, "LAUNCH_REMINDER", "SMS", 2, primary, "a reminder a few days after a launch or sale", null);
			}
			case "DEAD_WEIGHT" -> recommend(actions, c, "SUPPRESS", "ALL", 1, primary, "suppress: remove from sends (list cleaning)", null);
			default -> {
			}
		}
		return new Decision(c.getCustomerId(), c.getAsOf(), primary, matches, List.of(), actions, List.of(), version,
				Decision.DerivedFacts.of(c));
	}

	private void winbackTest(List<Decision.RecommendedAction> actions, CustomerFacts c, String persona, double share) {
		recommend(actions, c, "WINBACK_TEST", "EMAIL", 1, persona, "win-back test on " + Math.round(share * 100)
				+ "% of the segment (at least " + this.t.getWinbackSampleMin() + ")", share);
	}

	private static void recommend(List<Decision.RecommendedAction> actions, CustomerFacts c, String action,
			String channel, int priority, String source, String rationale, Double share) {
		if (("EMAIL".equals(channel) && !c.isEmailConsent()) || ("SMS".equals(channel) && !c.isSmsConsent())) {
			return;
		}
		actions.add(new Decision.RecommendedAction(action, channel, priority, source, rationale, share));
	}

}
