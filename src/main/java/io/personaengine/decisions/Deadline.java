package io.personaengine.decisions;

import java.time.Duration;

/**
 * When a rules execution must stop: {@code budget} after the moment it was made. Checked between
 * rule firings, so a rule action that never returns is not stopped (whoever writes rules runs
 * code in the service), but a rule set that fires for too long is.
 */
public final class Deadline {

	/** No bound: for the command line without --timeout, where the operator is there to stop it. */
	public static final Deadline NONE = new Deadline(null, 0);

	/** The longest a deadline is counted: longer ones pass no sooner than this. */
	static final Duration LONGEST = Duration.ofDays(36_525);

	private final Duration budget;

	private final long at;

	private Deadline(Duration budget, long at) {
		this.budget = budget;
		this.at = at;
	}

	/** {@code budget} from now; zero or negative means no bound. */
	public static Deadline in(Duration budget) {
		if (budget == null || budget.isZero() || budget.isNegative()) {
			return NONE;
		}
		// Past some 292 years nanoseconds overflow a long: --timeout 9999999999d was a stack trace.
		// A century is as good as no bound, and keeps the budget that messages name.
		long nanos = (budget.compareTo(LONGEST) > 0) ? LONGEST.toNanos() : budget.toNanos();
		return new Deadline(budget, System.nanoTime() + nanos);
	}

	public boolean passed() {
		return this.budget != null && System.nanoTime() - this.at >= 0;
	}

	/** Nanoseconds left before it passes, 0 once it has; {@link Long#MAX_VALUE} without a bound. */
	public long nanosLeft() {
		return (this.budget != null) ? Math.max(this.at - System.nanoTime(), 0) : Long.MAX_VALUE;
	}

	public Duration budget() {
		return this.budget;
	}

}
