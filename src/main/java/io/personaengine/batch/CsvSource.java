package io.personaengine.batch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV input: gzip or plain (told apart by its first bytes, not its name), read with a header,
 * counting the bytes consumed so that progress can say how far it is, and the lines, so that a row
 * can be told by the line of the file where it starts.
 */
final class CsvSource implements AutoCloseable {

	/**
	 * The most characters a record may have, its line break included. No row of a store export
	 * comes near; but a quote left open makes the rest of the file one value, which the parser
	 * holds whole: a 150 MB one ran {@code -Xmx320m} out of memory.
	 */
	static final int MAX_RECORD = 1_000_000;

	private final String name;

	private final long size;

	private final Counting counting;

	private final CSVParser parser;

	private final Bounded text;

	private final Map<String, Integer> columns = new HashMap<>();

	/** The columns of the header, blank names included: a value past them has no column. */
	private final int headerColumns;

	/** The blank lines before the header, which the parser never sees. */
	private final long linesBefore;

	/** The line of the file where the row last returned by {@link #records()} starts. */
	private long line;

	private CsvSource(String name, long size, Counting counting, CSVParser parser, Bounded text, long linesBefore) {
		this.name = name;
		this.size = size;
		this.counting = counting;
		this.parser = parser;
		this.text = text;
		this.linesBefore = linesBefore;
		this.headerColumns = parser.getHeaderNames().size();
	}

	/**
	 * Opens {@code in} and checks its header holds {@code required} (case-insensitive); a file
	 * without them is not in the format at all, and says which columns it does have.
	 */
	static CsvSource open(String name, long size, InputStream in, String format, List<String> required, char delimiter)
			throws IOException {
		Counting counting = new Counting(in);
		long linesBefore = 0;
		try {
			PushbackReader reader = withoutByteOrderMark(new InputStreamReader(content(counting), strictUtf8()));
			linesBefore = skipBlankLines(reader);
			FirstLine firstLine = new FirstLine(reader);
			Bounded text = new Bounded(firstLine);
			CSVParser parser;
			try {
				parser = parser(text, delimiter);
			}
			catch (IOException | UncheckedIOException ex) {
				if (ex instanceof TooLong) {
					throw ex;
				}
				// "Invalid character between encapsulated token and delimiter": names quoted and
				// separated by semicolons, as Excel writes them, are no header the parser reads.
				String hint = otherSeparator(firstLine.whole(), required);
				if (hint.isEmpty()) {
					throw ex;
				}
				throw new ImportFormatException(name + " is not " + format + hint);
			}
			Set<String> header = new HashSet<>();
			for (String column : parser.getHeaderNames()) {
				// Read by position, one of two columns of one name was never read, without a word.
				if (!column.isBlank() && !header.add(column.toLowerCase(Locale.ROOT))) {
					throw new ImportFormatException(name + " is not " + format + ": its first line names the column " + column
							+ " twice");
				}
			}
			List<String> missing = required.stream().filter((column) -> !header.contains(column.toLowerCase(Locale.ROOT))).toList();
			if (!missing.isEmpty()) {
				throw new ImportFormatException(name + " is not " + format + ": its first line should name the columns "
						+ String.join(",", required) + ", but " + (parser.getHeaderNames().isEmpty() ? "it is empty"
								: "it has " + String.join(",", parser.getHeaderNames()) + " (missing " + String.join(",", missing) + ")"
										+ otherSeparator(firstLine.whole(), required)));
			}
			firstLine.forget();
			text.recordRead();
			return new CsvSource(name, size, counting, parser, text, linesBefore);
		}
		catch (TooLong ex) {
			ImportFormatException refused = tooLong(name, "the header at line " + (linesBefore + 1));
			closeAfter(counting, refused);
			throw refused;
		}
		catch (IOException | RuntimeException ex) {
			closeAfter(counting, ex);
			throw ex;
		}
	}

	private static CSVParser parser(Reader text, char delimiter) throws IOException {
		// Blank lines kept, to be skipped by records(): a row then starts on the line after the
		// previous one ended, which tells its line. Ignored by the parser, they were not counted.
		return CSVFormat.DEFAULT.builder()
			.setDelimiter(delimiter)
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreHeaderCase(true)
			.setTrim(true)
			.setIgnoreEmptyLines(false)
			.setAllowMissingColumnNames(true)
			.get()
			.parse(text);
	}

