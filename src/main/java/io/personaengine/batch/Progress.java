package io.personaengine.batch;

import java.io.PrintWriter;

/** Rows read so far on standard error, at most once a second, for inputs that take a while. */
public final class Progress {

	public static final Progress NONE = new Progress(null);

	private final PrintWriter out;

	private long started;

	private long lastPrinted;

	private long rows;

	private final Runnable check;

	Progress(PrintWriter out) {
		this(out, () -> {
		});
	}

	private Progress(PrintWriter out, Runnable check) {
		this.out = out;
		this.check = check;
	}

	/**
	 * The same progress, also running {@code check} every 4,096 rows: it may throw to stop reading,
	 * e.g. when work done meanwhile failed. A new instance: {@link #NONE} is shared.
	 */
	Progress checking(Runnable check) {
		return new Progress(this.out, check);
	}

	void start() {
		this.started = System.nanoTime();
		this.lastPrinted = this.started;
		this.rows = 0;
	}

	void row(CsvSource source) {
		this.rows++;
		if ((this.rows & 0xFFF) != 0) {
			return;
		}
		this.check.run();
		if (this.out == null) {
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastPrinted >= 1_000_000_000L) {
			this.lastPrinted = now;
			print(source, now);
		}
	}

	/** The last word on an input that took long enough to have shown progress; quick ones say nothing. */
	void done(CsvSource source) {
		if (this.out != null && this.lastPrinted != this.started) {
			print(source, System.nanoTime());
		}
	}

	private void print(CsvSource source, long now) {
		double seconds = Math.max((now - this.started) / 1e9, 1e-9);
		double share = source.progress();
		this.out.printf("%s: %,d rows%s, %,.0f rows/s%n", source.name(), this.rows,
				(share >= 0) ? String.format(" (%.0f%%)", share * 100) : "", this.rows / seconds);
		this.out.flush();
	}

}
