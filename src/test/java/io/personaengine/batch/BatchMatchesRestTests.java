package io.personaengine.batch;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.decisions.RealRules;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerInput.Event;
import io.personaengine.facts.CustomerInput.Order;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.EventType;
import io.personaengine.facts.FactDeriver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer imported from files is decided exactly as the same history sent to the REST API. */
class BatchMatchesRestTests {

	static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

	@Test
	void importedCustomersAreDecidedAsTheRestApiDecidesTheSameHistory() throws IOException {
		Map<String, Decision> batch = new HashMap<>();
		Segmentation.run(RealRules.RULES, input("orders.csv"), Segmentation.OrdersFormat.ORDERS, input("events.csv"),
				input("customers.csv"), new Segmentation.Options(AS_OF, null, "winback", AS_OF), Progress.silent(),
				(decision) -> batch.put(decision.customerId(), decision));

		CustomerInput c1 = new CustomerInput("c1", AS_OF, new Profile("GB", true, false, true, true),
				List.of(order("o1", "2011-11-20T10:00:00Z", "150.00", null), order("o2", "2011-10-01T10:00:00Z", "200.00", "SAVE10"),
						order("o3", "2011-09-01T00:00:00Z", "250.00", null)),
				List.of(), null);
		CustomerInput c2 = new CustomerInput("c2", AS_OF, new Profile("SE", true, true, true, false),
				List.of(order("o4", "2011-03-01T00:00:00Z", "40.00", null)),
				List.of(new Event(EventType.EMAIL_CLICK, Instant.parse("2011-12-01T00:00:00Z"), false)), null);
		CustomerInput c8 = new CustomerInput("c8", AS_OF, new Profile("SE", true, true, false, false), List.of(),
				List.of(new Event(EventType.SITE_VISIT, Instant.parse("2011-12-05T00:00:00Z"), null)), null);
		for (CustomerInput customer : List.of(c1, c2, c8)) {
			Decision rest = DecisionEngine.decide(RealRules.RULES,
					List.of(FactDeriver.derive(customer, RealRules.RULES.thresholds(), AS_OF))).get(0);
			assertThat(batch.get(customer.customerId())).as(customer.customerId())
				.usingRecursiveComparison()
				.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
				.isEqualTo(rest);
		}
	}

	static Order order(String id, String placedAt, String total, String code) {
		return new Order(id, Instant.parse(placedAt), new BigDecimal(total), code, null, List.of());
	}

	static Segmentation.Input input(String name) throws IOException {
		Path path = Path.of("src/test/resources/imports/" + name);
		return new Segmentation.Input(name, Files.size(path), () -> Files.newInputStream(path));
	}

}
