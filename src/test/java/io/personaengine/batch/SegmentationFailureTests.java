package io.personaengine.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.ShippedRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A segmentation whose rules fail: what it reports, and within which bound. */
class SegmentationFailureTests {

	static final Instant AS_OF = Instant.parse("2011-12-10T00:00:00Z");

	/**
	 * For c2, a rule that throws before any other rule fires; for c1, one that takes 10 ms per
	 * firing and re-triggers itself, which only the firing limit stops, about 10 s later; for c0,
	 * another rule that throws: the catalogues and thresholds of rules/ without its rules.
	 */
	static final String RULES = """
			package io.personaengine.rules;

			import io.personaengine.facts.CustomerFacts;

			rule "ThrowsForC2"
			    salience 100
			when
			    CustomerFacts( customerId == "c2" )
			then
			    throw new IllegalStateException("thrown for c2");
			end

			rule "CrawlsForC1"
			when
			    $c : CustomerFacts( customerId == "c1" )
			then
			    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
			    update( $c );
			end

			rule "AlsoThrowsForC0"
			when
			    CustomerFacts( customerId == "c0" )
			then
			    throw new IllegalStateException("thrown for c0");
			end
			""";

	static RuleSet rules;

	@BeforeAll
	static void rules(@TempDir Path folder) throws IOException {
		rules = ShippedRules.only(folder, "failing.drl", RULES);
	}

	/**
	 * The rule throws for c2 while c1 and c2 are decided together; to name the first customer it
	 * throws for, each is decided alone, and c1 alone crawls. That search is held to the run's
	 * deadline: past it, the failure is reported naming the rule but no customer. It decided c1
	 * alone without a bound, then reported c1's loop instead.
	 */
	@Test
	void ruleThatThrowsIsReportedWithinTheRunsDeadlineWithoutItsCustomerWhenFindingThemTakesLonger() {
		Segmentation.Options options = new Segmentation.Options(AS_OF, null, "seed", Deadline.in(Duration.ofSeconds(1)),
				Instant.now());
		long start = System.nanoTime();
		assertThatExceptionOfType(RuleFailedException.class).isThrownBy(() -> segment(options, "c1", "c2"))
			.withMessageContaining("failing.drl:5: rule \"ThrowsForC2\" failed in its then part while segmenting: "
					+ "IllegalStateException: thrown for c2");
		long millis = (System.nanoTime() - start) / 1_000_000;
		// The bound is 1 s; the rest is a margin for a loaded machine, well short of c1's 10 s alone.
		assertThat(millis).as("reported after %d ms", millis).isLessThan(5_000);
	}

	/**
	 * The customer named is the first the rule that failed throws for: c0, before it in the
	 * export, fails for another rule, which is not what stopped the run. It named c0 with that rule.
	 */
	@Test
	void ruleThatThrowsIsNamedWithTheFirstCustomerItThrowsForNotOneAnotherRuleThrowsFor() {
		Segmentation.Options options = new Segmentation.Options(AS_OF, null, "seed", Instant.now());
		assertThatExceptionOfType(RuleFailedException.class).isThrownBy(() -> segment(options, "c0", "c2"))
			.withMessageContaining("failing.drl:5: rule \"ThrowsForC2\" failed in its then part while deciding customer c2: "
					+ "IllegalStateException: thrown for c2");
	}

	/** {@code customers} segmented in this order, one order each. */
	private static void segment(Segmentation.Options options, String... customers) throws IOException {
		StringBuilder csv = new StringBuilder("customer_id,order_id,placed_at,total\n");
		for (String customer : customers) {
			csv.append(customer).append(",o-").append(customer).append(",2011-06-01T00:00:00Z,10\n");
		}
		byte[] orders = csv.toString().getBytes(StandardCharsets.UTF_8);
		Segmentation.run(rules, new Segmentation.Input("orders.csv", orders.length, () -> new java.io.ByteArrayInputStream(orders)),
				Segmentation.OrdersFormat.ORDERS, null, null, options, Progress.silent(), (decision) -> {
				});
	}

}
