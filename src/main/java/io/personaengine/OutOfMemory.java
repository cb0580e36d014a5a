package io.personaengine;

import java.util.Locale;

/**
 * A command that runs out of heap says so in one line, with where it was, the heap it had and
 * how to give it more, and exits with {@link ExitStatus#OUT_OF_MEMORY}: the JVM's own
 * "Exception in thread main" and stack trace, status 1, said nothing of what to do. The command
 * holds a little heap from its start and lets it go as it makes the line, so that the line can be
 * made even when what filled the heap is still held (the rules, another thread's work): a line
 * that itself runs out of memory would say nothing. Only the commands catch the error; the
 * service leaves it to the JVM.
 */
public final class OutOfMemory {

	/** Enough for the line and its formatting many times over; under 1 % of the smallest useful heap. */
	private static final int HEADROOM = 128 * 1024;

	/** The heap the README recommends for large exports, as a user types it. */
	static final String LARGER_HEAP = "-Xmx320m -XX:+UseSerialGC";

	private byte[] headroom = new byte[HEADROOM];

	private OutOfMemory() {
	}

	/** Sets the headroom aside, as the command starts. */
	public static OutOfMemory reserve() {
		return new OutOfMemory();
	}

	/** Lets the headroom go: first thing once the heap has run out, before anything is made to say so. */
	public void release() {
		this.headroom = null;
	}

	/**
	 * The line telling that {@code command} ran out of memory, {@code where} it was (e.g. "while
	 * reading orders.csv, at row 32,768"), what it {@code left} ("; nothing was written to
	 * out.csv", or nothing) and what it {@code needs}; the headroom is let go first.
	 */
	public String line(String command, String where, String left, String needs) {
		release();
		long heap = Runtime.getRuntime().maxMemory();
		return String.format(Locale.ROOT, "%s ran out of memory %s, with a heap of %,d MB%s. Give it more with -Xmx, e.g. java %s "
				+ "-jar persona-engine.jar %s ...: %s.", command, where, Math.round(heap / (1024.0 * 1024.0)), left, LARGER_HEAP,
				command, needs);
	}

	/**
	 * Whether {@code thrown} is running out of memory, or was caused by it: Drools compiles on
	 * threads of its own and throws "Rules compilation failed or interrupted" for an
	 * OutOfMemoryError there, which would otherwise be told as a bug.
	 */
	public static boolean behind(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError) {
				return true;
			}
		}
		return false;
	}

	/** Said by the jar when even the command's own line could not be made: no formatting, no heap. */
	static final String LAST_RESORT = "The command ran out of memory. Give it more with -Xmx, e.g. java " + LARGER_HEAP
			+ " -jar persona-engine.jar ...";

}
