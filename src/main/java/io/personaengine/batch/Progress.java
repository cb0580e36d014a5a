package io.personaengine.batch;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

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

	// What where() tells is read by the thread that keeps --timeout while the run's thread works:
	// volatile, and the rows set lazily, without a fence on the path of every row.

	/** Rows read of the input being read. */
	private final AtomicLong rows = new AtomicLong();

	/** The input being read (or last read), null before the first. */
	private volatile String reading;

	/** Whether the last row of {@link #reading} was read. */
	private volatile boolean read;

	/** Whether the run waits for the rules, which it needs before it reads on. */
	private volatile boolean waitingForRules;

	/** What the import of each input did, once every input has been read; empty before. */
	private volatile List<ImportReport> imports = List.of();

	/** Customers to decide, once every input has been read; -1 before. */
	private volatile long customers = -1;

	private volatile long decided;

	/** Nothing more is printed once the run has been stopped and said so; guarded by this. */
	private boolean silenced;

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

	/** The input {@code name} is opened, before anything of it is read, which may wait (a pipe). */
	void opening(String name) {
		this.rows.set(0);
		this.read = false;
		this.reading = name;
	}

	void start() {
		this.started = System.nanoTime();
		this.lastPrinted = this.started;
	}

	void row(CsvSource source) {
		long rows = this.rows.get() + 1;
		this.rows.lazySet(rows);
		if ((rows & 0xFFF) != 0) {
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

	/** Whether the run waits for the rules, to read on or to decide. */
	void waitingForRules(boolean waiting) {
		this.waitingForRules = waiting;
	}

	/** Every input is read, each as {@code imports} says. */
	void read(List<ImportReport> imports) {
		this.imports = List.copyOf(imports);
	}

	/**
	 * What the import of each input did, known before the first decision: a streamed answer, which
	 * has no summary, tells its caller from it that rows were skipped.
	 */
	public List<ImportReport> imports() {
		return this.imports;
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
	 * Where the run is, to say where it stopped: "while reading orders.csv, at row 8,192", "while
	 * reading orders.csv, before its first row" (a pipe nobody writes to), "with orders.csv read
	 * (3 rows), the rules still compiling" or "with 2,000 of 5,000 customers decided". Told by
	 * another thread while the run goes on, it may be a row or a chunk behind.
	 */
	String where() {
		if (this.customers >= 0) {
			return String.format(Locale.ROOT, "with %,d of %,d customers decided", this.decided, this.customers);
		}
		String input = this.reading;
		if (input == null) {
			return "before reading its inputs";
		}
		long rows = this.rows.get();
		if (this.waitingForRules) {
			return String.format(Locale.ROOT, "with %s read (%,d rows), the rules still compiling", input, rows);
		}
		if (this.read) {
			return String.format(Locale.ROOT, "with %s read (%,d rows)", input, rows);
		}
		if (rows == 0) {
			return "while reading " + input + ", before its first row";
		}
		return String.format(Locale.ROOT, "while reading %s, at row %,d", input, rows);
	}

	/** The last word on an input that took long enough to have shown progress; quick ones say nothing. */
	void done(CsvSource source) {
		this.read = true;
		if (this.out != null && this.lastPrinted != this.started) {
			print(source, System.nanoTime());
		}
	}

	/**
	 * Prints nothing more: the run was stopped and that was said, in the one line after which
	 * nothing of it is to show, though its thread may go on a while.
	 */
	synchronized void silence() {
		this.silenced = true;
	}

	private synchronized void print(CsvSource source, long now) {
		if (this.silenced) {
			return;
		}
		long rows = this.rows.get();
		double seconds = Math.max((now - this.started) / 1e9, 1e-9);
		double share = source.progress();
		this.out.printf("%s: %,d rows%s, %,.0f rows/s%n", source.name(), rows,
				(share >= 0) ? String.format(" (%.0f%%)", share * 100) : "", rows / seconds);
		this.out.flush();
	}

}
