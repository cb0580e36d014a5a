package io.personaengine.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.personaengine.decisions.Decision;

/**
 * What operators watch: decisions by persona and source, how long a decision takes, segments,
 * recommendations and rules fired. Labels are ids from the rules (personas, segments, actions,
 * rule names, channels) and the source, never a customer. Meters are looked up once and kept:
 * recording is on the decision path.
 */
public class DecisionMetrics {

	/** Decisions take microseconds in batches and milliseconds alone; buckets cover both. */
	static final Duration[] BUCKETS = { Duration.ofNanos(5_000), Duration.ofNanos(10_000), Duration.ofNanos(25_000),
			Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
			Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1) };

	public static final DecisionMetrics NONE = new DecisionMetrics(null);

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	public DecisionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * One rules execution of {@code source} ("rest", "kafka", "batch") that decided
	 * {@code decisions} in {@code nanos}. The duration recorded is per decision: the execution's
	 * time over the customers it decided.
	 */
	public void record(String source, List<Decision> decisions, long nanos) {
		if (this.registry == null || decisions.isEmpty()) {
			return;
		}
		for (Decision decision : decisions) {
			counter("d|" + decision.persona() + "|" + source, (k) -> Counter.builder("persona.decisions")
				.description("Decisions, by primary persona and by where the customer came from")
				.tag("persona", String.valueOf(decision.persona()))
				.tag("source", source)
				.register(this.registry)).increment();
			for (Decision.Match segment : decision.segments()) {
				counter("s|" + segment.id(), (k) -> Counter.builder("persona.segment.matches")
					.description("Customers decided to be in a segment")
					.tag("segment", segment.id())
					.register(this.registry)).increment();
			}
			for (Decision.RecommendedAction action : decision.recommendations()) {
				counter("r|" + action.action() + "|" + action.channel(), (k) -> Counter.builder("persona.recommendations")
					.description("Recommended actions, by action and channel")
					.tag("action", action.action())
					.tag("channel", action.channel())
					.register(this.registry)).increment();
			}
			for (String rule : decision.firedRules()) {
				counter("f|" + rule, (k) -> Counter.builder("persona.rule.fired")
					.description("Rule firings")
					.tag("rule", rule)
					.register(this.registry)).increment();
			}
		}
		// Last, so that a scrape that sees the execution's time also sees what it decided.
		timer(source).record(Duration.ofNanos(nanos / decisions.size()));
	}

	private Counter counter(String key, Function<String, Counter> create) {
		return this.counters.computeIfAbsent(key, create);
	}

	private Timer timer(String source) {
		return this.timers.computeIfAbsent(source, (s) -> Timer.builder("persona.decision.duration")
			.description("Time to decide one customer (a rules execution's time over the customers it decided)")
			.tag("source", s)
			.serviceLevelObjectives(BUCKETS)
			.register(this.registry));
	}

}
