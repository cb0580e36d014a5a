package io.personaengine.decisions;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Halts a rules execution at the first firing after the deadline. In the firing thread, so a halt
 * can never reach a session that has already gone back to the pool.
 */
final class Watch extends DefaultAgendaEventListener {

	private final Deadline deadline;

	boolean halted;

	Watch(Deadline deadline) {
		this.deadline = deadline;
	}

	@Override
	public void afterMatchFired(AfterMatchFiredEvent event) {
		if (!this.halted && this.deadline.passed()) {
			this.halted = true;
			event.getKieRuntime().halt();
		}
	}

}
