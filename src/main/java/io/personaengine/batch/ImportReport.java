package io.personaengine.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.personaengine.facts.CustomerIds;

/**
 * What an import did with each row of one file: rows read; rows skipped, each once with all its
 * reasons (the first ones in full with their line, then a count per reason, in which a row with
 * several reasons counts under each); rows read but not counted as orders by the format's own
 * rules (cancellations in the UCI layout); and the orders or events dated after asOf, and the
 * on-site events of customers who must consent to tracking and did not, read but ignored as the
 * rules ignore them. No row goes unaccounted.
 */
public final class ImportReport {

	static final int EXAMPLES = 10;

	private final String file;

	private final String format;

	private long rowsRead;

	private long rowsSkipped;

	private final Map<String, Long> skippedByReason = new LinkedHashMap<>();

	private final List<String> examples = new ArrayList<>();

	private final Map<String, Long> notCounted = new LinkedHashMap<>();

	private final Map<String, Long> notes = new LinkedHashMap<>();

	private long afterAsOf;

	private long withoutTrackingConsent;

	/** What {@link #afterAsOf} counts: orders (UCI invoices) or events. */
	private String afterAsOfWhat;

	/** Whether the row being read is skipped already: it is one row, whatever its reasons. */
	private boolean rowSkipped;

	/** Where in the examples the row being read is, -1 when past the first ones. */
	private int rowExample = -1;

	ImportReport(String file, String format) {
		this.file = file;
		this.format = format;
	}

	/** A row is being read: what follows until the next is about it. */
	void read() {
		this.rowsRead++;
		this.rowSkipped = false;
	}

	/** The row being read cannot be used, for {@code reason}: called once per reason it has. */
	void skip(long line, String reason, String detail) {
		this.skippedByReason.merge(reason, 1L, Long::sum);
		// A quoted value can span lines, and may hold any control character (it is what the file
		// says): the report keeps one line per skipped row, escaped as a customer id in a log line.
		String why = reason + ((detail != null) ? " (" + CustomerIds.inMessage(detail) + ")" : "");
		if (this.rowSkipped) {
			if (this.rowExample >= 0) {
				this.examples.set(this.rowExample, this.examples.get(this.rowExample) + "; " + why);
			}
			return;
		}
		this.rowSkipped = true;
		this.rowsSkipped++;
		this.rowExample = (this.examples.size() < EXAMPLES) ? this.examples.size() : -1;
		if (this.rowExample >= 0) {
			this.examples.add("line " + line + ": " + why);
		}
	}

	void notCounted(String reason) {
		this.notCounted.merge(reason, 1L, Long::sum);
	}

	/** Rows kept, with something worth knowing (a country name that maps to no ISO code). */
	void note(String reason) {
		this.notes.merge(reason, 1L, Long::sum);
	}

	/** {@code count} more {@code what} (orders, events) dated after asOf: read, then ignored by the rules. */
	void afterAsOf(String what, long count) {
		this.afterAsOfWhat = what;
		this.afterAsOf += count;
	}

	/** One more on-site event of a customer who must consent to tracking and did not: read, then ignored. */
	void withoutTrackingConsent() {
		this.withoutTrackingConsent++;
	}

	/** On-site events (of an events file) of customers who must consent to tracking and did not, which are ignored. */
	public long getIgnoredWithoutTrackingConsent() {
		return this.withoutTrackingConsent;
	}

	/** Orders (of an orders file) or events (of an events file) dated after asOf, which are ignored. */
	public long getIgnoredAfterAsOf() {
		return this.afterAsOf;
	}

	String ignoredAfterAsOfWhat() {
		return this.afterAsOfWhat;
	}

	public Map<String, Long> getNotes() {
		return this.notes;
	}

	public String getFile() {
		return this.file;
	}

	public String getFormat() {
		return this.format;
	}

	public long getRowsRead() {
		return this.rowsRead;
	}

	public long getRowsSkipped() {
		return this.rowsSkipped;
	}

	public Map<String, Long> getSkippedByReason() {
		return this.skippedByReason;
	}

	public List<String> getFirstSkipped() {
		return this.examples;
	}

	public Map<String, Long> getReadButNotCounted() {
		return this.notCounted;
	}

}
