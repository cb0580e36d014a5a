package io.personaengine.decisions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerIds;
import io.personaengine.rules.RuleFrames;
import io.personaengine.rules.RuleSet;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.Match;

/**
 * Runs a rule set over customers' facts: one rules execution per {@link #EXECUTION_SIZE}
 * customers, because one execution for many customers is much cheaper than one per customer.
 * Rules never see one another's customers: every conclusion is tied to its {@link CustomerFacts},
 * so how a batch is split does not change a decision.
 */
public final class DecisionEngine {

	/**
	 * Rule firings allowed per customer, counted for each customer on its own, so that a customer
	 * gets the same answer alone as in a batch; one more and the rule set is taken to be looping.
	 */
	static final int MAX_FIRINGS_PER_CUSTOMER = 1_000;

	/**
	 * Customers given to one rules execution. Measured on the shipped rules (docs/performance.md,
	 * "Customers per execution"): the CPU per customer is lowest at 100 to 200 and grows beyond,
	 * by about a fifth at 1,000 and a third at 2,000, as the session's memories grow with the facts
	 * of every customer in it; below 25 the fixed cost of an execution shows.
	 */
	static final int EXECUTION_SIZE = 200;

	private DecisionEngine() {
	}

	public static List<Decision> decide(RuleSet ruleSet, List<CustomerFacts> customers) {
		return decide(ruleSet, customers, Deadline.NONE);
	}

	/**
	 * @throws DecisionTimeoutException if the deadline passes before the rules settle; the
	 * execution is halted after the rule firing in progress
	 */
	public static List<Decision> decide(RuleSet ruleSet, List<CustomerFacts> customers, Deadline deadline) {
		if (customers.size() <= EXECUTION_SIZE) {
			return execute(ruleSet, customers, deadline, customers.size());
		}
		List<Decision> decisions = new ArrayList<>(customers.size());
		for (int from = 0; from < customers.size(); from += EXECUTION_SIZE) {
			List<CustomerFacts> part = customers.subList(from, Math.min(from + EXECUTION_SIZE, customers.size()));
			decisions.addAll(execute(ruleSet, part, deadline, customers.size()));
		}
		return decisions;
	}

	/** One rules execution; {@code batchSize} is what a timeout reports, the whole call's. */
	private static List<Decision> execute(RuleSet ruleSet, List<CustomerFacts> customers, Deadline deadline,
			int batchSize) {
		if (deadline.passed()) {
			throw new DecisionTimeoutException(ruleSet.version(), deadline.budget(), batchSize);
		}
		Map<CustomerFacts, Outcome> outcomes = new IdentityHashMap<>(customers.size() * 2);
		customers.forEach((customer) -> outcomes.put(customer, new Outcome()));
		KieSession session = ruleSet.sessions().newKieSession();
		Watch watch = new Watch(deadline);
		FiredRules fired = new FiredRules(outcomes, customers.size());
		try {
			session.addEventListener(fired);
			if (deadline != Deadline.NONE) {
				session.addEventListener(watch);
			}
			try {
				session.insert(ruleSet.thresholds());
				customers.forEach(session::insert);
				session.fireAllRules();
			}
			catch (Error thrown) {
				// Drools wraps what a rule throws only if it is an Exception. An Error a rule's code
				// causes (a function calling itself without end, an assert, a class it calls failing
				// to initialise) is caught here, where the stack is unwound: it would otherwise stop
				// whoever called, to whom an Error is no failure of the rules (a Kafka container
				// stops on it). The JVM's own, out of memory say, are no rule's.
				if (ofTheJvm(thrown)) {
					throw thrown;
				}
				throw fired.failedWith(thrown, session);
			}
			if (watch.halted) {
				throw new DecisionTimeoutException(ruleSet.version(), deadline.budget(), batchSize);
			}
			if (fired.halted) {
				throw fired.didNotSettle(ruleSet, customers, deadline);
			}
			for (Object fact : session.getObjects()) {
				collect(fact, outcomes);
			}
		}
		finally {
			// Gives a pooled session back, reset: its facts, its listeners and a halt are gone. After
			// a stack overflow too: the engine's own finally blocks have put its agenda back at rest
			// as the overflow unwound, as for a then part that throws, and the reset clears the rest.
			// The pool keeps every session it makes: one set aside would be kept, unused, for good.
			session.dispose();
		}
		List<Decision> decisions = new ArrayList<>(customers.size());
		for (CustomerFacts customer : customers) {
			decisions.add(outcomes.get(customer).toDecision(customer, ruleSet.version()));
		}
		return decisions;
	}

