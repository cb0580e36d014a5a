package io.personaengine.decisions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.personaengine.facts.CustomerFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DecisionEngineTests {

	/** Enough for two full executions and a part of a third. */
	private static final int CUSTOMERS = 2 * DecisionEngine.EXECUTION_SIZE + 37;

	@Test
	void batchSpanningSeveralExecutionsIsDecidedAsEachCustomerAloneInItsOrder() {
		List<CustomerFacts> customers = BenchmarkCustomers.customers(RealRules.RULES, CUSTOMERS, 11);
		List<Decision> alone = new ArrayList<>();
		for (CustomerFacts customer : customers) {
			alone.addAll(DecisionEngine.decide(RealRules.RULES, List.of(customer)));
		}

		List<Decision> together = DecisionEngine.decide(RealRules.RULES, customers);

		assertThat(together).hasSize(CUSTOMERS).isEqualTo(alone);
		assertThat(together).extracting(Decision::customerId)
			.containsExactlyElementsOf(customers.stream().map(CustomerFacts::getCustomerId).toList());
	}

	@Test
	void batchOfOneExecutionIsDecidedAsEachCustomerAlone() {
		List<CustomerFacts> customers = BenchmarkCustomers.customers(RealRules.RULES, DecisionEngine.EXECUTION_SIZE, 12);
		List<Decision> alone = new ArrayList<>();
		for (CustomerFacts customer : customers) {
			alone.addAll(DecisionEngine.decide(RealRules.RULES, List.of(customer)));
		}

		assertThat(DecisionEngine.decide(RealRules.RULES, customers)).isEqualTo(alone);
	}

	@Test
	void timeoutNamesEveryCustomerOfTheCallNotOnlyThoseOfOneExecution() {
		List<CustomerFacts> customers = BenchmarkCustomers.customers(RealRules.RULES, CUSTOMERS, 13);

		assertThatExceptionOfType(DecisionTimeoutException.class)
			.isThrownBy(() -> DecisionEngine.decide(RealRules.RULES, customers, Deadline.in(Duration.ofNanos(1))))
			.satisfies((ex) -> assertThat(ex.customers()).isEqualTo(CUSTOMERS))
			.withMessageContaining("did not finish deciding " + CUSTOMERS + " customers");
	}

}
