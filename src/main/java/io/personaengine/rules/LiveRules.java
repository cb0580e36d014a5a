package io.personaengine.rules;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set decisions are made with now. A decision reads it once and keeps that rule set to
 * the end, so replacing it never changes a decision in flight.
 */
public class LiveRules {

	private static final Logger log = LoggerFactory.getLogger(LiveRules.class);

	private final AtomicReference<RuleSet> current;

	private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();

	public LiveRules(RuleSet initial) {
		this.current = new AtomicReference<>(initial);
	}

	public RuleSet current() {
		return this.current.get();
	}

	/**
	 * Tells {@code listener} the live rule set now, and each one that goes live after it (a reload
	 * or a rollback), after it went live. A rule set that goes live meanwhile may be told twice
	 * or out of order: what a listener does with one must not depend on the others.
	 */
	public void whenLive(Consumer<RuleSet> listener) {
		this.listeners.add(listener);
		listener.accept(current());
	}

	void replace(RuleSet next) {
		this.current.set(next);
		for (Consumer<RuleSet> listener : this.listeners) {
			try {
				listener.accept(next);
			}
			catch (RuntimeException ex) {
				// The rule set is live and serving; what a listener failed at must not undo that.
				log.warn("Rule set {} is live, but a listener of live rule sets failed: {}", next.version(), ex.toString());
			}
		}
	}

}
