package io.personaengine.rules;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The rule set decisions are made with now. A decision reads it once and keeps that rule set to
 * the end, so replacing it never changes a decision in flight.
 */
public class LiveRules {

	private final AtomicReference<RuleSet> current;

	public LiveRules(RuleSet initial) {
		this.current = new AtomicReference<>(initial);
	}

	public RuleSet current() {
		return this.current.get();
	}

	void replace(RuleSet next) {
		this.current.set(next);
	}

}
