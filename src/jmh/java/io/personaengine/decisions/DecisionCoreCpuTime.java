package io.personaengine.decisions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetLoader;

/**
 * The decision core's CPU time per customer (the thread's own, not the wall clock): a figure
 * that holds on a machine other work shares, where JMH's wall-clock times swing. The same
 * customers and baseline as {@link DecisionCoreBenchmark}; prints the median of the last half
 * of the rounds. Arguments: rounds (40) and a rules folder ({@code rules}).
 */
public final class DecisionCoreCpuTime {

	private DecisionCoreCpuTime() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		RuleSet rules = new RuleSetLoader(Clock.systemUTC()).load(Path.of((args.length > 1) ? args[1] : "rules"));
		List<CustomerFacts> customers = BenchmarkCustomers.customers(rules, DecisionCoreBenchmark.BATCH, 42);
		double[] cpu = measure((batch) -> DecisionEngine.decide(rules, batch), customers,
				new HandWrittenPersonas(rules.thresholds()), rules.version(), rounds);
		double drools = cpu[0];
		double base = cpu[2];
		double fired = DecisionEngine.decide(rules, customers).stream().mapToInt((d) -> d.firedRules().size()).average()
			.orElse(0);
		System.out.printf("CPU ns per customer: Drools batch %.0f, Drools single %.0f, hand-written %.0f;"
				+ " batch ratio %.0fx, single ratio %.0fx; %.1f rules fired per customer%n", drools, cpu[1], base,
				drools / base, cpu[1] / base, fired);
	}

	/**
	 * CPU ns per customer, each the median of the last half of the rounds: {@code decide} on the
	 * whole batch, {@code decide} one customer at a time, and the hand-written baseline.
	 */
	static double[] measure(Function<List<CustomerFacts>, List<Decision>> decide, List<CustomerFacts> customers,
			HandWrittenPersonas baseline, String version, int rounds) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[] batch = new double[rounds];
		double[] single = new double[rounds];
		double[] handWritten = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			long t0 = threads.getCurrentThreadCpuTime();
			decide.apply(customers);
			long t1 = threads.getCurrentThreadCpuTime();
			for (CustomerFacts customer : customers) {
				decide.apply(List.of(customer));
			}
			long t2 = threads.getCurrentThreadCpuTime();
			for (int repeat = 0; repeat < 10; repeat++) {
				for (CustomerFacts customer : customers) {
					baseline.decide(customer, version);
				}
			}
			long t3 = threads.getCurrentThreadCpuTime();
			batch[round] = (t1 - t0) / (double) customers.size();
			single[round] = (t2 - t1) / (double) customers.size();
			handWritten[round] = (t3 - t2) / (10.0 * customers.size());
		}
		return new double[] { median(batch), median(single), median(handWritten) };
	}

	private static double median(double[] values) {
		double[] warm = Arrays.copyOfRange(values, values.length / 2, values.length);
		Arrays.sort(warm);
		return warm[warm.length / 2];
	}

}
