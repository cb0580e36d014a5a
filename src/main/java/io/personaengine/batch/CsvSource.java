package io.personaengine.batch;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
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

	private final String name;

	private final long size;

	private final Counting counting;

	private final CSVParser parser;

	private final Map<String, Integer> columns = new HashMap<>();

	/** The blank lines before the header, which the parser never sees. */
	private final long linesBefore;

	/** The line of the file where the row last returned by {@link #records()} starts. */
	private long line;

	private CsvSource(String name, long size, Counting counting, CSVParser parser, long linesBefore) {
		this.name = name;
		this.size = size;
		this.counting = counting;
		this.parser = parser;
		this.linesBefore = linesBefore;
	}

	/**
	 * Opens {@code in} and checks its header holds {@code required} (case-insensitive); a file
	 * without them is not in the format at all, and says which columns it does have.
	 */
	static CsvSource open(String name, long size, InputStream in, String format, List<String> required, char delimiter)
			throws IOException {
		Counting counting = new Counting(in);
		try {
			PushbackReader reader = withoutByteOrderMark(new InputStreamReader(content(counting), strictUtf8()));
			long linesBefore = skipBlankLines(reader);
			// Blank lines kept, to be skipped by records(): a row then starts on the line after the
			// previous one ended, which tells its line. Ignored by the parser, they were not counted.
			CSVParser parser = CSVFormat.DEFAULT.builder()
				.setDelimiter(delimiter)
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreHeaderCase(true)
				.setTrim(true)
				.setIgnoreEmptyLines(false)
				.setAllowMissingColumnNames(true)
				.get()
				.parse(reader);
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
								: "it has " + String.join(",", parser.getHeaderNames()) + " (missing " + String.join(",", missing) + ")"));
			}
			return new CsvSource(name, size, counting, parser, linesBefore);
		}
		catch (IOException | RuntimeException ex) {
			// Refused before a CsvSource exists to be closed: an upload's temporary file stays open otherwise.
			try {
				counting.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	/**
	 * {@code reader} past a leading byte order mark: Excel's "CSV UTF-8" starts with one, which
	 * would otherwise be part of the first column's name.
	 */
	private static PushbackReader withoutByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
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
	 * record (it reads no further until asked for the next).
	 */
	private final class Rows implements Iterator<CSVRecord> {

		private final Iterator<CSVRecord> records = CsvSource.this.parser.iterator();

		private long ended = CsvSource.this.linesBefore + CsvSource.this.parser.getCurrentLineNumber();

		private CSVRecord next;

		private long nextLine;

		@Override
		public boolean hasNext() {
			while (this.next == null && this.records.hasNext()) {
				CSVRecord record = this.records.next();
				long starts = this.ended + 1;
				this.ended = CsvSource.this.linesBefore + CsvSource.this.parser.getCurrentLineNumber();
				// A blank line, or one of only spaces: trimmed, a single empty value.
				if (record.size() > 1 || !record.get(0).isEmpty()) {
					this.next = record;
					this.nextLine = starts;
				}
			}
			return this.next != null;
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
