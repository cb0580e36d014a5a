package io.personaengine.rules;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rule set decisions are made with now. A decision reads it once and keeps that rule set to
 * the end, so replacing it never changes a decision in flight.
 */
public class LiveRules {

	private final AtomicReference<RuleSet> current = new AtomicReference<>();

	private final Supplier<RuleSet> first;

	public LiveRules(RuleSet initial) {
		this.current.set(Objects.requireNonNull(initial, "initial"));
		this.first = () -> initial;
	}

	/**
	 * Live rules whose first rule set is still being loaded: the first {@link #current()} waits
	 * for it (and throws what loading threw), so that whoever builds this need not.
	 */
	LiveRules(Supplier<RuleSet> first) {
		this.first = first;
	}

	public RuleSet current() {
		RuleSet ruleSet = this.current.get();
		if (ruleSet == null) {
			// A replace() that came first wins: it is newer than the first rule set.
			this.current.compareAndSet(null, this.first.get());
			ruleSet = this.current.get();
		}
		return ruleSet;
	}

	void replace(RuleSet next) {
		this.current.set(next);
	}

}
