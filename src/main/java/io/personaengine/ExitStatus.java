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

	/**
	 * The command ran out of heap: said in one line with where it was, the heap it had and how to
	 * give it more (see {@link OutOfMemory}); or of threads, metaspace, compressed class space or direct buffer memory, with
	 * the limit to raise. Not {@link #BUG}: the same run succeeds with a larger -Xmx (or that
	 * limit), and nothing is to be reported. 71 is EX_OSERR of sysexits.h, the system failing to give
	 * the program what it needs (a fork, a pipe; memory here), beside 70 so that a script taking
	 * 70 and above for "the tool did not do its work" still does; not EX_IOERR (74), no input or
	 * output failed; not EX_TEMPFAIL (75), run again as it is the command fails again.
	 */
	public static final int OUT_OF_MEMORY = 71;

	private ExitStatus() {
	}

}
