package io.personaengine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.personaengine.rules.EndlessRecursion;
import io.personaengine.rules.ShippedRules;

/**
 * A copy of the shipped rules plus rules that take their time, chosen by customer id:
 * {@code slow-MS} spends MS milliseconds in one firing; {@code crawl-MS} spends MS milliseconds
 * per firing and re-triggers itself, so that only a time bound or the firing limit stops it;
 * {@code loop} starts a rule that re-triggers itself at full speed; {@code recount-MS} one that
 * re-triggers itself for that customer at full speed up to the firing limit, then spends MS
 * milliseconds per firing, so that only the recount that names the looping rule crawls;
 * {@code throw...} a rule that throws, {@code evalthrow...} one that throws in its eval,
 * {@code recurse...} one whose then part calls a function that calls itself without end. Called
 * from the rules, hence public.
 */
public final class SlowRules {

	static final String DRL = """
			package io.personaengine.rules;

			import io.personaengine.facts.CustomerFacts;
			import io.personaengine.api.SlowRules;
			import java.util.concurrent.atomic.AtomicInteger;
			import java.util.concurrent.atomic.AtomicLong;

			rule "TestTakesItsTime"
			    salience 1000
			when
			    $c : CustomerFacts( customerId.startsWith("slow-") )
			then
			    SlowRules.work($c.getCustomerId());
			end

			rule "TestCrawlsForever"
			    salience 1000
			when
			    $c : CustomerFacts( customerId.startsWith("crawl-") )
			then
			    SlowRules.work($c.getCustomerId());
			    update( $c );
			end

			rule "TestStartsALoop"
			when
			    CustomerFacts( customerId == "loop" )
			then
			    insert( new AtomicInteger() );
			end

			// Before any other rule, the slow ones included.
			rule "TestThrows"
			    salience 2000
			when
			    CustomerFacts( customerId.startsWith("throw") )
			then
			    throw new IllegalStateException("thrown by a rule for tests");
			end

			// Throws in its eval, where Drools names no rule.
			rule "TestThrowsInAnEval"
			when
			    $c : CustomerFacts( customerId.startsWith("evalthrow") )
			    eval( $c.getCustomerId().substring(100).isEmpty() )
			then
			end

			%s
			// Calls itself without end: the stack overflows in its then part.
			rule "TestCallsItselfWithoutEnd"
			when
			    CustomerFacts( customerId.startsWith("recurse") )
			then
			    depth(0);
			end

			function java.util.List asserted(CustomerFacts c) {
			    throw new AssertionError("asserted for " + c.getCustomerId());
			}

			// Its from calls a function that throws an Error: MVEL runs it without a trace of the rule.
			rule "TestAssertsInAFrom"
			when
			    $c : CustomerFacts( customerId.startsWith("fromassert") )
			    String() from asserted( $c )
			then
			end

			// Only this rule sees the counter, so the loop reaches the firing limit in milliseconds.
			rule "TestLoopsForever"
			when
			    $n : AtomicInteger()
			then
			    $n.incrementAndGet();
			    update( $n );
			end

			rule "TestStartsALoopForTheCustomer"
			when
			    CustomerFacts( customerId.startsWith("recount-") )
			then
			    insert( new AtomicLong() );
			end

			// Fires for the customer, so its firings count against that customer's limit.
			rule "TestLoopsSlowerPastTheLimit"
			when
			    $c : CustomerFacts( customerId.startsWith("recount-") )
			    $n : AtomicLong()
			then
			    SlowRules.slowerPastTheLimit($c.getCustomerId());
			    $n.incrementAndGet();
			    update( $n );
			end
			""".formatted(EndlessRecursion.FUNCTION);

	/** Firings of a slow or crawling rule begun so far: lets a test know a request is in the rules. */
	static final AtomicInteger started = new AtomicInteger();

	/**
	 * Firings of TestLoopsSlowerPastTheLimit so far, by customer, in every rules execution since
	 * the test that uses that customer began ({@link #uncounted}).
	 */
	private static final Map<String, AtomicInteger> pastTheLimit = new ConcurrentHashMap<>();

	private SlowRules() {
	}

	static Path folder() {
		try {
			Path rules = Files.createTempDirectory("slow-rules");
			ShippedRules.copyTo(rules, (file) -> !file.startsWith("tests/"));
			Files.writeString(rules.resolve("slow.drl"), DRL);
			return rules;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The line of {@code DRL} where {@code rule} is written, as the service names it: that of its name. */
	static int line(String rule) {
		String[] lines = DRL.split("\n", -1);
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].equals("rule \"" + rule + "\"")) {
				return i + 1;
			}
		}
		throw new IllegalArgumentException("no rule " + rule);
	}

	public static void work(String customerId) {
		started.incrementAndGet();
		park(customerId);
	}

	/**
	 * Forgets the firings counted for {@code customerId}: static, the count outlives a test, so a
	 * rerun in the same JVM would otherwise crawl from its first firing.
	 */
	static void uncounted(String customerId) {
		pastTheLimit.remove(customerId);
	}

	/** Nothing for the first 1,000 firings for {@code customerId}, then what {@link #work} does. */
	public static void slowerPastTheLimit(String customerId) {
		if (pastTheLimit.computeIfAbsent(customerId, (id) -> new AtomicInteger()).incrementAndGet() > 1_000) {
			park(customerId);
		}
	}

	/** Spends the milliseconds {@code customerId} names ("slow-200"). */
	private static void park(String customerId) {
		long millis = Long.parseLong(customerId.substring(customerId.indexOf('-') + 1));
		long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		// Parked again if woken early: the rule must really take this long.
		for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

}