	/**
	 * What to do about a header that names the columns but separates them with a semicolon (Excel
	 * where a comma is the decimal mark) or a tab, quoted or not: "missing customer_id" alone sent the
	 * owner looking for a column that is there, and quoted names got the parser's "invalid character
	 * between encapsulated token and delimiter". Empty when the header is not that.
	 */
	private static String otherSeparator(String line, List<String> required) {
		for (char other : new char[] { ';', '\t' }) {
			Set<String> columns = new HashSet<>();
			for (String column : line.split(java.util.regex.Pattern.quote(String.valueOf(other)))) {
				String name = column.strip();
				if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
					name = name.substring(1, name.length() - 1).strip();
				}
				columns.add(name.toLowerCase(Locale.ROOT));
			}
			if (required.stream().allMatch((column) -> columns.contains(column.toLowerCase(Locale.ROOT)))) {
				return ": its columns are separated by " + ((other == ';') ? "semicolons (';')" : "tabs")
						+ ", not commas; save it as CSV with commas (in Excel: CSV UTF-8 (Comma delimited))";
			}
		}
		return "";
	}

	/** Refused before a CsvSource exists to be closed: an upload's temporary file stays open otherwise. */
	private static void closeAfter(InputStream in, Exception ex) {
		try {
			in.close();
		}
		catch (IOException closing) {
			ex.addSuppressed(closing);
		}
	}

	private static ImportFormatException tooLong(String name, String what) {
		return new ImportFormatException(name + ": " + what + " is longer than " + String.format(Locale.ROOT, "%,d", MAX_RECORD)
				+ " characters, which no row of an export is: is a quote left open (the rest of the file is then one value)?");
	}

	/**
	 * {@code reader} past a leading byte order mark: Excel's "CSV UTF-8" starts with one, which
	 * would otherwise be part of the first column's name.
	 */
	private static PushbackReader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader);
		int first = pushback.read();
		if (first >= 0 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

	/**
	 * Reads {@code reader} past the blank lines before the header (the parser, keeping blank lines,
	 * would take the first for the header) and says how many there were: CR, LF and CRLF each end
	 * one, as for the parser.
	 */
	private static long skipBlankLines(PushbackReader reader) throws IOException {
		long lines = 0;
		int previous = -1;
		int c = reader.read();
		while (c == '\r' || c == '\n') {
			if (c == '\r' || previous != '\r') {
				lines++;
			}
			previous = c;
			c = reader.read();
		}
		if (c >= 0) {
			reader.unread(c);
		}
		return lines;
	}

	/** The bytes of {@code in}, gunzipped when they start with the gzip magic number. */
	private static InputStream content(InputStream in) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
		buffered.mark(2);
		int first = buffered.read();
		int second = buffered.read();
		buffered.reset();
		return (first == 0x1f && second == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
	}

	/**
	 * A decoder that stops at bytes that are not UTF-8. Replacing them with U+FFFD, as a
	 * Reader does by default, turned the Latin-1 m\xfcller, m\xf6ller and m\xe4ller into one
	 * customer without a word.
	 */
	private static CharsetDecoder strictUtf8() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/**
	 * What stopped reading {@code name}, told so that its owner can fix the file; {@code reopen}
	 * reads it again to find the line of bytes that are not UTF-8, which the failed read, having
	 * decoded ahead of the parser, cannot tell.
	 */
	static String unreadable(String name, String format, IOException ex, Segmentation.Opener reopen) {
		if (ex instanceof CharacterCodingException) {
			long line = lineOfInvalidUtf8(reopen);
			return name + " is not UTF-8 text: invalid bytes" + ((line > 0) ? " at line " + line : "")
					+ "; save it as UTF-8";
		}
		// Only gzip reading throws these: a plain file has no length to fall short of.
		if (ex instanceof EOFException || ex instanceof ZipException) {
			return name + " is not a readable gzip file: "
					+ ((ex instanceof EOFException) ? "it ends too early (cut short?)" : ex.getMessage());
		}
		return name + " could not be read as " + format + ": " + ex.getMessage();
	}

	/** The line (from 1) of the first bytes that are not UTF-8, or 0 if it cannot be read again. */
	private static long lineOfInvalidUtf8(Segmentation.Opener reopen) {
		try (InputStream in = content(reopen.open())) {
			CharsetDecoder decoder = strictUtf8();
			ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
			// UTF-8 never decodes to more chars than bytes: this never overflows.
			CharBuffer chars = CharBuffer.allocate(1 << 16);
			long line = 1;
			while (true) {
				int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
				bytes.position(bytes.position() + Math.max(n, 0));
				bytes.flip();
				CoderResult result = decoder.decode(bytes, chars, n < 0);
				chars.flip();
				while (chars.hasRemaining()) {
					if (chars.get() == '\n') {
						line++;
					}
				}
				chars.clear();
				if (result.isError()) {
					return line;
				}
				if (n < 0) {
					return 0;
				}
				bytes.compact();
			}
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The rows after the header, without blank lines; read once. */
	Iterable<CSVRecord> records() {
		return Rows::new;
	}

	/** The line of the file (from 1) where the row last returned by {@link #records()} starts. */
	long line() {
		return this.line;
	}

	String name() {
		return this.name;
	}

	/** Share of the file read, 0 to 1, or -1 when the size is unknown. */
	double progress() {
		return (this.size > 0) ? Math.min(1.0, (double) this.counting.count / this.size) : -1;
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

	/** The value of a column, or null when the row is too short or the column is absent. */
	String value(CSVRecord record, String column) {
		// By position, looked up once per column: by name, commons-csv searches its case-insensitive
		// header map for every value, a fifth of the time of reading a large export.
		Integer index = this.columns.get(column);
		if (index == null) {
			index = indexOf(column);
			this.columns.put(column, index);
		}
		return (index >= 0 && index < record.size()) ? record.get(index) : null;
	}

	/**
	 * Why {@code record} has values past the columns the header names, or null when it has none
	 * but blanks (a trailing comma). Such a value belongs to no column: most often a comma inside a
	 * value that is not quoted, as in a decimal comma, {@code 1234,56} read as 1234 with {@code 56}
	 * dropped, which the row's own values cannot tell.
	 */
	String valuesPastTheHeader(CSVRecord record) {
		int columns = this.headerColumns;
		for (int i = columns; i < record.size(); i++) {
			if (!record.get(i).isBlank()) {
				return record.size() + " values where the first line names " + columns + " columns, '" + record.get(i)
						+ "' beyond them: a comma in a value that is not quoted, such as a decimal comma (write 1234.56, or quote the value)?";
			}
		}
		return null;
	}

	private int indexOf(String column) {
		for (Map.Entry<String, Integer> header : this.parser.getHeaderMap().entrySet()) {
			if (header.getKey() != null && header.getKey().equalsIgnoreCase(column)) {
				return header.getValue();
			}
		}
		return -1;
	}

	/**
	 * The parser's records without blank lines, noting where each starts: on the line after the
	 * one where the record before it ended, which is where the parser stands once it has read a
	 * record (it reads no further until asked for the next). Each record, the header and blank
	 * lines included, is held to {@link #MAX_RECORD} exactly here, once the next one shows where
	 * it ended.
	 */
	private final class Rows implements Iterator<CSVRecord> {

		private final Iterator<CSVRecord> records = CsvSource.this.parser.iterator();

		private long ended = CsvSource.this.linesBefore + CsvSource.this.parser.getCurrentLineNumber();

		/** Where the record last read (at first, the header) starts: character and line. */
		private long started;

		private long startedLine = CsvSource.this.linesBefore + 1;

		private CSVRecord next;

		private long nextLine;

		@Override
		public boolean hasNext() {
			while (this.next == null && more()) {
				CSVRecord record = this.records.next();
				endsAt(record.getCharacterPosition());
				long starts = this.ended + 1;
				this.started = record.getCharacterPosition();
				this.startedLine = starts;
				this.ended = CsvSource.this.linesBefore + CsvSource.this.parser.getCurrentLineNumber();
				CsvSource.this.text.recordRead();
				// A blank line, or one of only spaces: trimmed, a single empty value.
				if (record.size() > 1 || !record.get(0).isEmpty()) {
					this.next = record;
					this.nextLine = starts;
				}
			}
			return this.next != null;
		}

		private boolean more() {
			boolean more;
			try {
				more = this.records.hasNext();
			}
			catch (UncheckedIOException ex) {
				if (ex.getCause() instanceof TooLong) {
					throw tooLong(CsvSource.this.name, "the row at line " + (this.ended + 1));
				}
				throw ex;
			}
			if (!more) {
				// At the end of the text: the parser has read all there was, and the last record ends there.
				endsAt(CsvSource.this.text.read);
			}
			return more;
		}

		/** The record last read ends at character {@code end}. */
		private void endsAt(long end) {
			if (end - this.started > MAX_RECORD) {
				throw tooLong(CsvSource.this.name, (this.started == 0) ? "the header at line " + this.startedLine
						: "the row at line " + this.startedLine);
			}
		}

		@Override
		public CSVRecord next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			CSVRecord record = this.next;
			this.next = null;
			CsvSource.this.line = this.nextLine;
			return record;
		}

	}

	/**
	 * The first line of the text, kept as the parser reads it, for the separator a header that is
	 * not the format's may have ({@link #otherSeparator}). It was peeked at before parsing, up to
	 * 4,096 characters, where a pushback buffer of that size held it: a longer header, as an export
	 * of many columns has, lost its last names and got no hint. Kept up to {@link #MAX_RECORD}, the
	 * most a header may have, and dropped once the header is read.
	 */
	private static final class FirstLine extends FilterReader {

		private StringBuilder line = new StringBuilder();

		/** A line break (or the limit) has been read: nothing more is kept. */
		private boolean ended;

		FirstLine(Reader in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			if (c >= 0 && !this.ended) {
				keep((char) c);
			}
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			for (int i = 0; i < n && !this.ended; i++) {
				keep(buffer[offset + i]);
			}
			return n;
		}

		private void keep(char c) {
			if (c == '\n' || c == '\r' || this.line.length() >= MAX_RECORD) {
				this.ended = true;
			}
			else {
				this.line.append(c);
			}
		}

		/**
		 * The first line, read on to its end where the parser stopped short of it (at a quote it
		 * could not read); as much as could be read if the rest cannot.
		 */
		String whole() {
			try {
				while (!this.ended) {
					int c = super.read();
					if (c < 0) {
						this.ended = true;
					}
					else {
						keep((char) c);
					}
				}
			}
			catch (IOException ex) {
				// Bytes that are not UTF-8 further on: the line up to them tells what it can.
			}
			return this.line.toString();
		}

		/** The header is read: its line is no longer needed, nor kept. */
		void forget() {
			this.ended = true;
			this.line = null;
		}

	}

	/**
	 * The text as the parser reads it, stopped once the record being read is certainly longer than
	 * {@link #MAX_RECORD}, before the parser holds much more of it. The parser reads ahead (some
	 * thousand characters): this is checked only when it asks for more, with that much to spare,
	 * so that it never stops a record within the limit; {@link Rows} holds each record to it exactly.
	 */
	private static final class Bounded extends FilterReader {

		private static final int READ_AHEAD = 1 << 16;

		private long read;

		/** What had been read when the parser last finished a record: the one it reads started before. */
		private long recordRead;

		Bounded(Reader in) {
			super(in);
		}

		void recordRead() {
			this.recordRead = this.read;
		}

		@Override
		public int read() throws IOException {
			check();
			int c = super.read();
			if (c >= 0) {
				this.read++;
			}
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int length) throws IOException {
			check();
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				this.read += n;
			}
			return n;
		}

		private void check() throws TooLong {
			if (this.read - this.recordRead > MAX_RECORD + READ_AHEAD) {
				throw new TooLong();
			}
		}

	}

	/** A record longer than {@link #MAX_RECORD}: told by the caller, who knows its line. */
	private static final class TooLong extends IOException {

		TooLong() {
			super("record longer than " + MAX_RECORD + " characters");
		}

	}

	private static final class Counting extends FilterInputStream {

		private volatile long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

}
