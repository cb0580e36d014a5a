package io.personaengine.streaming;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many rules executions saw a customer, counted by test rules that call {@link #ran}: the
 * listener decides a record once with its poll and, if that fails, once alone, so each delivery
 * of a failing record is two runs, and one more for a loop, to name its rule. Called from the
 * rules, hence public.
 */
public final class RuleRuns {

	private static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private RuleRuns() {
	}

	public static void ran(String customerId) {
		runs.computeIfAbsent(customerId, (id) -> new AtomicInteger()).incrementAndGet();
	}

	static int of(String customerId) {
		AtomicInteger count = runs.get(customerId);
		return (count != null) ? count.get() : 0;
	}

}