	/** The JVM's own Errors, out of memory say: no rule's, whatever code ran out. A stack overflow is a rule's. */
	static boolean ofTheJvm(Error thrown) {
		return thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError);
	}

	private static void collect(Object fact, Map<CustomerFacts, Outcome> outcomes) {
		if (!(fact instanceof CustomerScoped scoped)) {
			return;
		}
		Outcome outcome = outcomes.get(scoped.getCustomer());
		if (outcome == null) {
			return;
		}
		if (fact instanceof PersonaMatch match) {
			outcome.personas.add(match);
		}
		else if (fact instanceof PrimaryPersona primary) {
			if (outcome.primary == null || primary.getRank() < outcome.primary.getRank()) {
				outcome.primary = primary;
			}
		}
		else if (fact instanceof SegmentMatch segment) {
			outcome.segments.add(segment);
		}
		else if (fact instanceof Recommendation recommendation) {
			outcome.recommendations.add(recommendation);
		}
	}

	private static final class Outcome {

		final List<PersonaMatch> personas = new ArrayList<>(4);

		final List<SegmentMatch> segments = new ArrayList<>(4);

		final List<Recommendation> recommendations = new ArrayList<>(4);

		final List<String> firedRules = new ArrayList<>(8);

		PrimaryPersona primary;

		Decision toDecision(CustomerFacts customer, String version) {
			this.personas.sort(BY_RANK);
			this.segments.sort(BY_SEGMENT);
			this.recommendations.sort(BY_PRIORITY_ACTION_CHANNEL);
			return new Decision(customer.getCustomerId(), customer.getAsOf(),
					(this.primary != null) ? this.primary.getPersona() : null,
					matches(this.personas, PersonaMatch::getPersona, PersonaMatch::getReason),
					matches(this.segments, SegmentMatch::getSegment, SegmentMatch::getReason), actions(),
					List.copyOf(this.firedRules), version, Decision.DerivedFacts.of(customer));
		}

		// A rule whose condition uses "or" runs once per branch that holds, so the same conclusion
		// can arrive twice: each is listed once. Plain loops over a handful of items, because this
		// runs for every customer and streams cost a tenth of a batch's time here.

		private static <T> List<Decision.Match> matches(List<T> conclusions, Function<T, String> id,
				Function<T, String> reason) {
			List<Decision.Match> matches = new ArrayList<>(conclusions.size());
			for (T conclusion : conclusions) {
				String matchId = id.apply(conclusion);
				if (!listed(matches, matchId)) {
					matches.add(new Decision.Match(matchId, reason.apply(conclusion)));
				}
			}
			return Collections.unmodifiableList(matches);
		}

		private List<Decision.RecommendedAction> actions() {
			List<Decision.RecommendedAction> actions = new ArrayList<>(this.recommendations.size());
			for (Recommendation r : this.recommendations) {
				if (!listed(actions, r)) {
					actions.add(new Decision.RecommendedAction(r.getAction(), r.getChannel(), r.getPriority(), r.getSource(),
							r.getRationale(), r.getSampleShare()));
				}
			}
			return Collections.unmodifiableList(actions);
		}

		private static boolean listed(List<Decision.Match> matches, String id) {
			for (Decision.Match match : matches) {
				if (Objects.equals(match.id(), id)) {
					return true;
				}
			}
			return false;
		}

		private static boolean listed(List<Decision.RecommendedAction> actions, Recommendation r) {
			for (Decision.RecommendedAction action : actions) {
				if (Objects.equals(action.action(), r.getAction()) && Objects.equals(action.channel(), r.getChannel())
						&& Objects.equals(action.source(), r.getSource())) {
					return true;
				}
			}
			return false;
		}

	}

	private static final Comparator<PersonaMatch> BY_RANK = Comparator.comparingInt(PersonaMatch::getRank);

	private static final Comparator<SegmentMatch> BY_SEGMENT = Comparator.comparing(SegmentMatch::getSegment);

	private static final Comparator<Recommendation> BY_PRIORITY_ACTION_CHANNEL = Comparator
		.comparingInt(Recommendation::getPriority)
		.thenComparing(Recommendation::getAction)
		.thenComparing(Recommendation::getChannel);

	/**
	 * Records each fired rule against the customer its match was about, and halts the execution,
	 * in the firing thread as {@link Watch} does, at the first firing past a limit.
	 */
	private static final class FiredRules extends DefaultAgendaEventListener {

		private final Map<CustomerFacts, Outcome> outcomes;

		/**
		 * Firings about no customer (a rule matching only the thresholds, or only facts its rules
		 * made that name no customer) cannot be charged to one, yet may loop too. They are capped
		 * over the whole execution, as all firings once were, in proportion to its customers: such
		 * a rule may well fire once for each of them. Only they can make a customer's answer
		 * depend on its batch, and only when they fire more than their own customers' share.
		 */
		private final int maxFiringsAboutNoCustomer;

		private final List<String> firedAboutNoCustomer = new ArrayList<>();

		/** The customer whose firings passed the limit; null if the firings about no customer did. */
		private CustomerFacts unsettled;

		boolean halted;

		FiredRules(Map<CustomerFacts, Outcome> outcomes, int customers) {
			this.outcomes = outcomes;
			this.maxFiringsAboutNoCustomer = MAX_FIRINGS_PER_CUSTOMER * Math.max(customers, 1);
		}

		/** The match whose then part is running, if one is: the rule a stack overflow is in. */
		private Match firing;

		@Override
		public void beforeMatchFired(BeforeMatchFiredEvent event) {
			this.firing = event.getMatch();
		}

		@Override
		public void afterMatchFired(AfterMatchFiredEvent event) {
			this.firing = null;
			String rule = event.getMatch().getRule().getName();
			CustomerFacts customer = customerOf(event.getMatch().getObjects());
			Outcome outcome = (customer != null) ? this.outcomes.get(customer) : null;
			if (outcome != null) {
				outcome.firedRules.add(rule);
				if (outcome.firedRules.size() > MAX_FIRINGS_PER_CUSTOMER && !this.halted) {
					this.unsettled = customer;
					halt(event);
				}
				return;
			}
			this.firedAboutNoCustomer.add(rule);
			if (this.firedAboutNoCustomer.size() > this.maxFiringsAboutNoCustomer && !this.halted) {
				halt(event);
			}
		}

		/**
		 * An Error while the rules ran, as the failure of a rule, not an Error that stops the
		 * caller: in a then part, as Drools says a then part that throws (ConsequenceException,
		 * which RuleFailure names). Anywhere else as an exception that is its Error and nothing
		 * more, so that RuleFailure and the scenarios find where it was thrown from its frames, as
		 * for an eval that throws an exception; but a stack overflow, whose frames are the
		 * recursion's own and cannot say which rule called it.
		 */
		RuntimeException failedWith(Error thrown, KieSession session) {
			if (this.firing != null) {
				return new ConsequenceException(thrown, session, this.firing);
			}
			if (!(thrown instanceof StackOverflowError overflow)) {
				return new ErrorInTheRulesException(thrown);
			}
			StackTraceElement[] frames = overflow.getStackTrace();
			if (frames.length > 0 && RuleFrames.ofTheService(frames[0])) {
				// The service's own Java calling itself (a fact's getter, a listener), not the rules':
				// a bug, said as one, with its stack trace.
				return new IllegalStateException("the service's own Java overflowed the stack while the rules ran", overflow);
			}
			return new RulesOverflowedException(overflow);
		}

		private static CustomerFacts customerOf(List<Object> objects) {
			for (Object object : objects) {
				if (object instanceof CustomerFacts facts) {
					return facts;
				}
				if (object instanceof CustomerScoped scoped) {
					return scoped.getCustomer();
				}
			}
			return null;
		}

		private void halt(AfterMatchFiredEvent event) {
			this.halted = true;
			event.getKieRuntime().halt();
		}

		/**
		 * Names whom the rules did not settle for and the rule that kept firing: "rule set 1a2b did
		 * not settle for customer c-17: the customer's rules fired 1,001 times, more than the 1,000
		 * allowed; rule "X" (loop.drl:5), which fired 91 of those times, probably keeps
		 * re-triggering itself (...)". A rule that changes the customer's facts makes every rule on
		 * them fire again, as often as itself and some first, so the rule is found by recounting
		 * with what each firing derived from (Recount), for that customer alone: a failure only
		 * pays for it, and no longer than the call may take. A recount that does not name one of the
		 * rules counted (the deadline stopped it, it failed or it found another) gives the rule that
		 * fired most among the firings counted, and says so. The recount runs when the
		 * message is first read, not for a failure whose message no one reads
		 * (RulesDidNotSettleException).
		 */
		RulesDidNotSettleException didNotSettle(RuleSet ruleSet, List<CustomerFacts> customers, Deadline deadline) {
			String whom;
			List<String> rules;
			String firings;
			if (this.unsettled != null) {
				whom = "customer " + CustomerIds.inMessage(this.unsettled.getCustomerId());
				rules = this.outcomes.get(this.unsettled).firedRules;
				firings = "the customer's rules fired " + number(rules.size()) + " times, more than the "
						+ number(MAX_FIRINGS_PER_CUSTOMER) + " allowed";
			}
			else {
				String first = CustomerIds.inMessage(customers.get(0).getCustomerId());
				whom = (customers.size() == 1) ? "customer " + first
						: number(customers.size()) + " customers decided together (" + first + " to "
								+ CustomerIds.inMessage(customers.get(customers.size() - 1).getCustomerId()) + ")";
				rules = this.firedAboutNoCustomer;
				firings = "rules matching no customer fired " + number(rules.size()) + " times, more than the "
						+ number(this.maxFiringsAboutNoCustomer) + " allowed for " + number(customers.size()) + " customer"
						+ ((customers.size() == 1) ? "" : "s");
			}
			// Copies, for the message worked out later: not a view of the caller's list, which may
			// change and holds the whole batch, nor up to 200,001 names of fired rules.
			List<CustomerFacts> recounted = List.copyOf((this.unsettled != null) ? List.of(this.unsettled) : customers);
			Map<String, Integer> byRule = new LinkedHashMap<>();
			rules.forEach((rule) -> byRule.merge(rule, 1, Integer::sum));
			String mostFired = Collections.max(byRule.entrySet(), Map.Entry.comparingByValue()).getKey();
			String said = "rule set " + ruleSet.version() + " did not settle for " + whom + ": " + firings + "; ";
			return new RulesDidNotSettleException(ruleSet.version(),
					said + firedMost(ruleSet, mostFired, byRule, Recount.End.FAILED),
					() -> said + blamed(ruleSet, recounted, byRule, mostFired, deadline));
		}

		/**
		 * 'rule "X" (loop.drl:5), which fired 91 of those times, probably keeps re-triggering
		 * itself (...)': the rule the recount names, and how often among the firings counted
		 * {@code byRule}. If the recount names none of them (it failed, the deadline stopped it, or
		 * the rule it found did not fire among them), the one that fired most, said to be only
		 * that, and why: it is not known to re-trigger itself, and a stopped recount could blame
		 * the same loop on another rule depending on how long it had.
		 */
		private static String blamed(RuleSet ruleSet, List<CustomerFacts> recounted, Map<String, Integer> byRule,
				String mostFired, Deadline deadline) {
			Recount.Looping looping = Recount.loopingRule(ruleSet, recounted, deadline);
			String rule = looping.rule();
			if (rule == null || !byRule.containsKey(rule)) {
				return firedMost(ruleSet, mostFired, byRule, looping.end());
			}
			return "rule \"" + rule + "\"" + where(ruleSet, rule) + ", which fired " + number(byRule.get(rule))
					+ " of those times, probably keeps re-triggering itself (check modify, update and insert in its then part)";
		}

		/**
		 * 'rule "X" (loop.drl:5) fired most (91 of those times; finding the rule that re-triggers
		 * itself failed)': when no recount names the rule, saying how the recount {@code ended}.
		 */
		private static String firedMost(RuleSet ruleSet, String rule, Map<String, Integer> byRule, Recount.End ended) {
			String why = switch (ended) {
				case HALTED -> "was stopped at the time bound";
				case FAILED -> "failed";
				case RAN -> "found none among them";
			};
			return "rule \"" + rule + "\"" + where(ruleSet, rule) + " fired most (" + number(byRule.get(rule))
					+ " of those times; finding the rule that re-triggers itself " + why + ")";
		}

		/** " (loop.drl:5)", or nothing if the rule set does not know where {@code rule} is. */
		private static String where(RuleSet ruleSet, String rule) {
			RuleSet.Location location = ruleSet.locations().get(rule);
			return (location != null) ? " (" + location.file() + ":" + location.line() + ")" : "";
		}

		private static String number(int n) {
			return String.format(Locale.ROOT, "%,d", n);
		}

	}

}
