package io.personaengine.facts;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.text.translate.AggregateTranslator;
import org.apache.commons.text.translate.CharSequenceTranslator;
import org.apache.commons.text.translate.EntityArrays;
import org.apache.commons.text.translate.JavaUnicodeEscaper;
import org.apache.commons.text.translate.LookupTranslator;

/**
 * What a customer id may be, and how a log line or an error message names one. An id is any text
 * up to 128 characters, used exactly as sent, but for what {@link #refusal} refuses. Where an id
 * is named, a line break in it would end the line and forge the next one, an ANSI escape would
 * restyle a terminal: control characters are written as Java escapes ({@code c\n1}), and a
 * backslash as two, so that an id that had one written out stays distinct; other characters, an
 * accent or a quote, are kept as they are, for the id to be found where it came from.
 */
public final class CustomerIds {

	/** The longest id, in UTF-16 units as Bean Validation's {@code @Size} counts. */
	public static final int MAX_LENGTH = 128;

	/**
	 * The control characters: C0, DEL and C1; the line and paragraph separators, which some log
	 * viewers break lines at too; and the bidirectional controls, which reorder how the rest of a
	 * line reads ("Trojan Source"): the embeddings, overrides and isolates, and the marks (Arabic's,
	 * left-to-right and right-to-left).
	 */
	private static final List<int[]> CONTROL_RANGES = List.of(new int[] { 0x00, 0x1f }, new int[] { 0x7f, 0x9f },
			new int[] { 0x061c, 0x061c }, new int[] { 0x200e, 0x200f }, new int[] { 0x2028, 0x2029 },
			new int[] { 0x202a, 0x202e }, new int[] { 0x2066, 0x2069 });

	private static final CharSequenceTranslator CONTROLS = new AggregateTranslator(Stream
		.concat(Stream.of(new LookupTranslator(Map.of("\\", "\\\\")), new LookupTranslator(EntityArrays.JAVA_CTRL_CHARS_ESCAPE)),
				CONTROL_RANGES.stream().map((range) -> JavaUnicodeEscaper.between(range[0], range[1])))
		.toArray(CharSequenceTranslator[]::new));

	private CustomerIds() {
	}

	/** {@code customerId} in one line, its control characters escaped; null if it is null. */
	public static String inMessage(String customerId) {
		return CONTROLS.translate(customerId);
	}

	/**
	 * Why {@code customerId}, not blank, cannot be an id; null if it can. An id is used as sent, so
	 * one with whitespace at either end would be another customer than the id without it (the CSV
	 * imports, which trim every value, would read it as that one); and no system's ids hold a
	 * control character: a NUL or a line break in one is a mistake of the sender's, which no one
	 * would find again.
	 */
	public static String refusal(String customerId) {
		for (int i = 0; i < customerId.length(); i++) {
			char c = customerId.charAt(i);
			if (isControl(c)) {
				return "must not contain control characters; character " + (i + 1) + " is "
						+ String.format("U+%04X", (int) c);
			}
		}
		String stripped = stripped(customerId);
		if (stripped.length() < customerId.length()) {
			return "must not start or end with whitespace" + unseen(customerId, stripped) + ": '" + customerId
					+ "' would be another customer than '" + stripped + "'";
		}
		return null;
	}

	/**
	 * {@code customerId} without the whitespace at its ends, as {@link #refusal} counts whitespace:
	 * what the CSV imports, which trim every value, take as the id (a no-break space a spreadsheet
	 * added is trimmed there as an ordinary space is).
	 */
	public static String stripped(String customerId) {
		int start = 0;
		int end = customerId.length();
		while (start < end && isSpace(customerId.charAt(start))) {
			start++;
		}
		while (end > start && isSpace(customerId.charAt(end - 1))) {
			end--;
		}
		return customerId.substring(start, end);
	}

	/**
	 * The first character at an end that shows as nothing or as a space and is not one (a no-break
	 * space, a byte order mark), named, or nothing: the quoted ids would otherwise read alike.
	 */
	private static String unseen(String customerId, String stripped) {
		int start = customerId.indexOf(stripped);
		for (int i = 0; i < customerId.length(); i++) {
			boolean atAnEnd = i < start || i >= start + stripped.length();
			if (atAnEnd && customerId.charAt(i) != ' ') {
				return "; character " + (i + 1) + " is " + String.format("U+%04X", (int) customerId.charAt(i));
			}
		}
		return "";
	}

	private static boolean isControl(char c) {
		// Printable ASCII at once: the imports check the id of every row (540,000 of a UCI export),
		// and a stream over the ranges for each of its characters took 70 to 450 ms of a run.
		if (c >= 0x20 && c < 0x7f) {
			return false;
		}
		return CONTROL_RANGES.stream().anyMatch((range) -> c >= range[0] && c <= range[1]);
	}

	/**
	 * Whitespace as String.strip sees it, the no-break spaces a spreadsheet or a web page may add,
	 * and what shows as nothing at an end: a byte order mark a producer leaked, a zero-width space
	 * or word joiner. Inside an id the zero-width joiners stay, as emoji and Persian need them.
	 */
	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B' || c == '\u2060';
	}

}
