package io.personaengine.decisions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.facts.FactDeriver;
import io.personaengine.facts.Violation;
import io.personaengine.rules.RuleSet;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

/**
 * The customers the decision-core benchmarks ({@code src/jmh}) time: of every kind, as a
 * store's file would have them, the same for every run. Here rather than beside the benchmarks
 * so that {@code ./mvnw verify} checks them ({@code BenchmarkCustomersTests}).
 */
public final class BenchmarkCustomers {

	private BenchmarkCustomers() {
	}

	/**
	 * The customers' facts, once each customer has passed the service's own
	 * {@link CustomerValidator}: a benchmark must not time inputs the API would refuse, so this
	 * stops, naming what is wrong, if one does not pass.
	 */
	public static List<CustomerFacts> customers(RuleSet rules, int count, long seed) {
		List<CustomerInput> inputs = generate(count, seed);
		List<String> refused = refused(inputs);
		if (!refused.isEmpty()) {
			throw new IllegalStateException(refused.size() + " of the " + inputs.size()
					+ " generated customers would be refused by the API, e.g. " + refused.subList(0, Math.min(3, refused.size())));
		}
		return inputs.stream().map((input) -> FactDeriver.derive(input, rules.thresholds(), RealRules.AS_OF)).toList();
	}

	static List<CustomerInput> generate(int count, long seed) {
		Random random = new Random(seed);
		List<CustomerInput> inputs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			RealRules.SummaryCustomer customer = RealRules.summary("c-" + i)
				.profile(new Profile(random.nextBoolean() ? "GB" : "SE", random.nextInt(10) < 8, random.nextInt(10) < 4,
						true, random.nextBoolean()));
			int orders = (random.nextInt(10) < 3) ? 0 : 1 + random.nextInt(6);
			if (orders > 0) {
				customer.orders(orders, String.valueOf(orders * (40 + random.nextInt(120))), random.nextInt(500))
					.discountedOrders(random.nextInt(orders + 1));
			}
			// Every value is drawn as it was before the customers were validated, so that the
			// rest stay as they were; only what the validator refuses is left out or capped.
			if (random.nextInt(10) < 7) {
				int recent = random.nextInt(8);
				int lifetime = recent + random.nextInt(10);
				int daysAgo = random.nextInt(200);
				if (lifetime > 0) {
					customer.engagements(recent, lifetime, daysAgo);
				}
			}
			int intentSignals = random.nextInt(3);
			// Add-to-carts are intent signals too, so there are never more of them.
			customer.intentSignals(intentSignals)
				.cartActions(Math.min(random.nextInt(4), intentSignals))
				.emailOpens(random.nextInt(6), 0);
			if (random.nextInt(10) == 0) {
				customer.abandonedCheckout();
			}
			inputs.add(customer.build());
		}
		return inputs;
	}

	/** Each customer the API would refuse, with why. */
	static List<String> refused(List<CustomerInput> inputs) {
		try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
			CustomerValidator validator = new CustomerValidator(validation.getValidator(), CustomerValidator.Limits.DEFAULT);
			Instant now = Instant.now();
			List<String> refused = new ArrayList<>();
			for (CustomerInput input : inputs) {
				List<Violation> violations = validator.violations(input, now);
				if (!violations.isEmpty()) {
					refused.add(input.customerId() + " " + violations);
				}
			}
			return refused;
		}
	}

}
