package io.personaengine;

/**
 * Exit statuses that mean the same in every command of the jar, so that a script or a CI
 * pipeline can act on one without knowing which command gave it.
 */
public final class ExitStatus {

	/**
	 * An unexpected failure, a bug of the service, said with its stack trace. Apart from every
	 * outcome a command gives a status of its own (test-rules gives 1 to a scenario that failed,
	 * segment 2 to 4), so that "the analyst's scenario failed" is never taken for "the tool
	 * crashed": picocli's own 1 was both in test-rules. 70 is EX_SOFTWARE of sysexits.h, "internal
	 * software error", far above the commands' own, which leaves them room to grow.
	 */
	public static final int BUG = 70;

	private ExitStatus() {
	}

}
