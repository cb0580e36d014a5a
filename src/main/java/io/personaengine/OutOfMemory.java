package io.personaengine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command that runs out of heap says so in one line, with where it was, the heap it had and
 * how to give it more (out of threads, metaspace, compressed class space or direct buffer memory, the limit to raise for
 * that), and exits with {@link ExitStatus#OUT_OF_MEMORY}: the JVM's own
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
	 * The line telling that {@code command} ran out of heap, {@code where} it was (e.g. "while
	 * reading orders.csv, at row 32,768"), what it {@code left} ("; nothing was written to
	 * out.csv", or nothing) and what it {@code needs}; the headroom is let go first.
	 */
	public String line(String command, String where, String left, String needs) {
		return line(command, where, left, needs, null);
	}

	/**
	 * The line telling that {@code command} ran out of what {@code thrown} (running out of memory,
	 * or caused by it) says, as {@link #line(String, String, String, String)} does for the heap.
	 * Not all of it is the heap, nor is more heap the cure: the JVM says "unable to create native
	 * thread" when the system will not start another thread, "Metaspace" when the classes it
	 * loads (the rules compile to classes) fill theirs, and "direct buffer memory" when the
	 * buffers kept outside the heap fill theirs; each has a limit of its own to raise.
	 */
	public String line(String command, String where, String left, String needs, Throwable thrown) {
		release();
		String message = message(thrown);
		if (threads(message)) {
			return String.format(Locale.ROOT, "%s could not start a thread %s%s (OutOfMemoryError: %s): the system limits the "
					+ "processes and threads a user may run (ulimit -u; a container's pids limit), and the memory for their stacks. "
					+ "Raise the limit, or run fewer programs at once.", command, where, left, message);
		}
		if (classSpace(message)) {
			return String.format(Locale.ROOT, "%s ran out of compressed class space, the part of metaspace for the classes it "
					+ "loads (the rules compile to classes), %s%s. Give it more with -XX:CompressedClassSpaceSize, e.g. java "
					+ "-XX:CompressedClassSpaceSize=2g -jar persona-engine.jar %s ... (1 GB by default; up to 3 GB), or leave the "
					+ "option out.", command, where, left, command);
		}
		if (metaspace(message)) {
			return String.format(Locale.ROOT, "%s ran out of metaspace, the memory for the classes it loads (the rules compile to "
					+ "classes), %s%s. Give it more with -XX:MaxMetaspaceSize, e.g. java -XX:MaxMetaspaceSize=512m -jar "
					+ "persona-engine.jar %s ..., or leave the option out: by default it has no bound.", command, where, left, command);
		}
		if (direct(message)) {
			return String.format(Locale.ROOT, "%s ran out of direct buffer memory, kept outside the heap, %s%s. Give it more with "
					+ "-XX:MaxDirectMemorySize, e.g. java -XX:MaxDirectMemorySize=512m -jar persona-engine.jar %s ... (by default "
					+ "it is as large as the heap).", command, where, left, command);
		}
		long heap = Runtime.getRuntime().maxMemory();
		return String.format(Locale.ROOT, "%s ran out of memory %s, with a heap of %,d MB%s. Give it more with -Xmx, e.g. java %s "
				+ "-jar persona-engine.jar %s ...: %s.", command, where, Math.round(heap / (1024.0 * 1024.0)), left, LARGER_HEAP,
				command, needs);
	}

	/** "unable to create native thread: possible out of memory or process/resource limits reached": the system would not start one. */
	private static boolean threads(String message) {
		return message.contains("native thread");
	}

	/**
	 * The part of metaspace that holds the classes' own structures, under compressed pointers, filled
	 * up: a bound of its own ({@code -XX:CompressedClassSpaceSize}), which raising the metaspace's
	 * does not lift.
	 */
	private static boolean classSpace(String message) {
		return message.contains("Compressed class space");
	}

	/** The memory of the classes filled up. */
	private static boolean metaspace(String message) {
		return message.contains("Metaspace");
	}

	/** "Cannot reserve 8192 bytes of direct buffer memory (allocated: ..., limit: ...)" in Java 17, "Direct buffer memory" before. */
	private static boolean direct(String message) {
		return message.contains("direct buffer memory") || message.contains("Direct buffer memory");
	}

	/**
	 * What a class that could not be initialised because the memory ran out says from then on:
	 * Drools compiles on several threads, and the one that ran out inside a class's initialiser
	 * (its Java lexer) may not be the one whose failure it reports; the others meet a
	 * NoClassDefFoundError caused by a record of the error, which keeps only its message
	 * ("Exception java.lang.OutOfMemoryError: Java heap space [in thread ...]").
	 */
	private static final Pattern IN_INITIALIZER = Pattern.compile("Exception java\\.lang\\.OutOfMemoryError(?:: (.*?))?(?: \\[in thread .*\\])?$");

	/** The message of the OutOfMemoryError {@code thrown} is or was caused by; "" if none. */
	private static String message(Throwable thrown) {
		OutOfMemoryError error = error(thrown);
		return (error != null && error.getMessage() != null) ? error.getMessage() : "";
	}

	/**
	 * Whether {@code thrown} is running out of memory, or was caused by it: Drools compiles on
	 * threads of its own and throws "Rules compilation failed or interrupted" for an
	 * OutOfMemoryError there, which would otherwise be told as a bug.
	 */
	public static boolean behind(Throwable thrown) {
		return error(thrown) != null;
	}

	private static OutOfMemoryError error(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof OutOfMemoryError error) {
				return error;
			}
			Matcher initializer = (cause instanceof ExceptionInInitializerError && cause.getMessage() != null)
					? IN_INITIALIZER.matcher(cause.getMessage()) : null;
			if (initializer != null && initializer.lookingAt()) {
				return new OutOfMemoryError(initializer.group(1));
			}
		}
		return null;
	}

	/** Said by the jar when even the command's own line could not be made: no formatting, no heap. */
	private static final String LAST_RESORT = "The command ran out of memory. Give it more with -Xmx, e.g. java " + LARGER_HEAP
			+ " -jar persona-engine.jar ...";

	private static final String LAST_RESORT_THREADS = "The command could not start a thread. Raise the system's limit on the "
			+ "processes and threads a user may run (ulimit -u), or run fewer programs at once.";

	private static final String LAST_RESORT_METASPACE = "The command ran out of metaspace. Give it more with -XX:MaxMetaspaceSize, "
			+ "e.g. java -XX:MaxMetaspaceSize=512m -jar persona-engine.jar ...";

	private static final String LAST_RESORT_CLASS_SPACE = "The command ran out of compressed class space. Give it more with "
			+ "-XX:CompressedClassSpaceSize, e.g. java -XX:CompressedClassSpaceSize=2g -jar persona-engine.jar ...";

	private static final String LAST_RESORT_DIRECT = "The command ran out of direct buffer memory. Give it more with "
			+ "-XX:MaxDirectMemorySize, e.g. java -XX:MaxDirectMemorySize=512m -jar persona-engine.jar ...";

	/**
	 * {@link #LAST_RESORT}, or its like for what else {@code thrown} says ran out: constants chosen
	 * without a string made, when the heap, or the memory to load a class, may not allow one.
	 */
	static String lastResort(Throwable thrown) {
		String message = message(thrown);
		if (threads(message)) {
			return LAST_RESORT_THREADS;
		}
		if (classSpace(message)) {
			return LAST_RESORT_CLASS_SPACE;
		}
		if (metaspace(message)) {
			return LAST_RESORT_METASPACE;
		}
		return direct(message) ? LAST_RESORT_DIRECT : LAST_RESORT;
	}

}
