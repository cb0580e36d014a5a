package io.personaengine.decisions;

import java.util.List;

import io.personaengine.facts.CustomerInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkCustomersTests {

	@Test
	void everyCustomerTheBenchmarksTimeIsOneTheApiTakes() {
		List<CustomerInput> inputs = BenchmarkCustomers.generate(1000, 42);
		assertThat(BenchmarkCustomers.refused(inputs)).isEmpty();
		assertThat(BenchmarkCustomers.customers(RealRules.RULES, 1000, 42)).hasSize(1000);
	}

	@Test
	void customersTheApiWouldRefuseAreNamed() {
		CustomerInput refused = RealRules.summary("bad-1").intentSignals(1).cartActions(2).build();
		assertThat(BenchmarkCustomers.refused(List.of(RealRules.summary("good-1").build(), refused))).singleElement()
			.asString()
			.startsWith("bad-1 ")
			.contains("summary.cartActions90d");
	}

	@Test
	void theSameSeedGivesTheSameCustomers() {
		assertThat(BenchmarkCustomers.generate(200, 7)).isEqualTo(BenchmarkCustomers.generate(200, 7));
	}

}
