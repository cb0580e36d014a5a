package io.personaengine.rules;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text of a file of the rules folder as its readers take it. Windows editors (Notepad before
 * 2019, "UTF-8 with BOM" elsewhere) start a UTF-8 file with a byte order mark, which no reader
 * skips: Drools took it for a character of the DRL ("mismatched input"), YAML for part of the
 * first key (thresholds.yaml "expected lines of the form name: value"). It says nothing, so it
 * is left out, as the CSV exports' one is. A file that is not UTF-8 (saved as Windows-1252 or
 * Latin-1) was read with U+FFFD for its accented letters, which a rule's reason then sent to
 * customers ("G\uFFFDteborg"), or stopped YAML at the start of its entry in Java's words: it is
 * a problem at the line and column of its first such byte.
 */
public final class RuleText {

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/** What Windows editors and Excel save in Western Europe, when not UTF-8. */
	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	/** The first bytes of a file that are not UTF-8: at a line and a column (in characters), from 1. */
	public record NotUtf8(int line, int column, String reason) {
	}

	private RuleText() {
	}

	/** {@code content} without a leading UTF-8 byte order mark. */
	public static byte[] withoutByteOrderMark(byte[] content) {
		return startsWithByteOrderMark(content) ? Arrays.copyOfRange(content, BYTE_ORDER_MARK.length, content.length)
				: content;
	}

	/**
	 * Every file of {@code files} without its byte order mark; one that is not UTF-8 is a problem,
	 * and is read on with U+FFFD for what is not, so that its other problems are said too.
	 */
	static SortedMap<String, byte[]> read(SortedMap<String, byte[]> files, List<RuleProblem> problems) {
		SortedMap<String, byte[]> read = new TreeMap<>();
		files.forEach((path, written) -> {
			byte[] content = withoutByteOrderMark(written);
			NotUtf8 notUtf8 = notUtf8(content);
			if (notUtf8 != null) {
				problems.add(new RuleProblem(path, notUtf8.line(), notUtf8.column(), notUtf8.reason()));
				content = asUtf8(content);
			}
			read.put(path, content);
		});
		return read;
	}

	/** Where {@code content} stops being UTF-8, or null if it is UTF-8 throughout. */
	public static NotUtf8 notUtf8(byte[] content) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(content);
		// UTF-8 never decodes to more chars than bytes.
		CharBuffer before = CharBuffer.allocate(content.length);
		CoderResult result = decoder.decode(bytes, before, true);
		if (!result.isError()) {
			return null;
		}
		String text = before.flip().toString();
		int lineStart = text.lastIndexOf('\n') + 1;
		int line = (int) text.chars().filter((c) -> c == '\n').count() + 1;
		int column = text.codePointCount(lineStart, text.length()) + 1;
		byte first = content[bytes.position()];
		String windows1252 = new String(new byte[] { first }, WINDOWS_1252);
		String hint = (windows1252.charAt(0) == '\uFFFD' || Character.isISOControl(windows1252.charAt(0))) ? ""
				: " (in Windows-1252, as older Windows editors and Excel save, it is '" + windows1252 + "')";
		return new NotUtf8(line, column, String.format("not UTF-8 text: byte 0x%02X here is no UTF-8 character%s; "
				+ "save the file as UTF-8", first & 0xFF, hint));
	}

	/** {@code content} as UTF-8, U+FFFD for what is not. */
	public static byte[] asUtf8(byte[] content) {
		return new String(content, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
	}

	private static boolean startsWithByteOrderMark(byte[] content) {
		return content.length >= BYTE_ORDER_MARK.length
				&& Arrays.equals(content, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
	}

}
