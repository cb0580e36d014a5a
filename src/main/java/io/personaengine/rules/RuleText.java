package io.personaengine.rules;

import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text of a file of the rules folder as its readers take it. Windows editors (Notepad before
 * 2019, "UTF-8 with BOM" elsewhere) start a UTF-8 file with a byte order mark, which no reader
 * skips: Drools took it for a character of the DRL ("mismatched input"), YAML for part of the
 * first key (thresholds.yaml "expected lines of the form name: value"). It says nothing, so it
 * is left out, as the CSV exports' one is.
 */
public final class RuleText {

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private RuleText() {
	}

	/** {@code content} without a leading UTF-8 byte order mark. */
	public static byte[] withoutByteOrderMark(byte[] content) {
		return startsWithByteOrderMark(content) ? Arrays.copyOfRange(content, BYTE_ORDER_MARK.length, content.length)
				: content;
	}

	/** Every file of {@code files} as {@link #withoutByteOrderMark} reads it. */
	static SortedMap<String, byte[]> read(SortedMap<String, byte[]> files) {
		SortedMap<String, byte[]> read = new TreeMap<>();
		files.forEach((path, content) -> read.put(path, withoutByteOrderMark(content)));
		return read;
	}

	private static boolean startsWithByteOrderMark(byte[] content) {
		return content.length >= BYTE_ORDER_MARK.length
				&& Arrays.equals(content, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
	}

}
