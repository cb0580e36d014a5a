package io.personaengine.decisions;

import java.time.Duration;

/**
 * The rules did not finish within the time a request may take; the execution was stopped. A
 * condition of the service (load, or rules too slow for the data), not a mistake of the caller.
 */
public class DecisionTimeoutException extends RuntimeException {

	private final String version;

	private final Duration budget;

	private final int customers;

	public DecisionTimeoutException(String version, Duration budget, int customers) {
		super("rule set " + version + " did not finish deciding " + customers(customers) + " within " + format(budget)
				+ "; the execution was stopped");
		this.version = version;
		this.budget = budget;
		this.customers = customers;
	}

	public String version() {
		return this.version;
	}

	public Duration budget() {
		return this.budget;
	}

	public int customers() {
		return this.customers;
	}

	/** "1 customer", "2 customers". */
	static String customers(int customers) {
		return customers + " customer" + ((customers == 1) ? "" : "s");
	}

	static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

}
