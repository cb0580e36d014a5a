package io.personaengine.decisions;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerInput.Summary;
import io.personaengine.facts.FactDeriver;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetLoader;

/** The shipped {@code rules/} folder, built once with the real KIE build, for tests that fire it. */
public final class RealRules {

	public static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

	public static final RuleSet RULES = new RuleSetLoader(Clock.systemUTC()).load(Path.of("rules"));

	private RealRules() {
	}

	public static Decision decide(CustomerInput input) {
		return decideAll(List.of(input)).get(0);
	}

	public static List<Decision> decideAll(List<CustomerInput> inputs) {
		List<CustomerFacts> facts = inputs.stream().map((input) -> FactDeriver.derive(input, RULES.thresholds(), AS_OF)).toList();
		return DecisionEngine.decide(RULES, facts);
	}

	public static SummaryCustomer summary(String id) {
		return new SummaryCustomer(id);
	}

	/** A customer described by pre-aggregated facts, everything zero or absent unless set. */
	public static final class SummaryCustomer {

		private final String id;

		private Profile profile = new Profile("GB", true, true, true, false);

		private int orderCount;

		private BigDecimal totalSpent = BigDecimal.ZERO;

		private Integer daysSinceLastOrder;

		private Integer daysSinceFirstOrder;

		private int discountedOrders;

		private int newArrivalOrders;

		private int engagementCount90d;

		private int engagementCountLifetime;

		private Integer daysSinceLastEngagement;

		private int intentSignals90d;

		private int cartActions90d;

		private Integer daysSinceLastSiteVisit;

		private int emailOpens90d;

		private int mppOpens90d;

		private boolean abandonedCheckout;

		SummaryCustomer(String id) {
			this.id = id;
		}

		/** {@code count} orders worth {@code total} in all, the last {@code daysAgo} days ago. */
		public SummaryCustomer orders(int count, String total, int daysAgo) {
			this.orderCount = count;
			this.totalSpent = new BigDecimal(total);
			this.daysSinceLastOrder = daysAgo;
			this.daysSinceFirstOrder = daysAgo + 30 * (count - 1);
			return this;
		}

		/** {@code recent} engagements in the window, {@code lifetime} in all, the last {@code daysAgo} days ago. */
		public SummaryCustomer engagements(int recent, int lifetime, int daysAgo) {
			this.engagementCount90d = recent;
			this.engagementCountLifetime = lifetime;
			this.daysSinceLastEngagement = daysAgo;
			return this;
		}

		public SummaryCustomer intentSignals(int count) {
			this.intentSignals90d = count;
			return this;
		}

		public SummaryCustomer discountedOrders(int count) {
			this.discountedOrders = count;
			return this;
		}

		public SummaryCustomer newArrivalOrders(int count) {
			this.newArrivalOrders = count;
			return this;
		}

		public SummaryCustomer cartActions(int count) {
			this.cartActions90d = count;
			return this;
		}

		public SummaryCustomer lastSiteVisit(int daysAgo) {
			this.daysSinceLastSiteVisit = daysAgo;
			return this;
		}

		public SummaryCustomer emailOpens(int all, int mpp) {
			this.emailOpens90d = all;
			this.mppOpens90d = mpp;
			return this;
		}

		public SummaryCustomer abandonedCheckout() {
			this.abandonedCheckout = true;
			return this;
		}

		public SummaryCustomer profile(Profile profile) {
			this.profile = profile;
			return this;
		}

		public CustomerInput build() {
			return new CustomerInput(this.id, AS_OF, this.profile, null, null,
					new Summary(this.orderCount, this.totalSpent, this.daysSinceLastOrder, this.daysSinceFirstOrder,
							this.discountedOrders, this.newArrivalOrders, this.engagementCount90d,
							this.engagementCountLifetime, this.daysSinceLastEngagement, this.intentSignals90d,
							this.cartActions90d, this.daysSinceLastSiteVisit, this.emailOpens90d, this.mppOpens90d,
							this.abandonedCheckout));
		}

		public Decision decide() {
			return RealRules.decide(build());
		}

	}

}
