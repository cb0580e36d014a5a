package io.personaengine.decisions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetLoader;

/**
 * CPU time per customer of {@link DecisionEngine#decide} by the number of customers given to one
 * rules execution: the same customers decided in chunks of each size, the sizes interleaved in
 * every round. Prints the median of the last half of the rounds per size, and the hand-written
 * baseline. Arguments: rounds (40), customers (5000), a rules folder ({@code rules}).
 */
public final class BatchSizeCpuTime {

	private static final int[] SIZES = { 1, 10, 25, 50, 100, 200, 500, 1_000, 2_000, 5_000 };

	private BatchSizeCpuTime() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		int count = (args.length > 1) ? Integer.parseInt(args[1]) : 5_000;
		RuleSet rules = new RuleSetLoader(Clock.systemUTC()).load(Path.of((args.length > 2) ? args[2] : "rules"));
		List<CustomerFacts> customers = BenchmarkCustomers.customers(rules, count, 42);
		HandWrittenPersonas baseline = new HandWrittenPersonas(rules.thresholds());
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[][] perSize = new double[SIZES.length][rounds];
		double[] handWritten = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			for (int s = 0; s < SIZES.length; s++) {
				int size = SIZES[(s + round) % SIZES.length];
				long t0 = threads.getCurrentThreadCpuTime();
				for (int from = 0; from < customers.size(); from += size) {
					DecisionEngine.decide(rules, customers.subList(from, Math.min(from + size, customers.size())));
				}
				perSize[(s + round) % SIZES.length][round] = (threads.getCurrentThreadCpuTime() - t0)
						/ (double) customers.size();
			}
			long t0 = threads.getCurrentThreadCpuTime();
			for (CustomerFacts customer : customers) {
				baseline.decide(customer, rules.version());
			}
			handWritten[round] = (threads.getCurrentThreadCpuTime() - t0) / (double) customers.size();
		}
		double base = median(handWritten);
		StringBuilder out = new StringBuilder("CPU ns per customer by customers per execution:");
		for (int s = 0; s < SIZES.length; s++) {
			double ns = median(perSize[s]);
			out.append(String.format(" %d: %.0f (%.0fx);", SIZES[s], ns, ns / base));
		}
		out.append(String.format(" hand-written %.0f", base));
		System.out.println(out);
	}

	private static double median(double[] values) {
		double[] warm = Arrays.copyOfRange(values, values.length / 2, values.length);
		Arrays.sort(warm);
		return warm[warm.length / 2];
	}

}
