package io.personaengine.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerInput.Summary;
import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A summary must describe a customer that raw history could produce: values that contradict
 * one another are refused, naming the field, rather than decided on.
 */
class CustomerValidatorTests {

	static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

	static final CustomerValidator VALIDATOR = new CustomerValidator(
			Validation.buildDefaultValidatorFactory().getValidator(), CustomerValidator.Limits.DEFAULT);

	@Test
	void blankOrderIdIsRefusedNamingTheOrderAndNotTakenForADuplicate() {
		CustomerInput customer = new CustomerInput("c", AS_OF, null,
				List.of(order(""), order("   "), order(null), order(null), order("o-1")), null, null);
		assertThat(VALIDATOR.violations(customer, AS_OF)).containsExactly(
				new Violation("orders[0].id", "must not be blank; leave id out when the order has none"),
				new Violation("orders[1].id", "must not be blank; leave id out when the order has none"));
	}

	@Test
	void idRefusedIsNamedOnceAsCustomerIdAndABlankOneOnlyAsBlank() {
		assertThat(VALIDATOR.violations(new CustomerInput("42 ", AS_OF, null, null, null, null), AS_OF)).containsExactly(
				new Violation("customerId", "must not start or end with whitespace: '42 ' would be another customer than '42'"));
		assertThat(VALIDATOR.violations(new CustomerInput(" \t ", AS_OF, null, null, null, null), AS_OF))
			.extracting(Violation::reason)
			.containsExactly("must not be blank");
	}

	/** A megabyte's id with a space at its end was quoted twice: four megabytes of answer, a dead letter too large to send. */
	@Test
	void idTooLongIsRefusedForItsLengthAloneWithoutQuotingIt() {
		String id = "c".repeat(CustomerIds.MAX_LENGTH) + " ";
		assertThat(VALIDATOR.violations(new CustomerInput(id, AS_OF, null, null, null, null), AS_OF))
			.containsExactly(new Violation("customerId", "size must be between 0 and 128"));
		String longest = "c".repeat(CustomerIds.MAX_LENGTH - 1) + " ";
		assertThat(VALIDATOR.violations(new CustomerInput(longest, AS_OF, null, null, null, null), AS_OF)).extracting(Violation::reason)
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.startsWith("must not start or end with whitespace");
	}

	private static CustomerInput.Order order(String id) {
		return new CustomerInput.Order(id, AS_OF, BigDecimal.ONE, null, null, null);
	}

	@Test
	void nonBuyerWithNothingElseSaidIsConsistent() {
		assertThat(violations(new Builder())).isEmpty();
	}

	@Test
	void nonBuyerWhoSpentSomethingIsRefused() {
		assertThat(violations(new Builder().totalSpent("0.00"))).isEmpty();
		assertThat(violations(new Builder().totalSpent("0.01"))).containsExactly(
				new Violation("summary.totalSpent", "must be 0 when orderCount is 0"));
	}

	@Test
	void nonBuyerWithAFirstOrderIsRefused() {
		assertThat(violations(new Builder().daysSinceFirstOrder(5))).containsExactly(
				new Violation("summary.daysSinceFirstOrder", "must be absent when orderCount is 0"));
	}

	@Test
	void buyerWithSpendAndFirstOrderIsConsistent() {
		assertThat(violations(new Builder().orders(1).totalSpent("500").daysSinceLastOrder(5).daysSinceFirstOrder(5)))
			.isEmpty();
	}

	@Test
	void lastEngagementWithoutAnyEngagementIsRefused() {
		assertThat(violations(new Builder().daysSinceLastEngagement(2))).containsExactly(
				new Violation("summary.daysSinceLastEngagement", "must be absent when engagementCountLifetime is 0"));
		assertThat(violations(new Builder().engagementCountLifetime(1).daysSinceLastEngagement(2))).isEmpty();
	}

	@Test
	void cartActionsAreAtMostTheIntentSignalsTheyArePartOf() {
		assertThat(violations(new Builder().intentSignals90d(4).cartActions90d(4))).isEmpty();
		assertThat(violations(new Builder().intentSignals90d(4).cartActions90d(5))).containsExactly(
				new Violation("summary.cartActions90d", "must not exceed intentSignals90d"));
	}

	@Test
	void everyContradictionIsReportedAtOnce() {
		assertThat(violations(new Builder().totalSpent("10").daysSinceFirstOrder(3).daysSinceLastEngagement(1)
			.cartActions90d(1)))
			.extracting(Violation::field)
			.containsExactlyInAnyOrder("summary.totalSpent", "summary.daysSinceFirstOrder",
					"summary.daysSinceLastEngagement", "summary.cartActions90d");
	}

	private static List<Violation> violations(Builder summary) {
		CustomerInput input = new CustomerInput("c-1", AS_OF, new Profile("SE", true, true, true, false), null, null,
				summary.build());
		return VALIDATOR.violations(input, AS_OF);
	}

	private static final class Builder {

		int orders;

		BigDecimal totalSpent;

		Integer daysSinceLastOrder;

		Integer daysSinceFirstOrder;

		int engagementCountLifetime;

		Integer daysSinceLastEngagement;

		int intentSignals90d;

		int cartActions90d;

		Builder orders(int count) {
			this.orders = count;
			return this;
		}

		Builder totalSpent(String amount) {
			this.totalSpent = new BigDecimal(amount);
			return this;
		}

		Builder daysSinceLastOrder(int days) {
			this.daysSinceLastOrder = days;
			return this;
		}

		Builder daysSinceFirstOrder(int days) {
			this.daysSinceFirstOrder = days;
			return this;
		}

		Builder engagementCountLifetime(int count) {
			this.engagementCountLifetime = count;
			return this;
		}

		Builder daysSinceLastEngagement(int days) {
			this.daysSinceLastEngagement = days;
			return this;
		}

		Builder intentSignals90d(int count) {
			this.intentSignals90d = count;
			return this;
		}

		Builder cartActions90d(int count) {
			this.cartActions90d = count;
			return this;
		}

		Summary build() {
			return new Summary(this.orders, this.totalSpent, this.daysSinceLastOrder, this.daysSinceFirstOrder, null, null,
					null, this.engagementCountLifetime, this.daysSinceLastEngagement, this.intentSignals90d,
					this.cartActions90d, null, null, null, null);
		}

	}

}
