package io.personaengine.batch;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * How far a run has got: rows read so far, shown on standard error at most once a second for
 * inputs that take a while, and customers decided of how many, for a run stopped midway to say.
 */
public final class Progress {

	/**
	 * A progress that prints nothing, for a run no one watches (an upload over REST). A new one
	 * each time: a run counts its rows and customers in it, and runs go on at once.
	 */
	public static Progress silent() {
		return new Progress(null);
	}

	private final PrintWriter out;

	private long started;

	private long lastPrinted;

	private long rows;

	/** The input being read, null before the first. */
	private String reading;

	/** Customers to decide, once every input has been read; -1 before. */
	private long customers = -1;

	private long decided;

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
	 * e.g. when work done meanwhile failed. A new instance, so that this one is left as it was.
	 */
	Progress checking(Runnable check) {
		return new Progress(this.out, check);
	}

	void start(CsvSource source) {
		this.reading = source.name();
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

	/** Every input is read: {@code customers} are to be decided. */
	void deciding(long customers) {
		this.customers = customers;
	}

	/** {@code customers} more were decided and handed on. */
	void decided(long customers) {
		this.decided += customers;
	}

	/**
	 * Where the run is, to say where it stopped: "while reading orders.csv, at row 8,192" or
	 * "with 2,000 of 5,000 customers decided".
	 */
	String where() {
		if (this.customers >= 0) {
			return String.format(Locale.ROOT, "with %,d of %,d customers decided", this.decided, this.customers);
		}
		// Nothing stops a run before its first row: checks run as rows are read, and then as customers are decided.
		return String.format(Locale.ROOT, "while reading %s, at row %,d", this.reading, this.rows);
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
