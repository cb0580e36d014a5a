package io.personaengine.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.personaengine.decisions.Decision;
import io.personaengine.rules.RuleIds;
import io.personaengine.rules.RuleSet;

/**
 * What operators watch: decisions by persona and source, how long a decision takes, segments,
 * recommendations and rules fired. Labels are ids from the rules (personas, segments, actions,
 * rule names, channels) and the source, never a customer. Meters are looked up once and kept:
 * recording is on the decision path.
 * <p>
 * The counters of every id a live rule set knows, and the latency histogram of every source
 * served, are there at 0 before their first event
 * ({@link #countFromZero(RuleSet)}, {@link #serves(String)}): Prometheus' {@code rate()} and
 * {@code increase()} count from a series' first sample, so a series that first appeared at 1
 * would hide its first event from a dashboard or an alert ("any DEAD_WEIGHT decision from
 * kafka", "rule X fired"). Ids that cannot be known ahead are counted from their first event:
 * segments of a family ({@code COUNTRY_SE} of {@code "COUNTRY_" + country}), recommendations
 * whose action or channel a rule builds from an expression, a persona a rule builds so. A series
 * is never removed: a reload that drops an id leaves its counter, and its history, as it was.
 */
public class DecisionMetrics {

	/** Decisions take microseconds in batches and milliseconds alone; buckets cover both. */
	static final Duration[] BUCKETS = { Duration.ofNanos(5_000), Duration.ofNanos(10_000), Duration.ofNanos(25_000),
			Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
			Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1) };

	public static final DecisionMetrics NONE = new DecisionMetrics(null);

	private final MeterRegistry registry;

	// Keyed by the ids themselves, one map per meter, not by a key joined from them: recording
	// looks up about twenty counters per decision, and an id from the rules is a string whose hash
	// is already known, where a joined key is a new string to hash every time.

	/** Decisions by source, then by persona. */
	private final Map<String, Map<String, Counter>> decisionCounters = new ConcurrentHashMap<>();

	private final Map<String, Counter> segmentCounters = new ConcurrentHashMap<>();

	/** Recommendations by action, then by channel. */
	private final Map<String, Map<String, Counter>> recommendationCounters = new ConcurrentHashMap<>();

	private final Map<String, Counter> ruleCounters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	/** The sources this instance decides for, and every persona of a rule set that was live: guarded by this. */
	private final Set<String> sources = new TreeSet<>();

	private final Set<String> personas = new TreeSet<>();

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
			decisions(String.valueOf(decision.persona()), source).increment();
			for (Decision.Match segment : decision.segments()) {
				segmentMatches(segment.id()).increment();
			}
			for (Decision.RecommendedAction action : decision.recommendations()) {
				recommendations(action.action(), action.channel()).increment();
			}
			for (String rule : decision.firedRules()) {
				ruleFired(rule).increment();
			}
		}
		// Last, so that a scrape that sees the execution's time also sees what it decided.
		timer(source).record(Duration.ofNanos(nanos / decisions.size()));
	}

	/**
	 * This instance decides customers from {@code source}: the decisions of every persona from it
	 * are counted from 0, now and for the personas of rule sets to come, and its latency histogram
	 * is there at count 0, so that a latency panel tells "no traffic yet" from "no metric".
	 */
	public synchronized void serves(String source) {
		if (this.registry == null || !this.sources.add(source)) {
			return;
		}
		timer(source);
		this.personas.forEach((persona) -> decisions(persona, source));
	}

	/**
	 * {@code ruleSet} is live: every persona (from each source served), segment, recommended action
	 * and channel, and rule it knows is counted from 0. What an earlier rule set knew stays.
	 */
	public synchronized void countFromZero(RuleSet ruleSet) {
		if (this.registry == null) {
			return;
		}
		RuleIds ids = ruleSet.ids();
		for (String persona : ids.personas().ids()) {
			if (this.personas.add(persona)) {
				this.sources.forEach((source) -> decisions(persona, source));
			}
		}
		ids.segments().ids().forEach(this::segmentMatches);
		ids.channels().forEach((action, channels) -> channels.forEach((channel) -> recommendations(action, channel)));
		ruleSet.ruleNames().forEach(this::ruleFired);
	}

	private Counter decisions(String persona, String source) {
		Map<String, Counter> fromSource = meter(this.decisionCounters, source, (k) -> new ConcurrentHashMap<>());
		return meter(fromSource, persona, (k) -> Counter.builder("persona.decisions")
			.description("Decisions, by primary persona and by where the customer came from")
			.tag("persona", persona)
			.tag("source", source)
			.register(this.registry));
	}

	private Counter segmentMatches(String segment) {
		return meter(this.segmentCounters, segment, (k) -> Counter.builder("persona.segment.matches")
			.description("Customers decided to be in a segment")
			.tag("segment", segment)
			.register(this.registry));
	}

	private Counter recommendations(String action, String channel) {
		Map<String, Counter> ofAction = meter(this.recommendationCounters, action, (k) -> new ConcurrentHashMap<>());
		return meter(ofAction, channel, (k) -> Counter.builder("persona.recommendations")
			.description("Recommended actions, by action and channel")
			.tag("action", action)
			.tag("channel", channel)
			.register(this.registry));
	}

	private Counter ruleFired(String rule) {
		return meter(this.ruleCounters, rule, (k) -> Counter.builder("persona.rule.fired")
			.description("Rule firings")
			.tag("rule", rule)
			.register(this.registry));
	}

	private Timer timer(String source) {
		return meter(this.timers, source, (s) -> Timer.builder("persona.decision.duration")
			.description("Time to decide one customer (a rules execution's time over the customers it decided)")
			.tag("source", s)
			.serviceLevelObjectives(BUCKETS)
			.register(this.registry));
	}

	/** The meter kept for {@code id}, made the first time: a plain read once it exists, no lock. */
	private static <T> T meter(Map<String, T> meters, String id, Function<String, T> make) {
		T meter = meters.get(id);
		return (meter != null) ? meter : meters.computeIfAbsent(id, make);
	}

}
