package io.personaengine.decisions;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.personaengine.rules.RuleSet;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.KieSession;

/**
 * The rules run again on facts they did not settle for, counting the firings of each rule and
 * what each firing derived from, to name the rule that keeps firing. Drools names none when the
 * rules keep firing, and the rule that fired most may only react to the loop: a rule in a loop
 * fires on facts that its own then part (or one it caused) inserted or changed, while a rule that
 * only reacts to each fact the loop makes fires about as often. Only a failure pays for it: the
 * decisions that settle run without this tracking (DecisionEngine).
 */
public final class Recount {

	/** Firings per fact allowed to the recount: a looping rule outnumbers every other one. */
	private static final int FIRINGS_PER_FACT = 1_000;

	private Recount() {
	}

	/**
	 * How often a rule fired, and how often on facts its own firings had made or changed.
	 */
	public record Firings(String rule, int times, int onItsOwnConclusions) {
	}

	/** How a recount ended: it ran to its end, the deadline stopped it, or the rules threw. */
	enum End {

		RAN, HALTED, FAILED

	}

	/**
	 * The rule a recount names as the one that keeps firing, and how the recount ended; the rule
	 * is null if none fired or the recount did not run to its end.
	 */
	record Looping(String rule, End end) {
	}

	/**
	 * The rule that keeps firing when {@code facts} are decided with {@code ruleSet}: the one that
	 * most often fired on what its own firings had made or changed, not merely the one that fired
	 * most. None if no rule fires, the recount fails or it does not end by {@code deadline}.
	 */
	static Looping loopingRule(RuleSet ruleSet, List<?> facts, Deadline deadline) {
		Counted counted = count(ruleSet, facts, deadline);
		return new Looping(counted.firings().isEmpty() ? null : counted.firings().get(0).rule(), counted.end());
	}

	/**
	 * Firings per rule when {@code facts} are decided with {@code ruleSet}, the rules that keep
	 * re-triggering themselves first; empty if the recount fails too, or if {@code deadline}
	 * passes before it ends: the recount is halted then, as a decision is (a rule that fires
	 * slowly could otherwise keep a request for as long as its 1,000 firings take).
	 */
	public static List<Firings> of(RuleSet ruleSet, List<?> facts, Deadline deadline) {
		return count(ruleSet, facts, deadline).firings();
	}

	/** Firings per rule, and how the recount ended: only one that ran to its end counted any. */
	private record Counted(List<Firings> firings, End end) {

		static final Counted HALTED = new Counted(List.of(), End.HALTED);

		static final Counted FAILED = new Counted(List.of(), End.FAILED);

	}

	private static Counted count(RuleSet ruleSet, List<?> facts, Deadline deadline) {
		if (deadline.passed()) {
			return Counted.HALTED;
		}
		Map<Rule, int[]> counts = new HashMap<>();
		// What each fact was derived from: the rules whose firings led to its insertion or change.
		Map<Object, Set<Rule>> lineage = new IdentityHashMap<>();
		Set<Rule> firing = new HashSet<>();
		KieSession session = ruleSet.kieBase().newKieSession();
		Watch watch = new Watch(deadline);
		try {
			session.addEventListener(watch);
			session.addEventListener(new DefaultAgendaEventListener() {
				@Override
				public void beforeMatchFired(BeforeMatchFiredEvent event) {
					Rule rule = event.getMatch().getRule();
					firing.clear();
					event.getMatch().getObjects().forEach((fact) -> firing.addAll(lineage.getOrDefault(fact, Set.of())));
					int[] count = counts.computeIfAbsent(rule, (k) -> new int[2]);
					count[0]++;
					count[1] += firing.contains(rule) ? 1 : 0;
					firing.add(rule);
				}

				@Override
				public void afterMatchFired(AfterMatchFiredEvent event) {
					firing.clear();
				}
			});
			session.addEventListener(new DefaultRuleRuntimeEventListener() {
				@Override
				public void objectInserted(ObjectInsertedEvent event) {
					derived(event.getObject());
				}

				@Override
				public void objectUpdated(ObjectUpdatedEvent event) {
					derived(event.getObject());
				}

				private void derived(Object fact) {
					if (!firing.isEmpty()) {
						lineage.computeIfAbsent(fact, (k) -> new HashSet<>()).addAll(firing);
					}
				}
			});
			session.insert(ruleSet.thresholds());
			facts.forEach(session::insert);
			session.fireAllRules(FIRINGS_PER_FACT * Math.max(facts.size(), 1));
			if (watch.halted) {
				return Counted.HALTED;
			}
		}
		catch (RuntimeException ex) {
			return Counted.FAILED;
		}
		catch (Error ex) {
			// An Error a rule's code throws (an assert, a function calling itself without end) fails
			// the recount as an exception does, as DecisionEngine takes it; the JVM's own are no rule's.
			if (DecisionEngine.ofTheJvm(ex)) {
				throw ex;
			}
			return Counted.FAILED;
		}
		finally {
			session.dispose();
		}
		return new Counted(counts.entrySet()
			.stream()
			.map((count) -> new Firings(count.getKey().getName(), count.getValue()[0], count.getValue()[1]))
			.sorted(Comparator.comparingInt(Firings::onItsOwnConclusions).thenComparingInt(Firings::times).reversed())
			.toList(), End.RAN);
	}

}
