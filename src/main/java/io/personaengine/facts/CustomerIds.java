package io.personaengine.facts;

import java.util.Map;

import org.apache.commons.text.translate.AggregateTranslator;
import org.apache.commons.text.translate.CharSequenceTranslator;
import org.apache.commons.text.translate.EntityArrays;
import org.apache.commons.text.translate.JavaUnicodeEscaper;
import org.apache.commons.text.translate.LookupTranslator;

/**
 * A customer id as a log line or an error message names it. An id is any text up to 128
 * characters: a line break in it would end the line and forge the next one, an ANSI escape would
 * restyle a terminal. Control characters are written as Java escapes ({@code c\n1}), and a
 * backslash as two, so that an id that had one written out stays distinct; other characters, an
 * accent or a quote, are kept as they are, for the id to be found where it came from.
 */
public final class CustomerIds {

	private static final CharSequenceTranslator CONTROLS = new AggregateTranslator(new LookupTranslator(Map.of("\\", "\\\\")),
			new LookupTranslator(EntityArrays.JAVA_CTRL_CHARS_ESCAPE), JavaUnicodeEscaper.between(0x00, 0x1f),
			JavaUnicodeEscaper.between(0x7f, 0x9f),
			// Line and paragraph separators, which some log viewers break lines at too, and the
			// bidirectional controls, which reorder how the rest of a line reads ("Trojan Source").
			JavaUnicodeEscaper.between(0x2028, 0x2029), JavaUnicodeEscaper.between(0x202a, 0x202e),
			JavaUnicodeEscaper.between(0x2066, 0x2069));

	private CustomerIds() {
	}

	/** {@code customerId} in one line, its control characters escaped; null if it is null. */
	public static String inMessage(String customerId) {
		return CONTROLS.translate(customerId);
	}

}
