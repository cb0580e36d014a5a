package io.personaengine.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.rules.RuleSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision core (facts in, decisions out) on the shipped {@code rules/}, one customer at a
 * time and in batches, beside {@link HandWrittenPersonas} in the same run. Every benchmark
 * reports time per customer. Run from the repository root (it reads {@code rules/}):
 * {@code ./mvnw -Pbenchmarks test-compile exec:exec -Djmh.args="DecisionCoreBenchmark"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DecisionCoreBenchmark {

	static final int BATCH = 1000;

	private RuleSet rules;

	private HandWrittenPersonas baseline;

	private List<CustomerFacts> customers;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		this.rules = RealRules.RULES;
		this.baseline = new HandWrittenPersonas(this.rules.thresholds());
		// Checked with the service's validator first: times of inputs the API refuses mean nothing.
		this.customers = BenchmarkCustomers.customers(this.rules, BATCH, 42);
		// The baseline must be right before its speed means anything.
		List<Decision> drools = DecisionEngine.decide(this.rules, this.customers);
		for (int i = 0; i < BATCH; i++) {
			Decision expected = drools.get(i);
			Decision actual = this.baseline.decide(this.customers.get(i), this.rules.version());
			if (!expected.matchedPersonas().equals(actual.matchedPersonas())) {
				throw new IllegalStateException("baseline disagrees on " + expected.customerId() + ": "
						+ expected.matchedPersonas() + " vs " + actual.matchedPersonas());
			}
		}
	}

	private CustomerFacts nextCustomer() {
		CustomerFacts customer = this.customers.get(this.next);
		this.next = (this.next + 1) % BATCH;
		return customer;
	}

	@Benchmark
	public Decision droolsSingle() {
		return DecisionEngine.decide(this.rules, List.of(nextCustomer())).get(0);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public List<Decision> droolsBatch() {
		return DecisionEngine.decide(this.rules, this.customers);
	}

	@Benchmark
	public Decision baselineSingle() {
		return this.baseline.decide(nextCustomer(), this.rules.version());
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public List<Decision> baselineBatch() {
		List<Decision> decisions = new ArrayList<>(BATCH);
		for (CustomerFacts customer : this.customers) {
			decisions.add(this.baseline.decide(customer, this.rules.version()));
		}
		return decisions;
	}

}
