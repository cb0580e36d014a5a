package io.personaengine.batch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.personaengine.decisions.Deadline;

/**
 * Work run on a daemon thread of its own while the caller waits for it no longer than a deadline.
 * The work checks the deadline as it goes (every 4,096 rows, every rule firing), but cannot while
 * it is stuck: a read that blocks (a pipe nobody writes to, a terminal as standard input), the
 * rules still compiling, a rule action that never returns. Past the deadline the caller is told
 * at once and the work is abandoned: interrupted, for whatever heeds it (a read of a pipe does
 * not), and otherwise left to the exit of the JVM, a daemon holding nothing up.
 */
final class WithinDeadline {

	private WithinDeadline() {
	}

	@FunctionalInterface
	interface Work<T> {

		T run() throws IOException;

	}

	/** The deadline passed before the work ended: it was abandoned. */
	static final class Passed extends RuntimeException {

		Passed() {
			super("the deadline passed", null, false, false);
		}

	}

	/**
	 * What {@code work} returns or throws, if it ends in time.
	 * @param abandon run on the caller's thread as the deadline passes, before the work is
	 * interrupted: to see that nothing more of it shows (the work may go on a while)
	 * @throws Passed once the deadline has passed
	 */
	static <T> T call(String threadName, Deadline deadline, Work<T> work, Runnable abandon) throws IOException {
		FutureTask<T> task = new FutureTask<>(work::run);
		Thread thread = new Thread(task, threadName);
		thread.setDaemon(true);
		thread.start();
		try {
			return (deadline.budget() != null) ? task.get(deadline.nanosLeft(), TimeUnit.NANOSECONDS) : task.get();
		}
		catch (TimeoutException ex) {
			abandon.run();
			task.cancel(true);
			throw new Passed();
		}
		catch (InterruptedException ex) {
			abandon.run();
			task.cancel(true);
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for " + threadName);
		}
		catch (ExecutionException ex) {
			// As the work threw it, as if it had run on the caller's thread.
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException unchecked) {
				throw unchecked;
			}
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

}
