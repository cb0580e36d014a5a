package io.personaengine.decisions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import io.personaengine.facts.CustomerFacts;

/**
 * The prototype of the "result" fact design ({@link ResultDesign}): one fact per customer that
 * rules write their conclusions onto, instead of a fact inserted per conclusion. Persona rules
 * call {@link #matchPersona}, action rules {@link #recommend}, which applies consent where the
 * recommendation is made (nothing is inserted, so nothing is deleted again). Only
 * {@code primary} is a property rules react to: it is set once per customer, with a modify.
 */
public final class Evaluation {

	private static final Comparator<Match> BY_RANK = Comparator.comparingInt(Match::rank);

	private static final Comparator<Decision.Match> BY_SEGMENT = Comparator.comparing(Decision.Match::id);

	private static final Comparator<Decision.RecommendedAction> BY_PRIORITY_ACTION_CHANNEL = Comparator
		.comparingInt(Decision.RecommendedAction::priority)
		.thenComparing(Decision.RecommendedAction::action)
		.thenComparing(Decision.RecommendedAction::channel);

	private final CustomerFacts customer;

	private final List<Match> personas = new ArrayList<>(4);

	private final List<Decision.Match> segments = new ArrayList<>(4);

	private final List<Decision.RecommendedAction> recommendations = new ArrayList<>(4);

	private final List<String> firedRules = new ArrayList<>(8);

	private String primary;

	Evaluation(CustomerFacts customer) {
		this.customer = customer;
	}

	public CustomerFacts getCustomer() {
		return this.customer;
	}

	public String getPrimary() {
		return this.primary;
	}

	public void setPrimary(String primary) {
		this.primary = primary;
	}

	/** A persona whose condition holds; the lowest rank becomes the primary persona. */
	public void matchPersona(int rank, String persona, String reason) {
		this.personas.add(new Match(rank, persona, reason));
	}

	public boolean hasNoPersona() {
		return this.personas.isEmpty();
	}

	/** First match wins: the persona of the lowest rank that matched. */
	public String firstPersona() {
		Match first = null;
		for (Match match : this.personas) {
			if (first == null || match.rank() < first.rank()) {
				first = match;
			}
		}
		return (first != null) ? first.persona() : null;
	}

	/** Whether the primary persona is {@code persona}: for rules that cannot react to a modify. */
	public boolean isPrimary(String persona) {
		return persona.equals(this.primary);
	}

	public void addSegment(String segment, String reason) {
		this.segments.add(new Decision.Match(segment, reason));
	}

	public boolean inSegment(String segment) {
		for (Decision.Match match : this.segments) {
			if (match.id().equals(segment)) {
				return true;
			}
		}
		return false;
	}

	public void recommend(String action, String channel, int priority, String source, String rationale) {
		recommend(action, channel, priority, source, rationale, null);
	}

	/**
	 * Consent (PERSONAS.md section 5) where the recommendation is made: no email without email
	 * consent, no SMS without SMS consent; paid social and actions that are not a message need
	 * neither.
	 */
	public void recommend(String action, String channel, int priority, String source, String rationale,
			Double sampleShare) {
		if (("EMAIL".equals(channel) && !this.customer.isEmailConsent())
				|| ("SMS".equals(channel) && !this.customer.isSmsConsent())) {
			return;
		}
		this.recommendations.add(new Decision.RecommendedAction(action, channel, priority, source, rationale, sampleShare));
	}

	public boolean recommends(String action) {
		for (Decision.RecommendedAction recommendation : this.recommendations) {
			if (recommendation.action().equals(action)) {
				return true;
			}
		}
		return false;
	}

	public boolean recommendsMessage() {
		for (Decision.RecommendedAction recommendation : this.recommendations) {
			if (isMessage(recommendation)) {
				return true;
			}
		}
		return false;
	}

	public void withdraw(String action) {
		this.recommendations.removeIf((recommendation) -> recommendation.action().equals(action));
	}

	public void withdrawMessages() {
		this.recommendations.removeIf(Evaluation::isMessage);
	}

	private static boolean isMessage(Decision.RecommendedAction recommendation) {
		return "EMAIL".equals(recommendation.channel()) || "SMS".equals(recommendation.channel());
	}

	void fired(String rule) {
		this.firedRules.add(rule);
	}

	/** The same {@link Decision} as {@code DecisionEngine} builds, with the same order and no repeats. */
	Decision toDecision(String version) {
		this.personas.sort(BY_RANK);
		this.segments.sort(BY_SEGMENT);
		this.recommendations.sort(BY_PRIORITY_ACTION_CHANNEL);
		List<Decision.Match> matches = new ArrayList<>(this.personas.size());
		for (Match match : this.personas) {
			if (!listed(matches, match.persona())) {
				matches.add(new Decision.Match(match.persona(), match.reason()));
			}
		}
		List<Decision.Match> segmentMatches = new ArrayList<>(this.segments.size());
		for (Decision.Match match : this.segments) {
			if (!listed(segmentMatches, match.id())) {
				segmentMatches.add(match);
			}
		}
		List<Decision.RecommendedAction> actions = new ArrayList<>(this.recommendations.size());
		for (Decision.RecommendedAction r : this.recommendations) {
			if (!listed(actions, r)) {
				actions.add(r);
			}
		}
		return new Decision(this.customer.getCustomerId(), this.customer.getAsOf(), this.primary,
				Collections.unmodifiableList(matches), Collections.unmodifiableList(segmentMatches),
				Collections.unmodifiableList(actions), List.copyOf(this.firedRules), version,
				Decision.DerivedFacts.of(this.customer));
	}

	private static boolean listed(List<Decision.Match> matches, String id) {
		for (Decision.Match match : matches) {
			if (match.id().equals(id)) {
				return true;
			}
		}
		return false;
	}

	private static boolean listed(List<Decision.RecommendedAction> actions, Decision.RecommendedAction r) {
		for (Decision.RecommendedAction action : actions) {
			if (action.action().equals(r.action()) && action.channel().equals(r.channel())
					&& action.source().equals(r.source())) {
				return true;
			}
		}
		return false;
	}

	private record Match(int rank, String persona, String reason) {
	}

}
