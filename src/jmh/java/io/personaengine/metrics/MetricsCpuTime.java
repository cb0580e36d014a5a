package io.personaengine.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.personaengine.decisions.BenchmarkCustomers;
import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetLoader;

/**
 * What recording a decision's metrics costs ({@link DecisionMetrics#record}, on the decision path
 * of every source): the thread's CPU time per decision over the decisions of the benchmark's
 * 1,000 customers on the shipped rules, into the Prometheus registry the service uses; prints the
 * median of the last half of the rounds. Argument: rounds (200).
 */
public final class MetricsCpuTime {

	private MetricsCpuTime() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		RuleSet rules = new RuleSetLoader(Clock.systemUTC()).load(Path.of("rules"));
		List<Decision> decisions = DecisionEngine.decide(rules, BenchmarkCustomers.customers(rules, 1_000, 42));
		DecisionMetrics metrics = new DecisionMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
		metrics.serves("rest");
		metrics.countFromZero(rules);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[] batch = new double[rounds];
		double[] single = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			long t0 = threads.getCurrentThreadCpuTime();
			metrics.record("rest", decisions, 1_000);
			long t1 = threads.getCurrentThreadCpuTime();
			for (Decision decision : decisions) {
				metrics.record("rest", List.of(decision), 1_000);
			}
			long t2 = threads.getCurrentThreadCpuTime();
			batch[round] = (t1 - t0) / (double) decisions.size();
			single[round] = (t2 - t1) / (double) decisions.size();
		}
		System.out.printf("CPU ns per decision recorded: in batches of %d %.0f, one at a time %.0f%n", decisions.size(),
				median(batch), median(single));
	}

	private static double median(double[] values) {
		double[] last = Arrays.copyOfRange(values, values.length / 2, values.length);
		Arrays.sort(last);
		return last[last.length / 2];
	}

}
