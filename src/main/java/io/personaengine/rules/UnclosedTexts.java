package io.personaengine.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A text ({@code "..."} or {@code '...'}) or a comment ({@code /* ... *}{@code /}) left open in
 * a rule file, found as Drools' lexer reads the file: a quote opens a text that only the same
 * quote closes (a backslash escapes the character after it), and outside texts {@code //} and
 * {@code /*} open comments. Drools itself says nothing of the quote: it reads on to the next
 * quote or to the end of the file and reports what it finds there ("mismatched input ''" at the
 * end of the file, or a stack trace).
 */
final class UnclosedTexts {

	/**
	 * What was opened ({@code "}, {@code '} or {@code /*}), where (line and column from 1, in
	 * UTF-16 units as Drools counts them), and where it was closed: line 0 when the file ends first.
	 */
	record Open(String opener, int line, int column, int endLine, int endColumn) {

		boolean closed() {
			return this.endLine > 0;
		}

		boolean comment() {
			return this.opener.equals("/*");
		}

	}

	/**
	 * The first text that runs past the end of its line, which in rules is almost always one whose
	 * closing quote is missing (the quote that closes it is the opening quote of the next text),
	 * and what the end of the file leaves open, if anything.
	 */
	record Found(Open firstOverLines, Open atEnd) {
	}

	private UnclosedTexts() {
	}

	/** What sees each character of code, outside texts and comments: where it is, line and column from 1 in UTF-16 units. */
	interface Code {

		void at(char c, int line, int column);

	}

	/**
	 * {@code drl} with its texts and comments blanked out, line breaks kept: what is code stays
	 * where it is, so that a search of the code finds nothing inside a text or a comment.
	 */
	static String code(String drl) {
		char[] code = new char[drl.length()];
		List<Integer> lineStarts = new ArrayList<>(List.of(0));
		for (int i = 0; i < code.length; i++) {
			char c = drl.charAt(i);
			code[i] = (c == '\n' || c == '\r') ? c : ' ';
			if (c == '\n') {
				lineStarts.add(i + 1);
			}
		}
		in(drl, (c, line, column) -> code[lineStarts.get(line - 1) + column - 1] = c);
		return new String(code);
	}

	static Found in(String drl) {
		return in(drl, (c, line, column) -> {
		});
	}

	/** What is left open in {@code drl}, showing {@code code} each character of code as it goes. */
	static Found in(String drl, Code code) {
		Open overLines = null;
		Open atEnd = null;
		int line = 1;
		int column = 1;
		// What is open: 0, a quote, '/' for a line comment or '*' for a block comment.
		char open = 0;
		int openLine = 0;
		int openColumn = 0;
		for (int i = 0; i < drl.length(); i++) {
			char c = drl.charAt(i);
			char next = (i + 1 < drl.length()) ? drl.charAt(i + 1) : 0;
			int skip = 0;
			if (open == 0) {
				if (c == '"' || c == '\'') {
					open = c;
				}
				else if (c == '/' && (next == '/' || next == '*')) {
					open = (next == '/') ? '/' : '*';
					skip = 1;
				}
				openLine = (open != 0) ? line : 0;
				openColumn = (open != 0) ? column : 0;
				if (open == 0) {
					code.at(c, line, column);
				}
			}
			else if (open == '/') {
				open = (c == '\n') ? 0 : open;
			}
			else if (open == '*') {
				if (c == '*' && next == '/') {
					open = 0;
					skip = 1;
				}
			}
			else if (c == '\\') {
				skip = 1;
			}
			else if (c == open) {
				if (overLines == null && line != openLine) {
					overLines = new Open(String.valueOf(open), openLine, openColumn, line, column);
				}
				open = 0;
			}
			for (int j = i; j <= i + skip && j < drl.length(); j++) {
				line += (drl.charAt(j) == '\n') ? 1 : 0;
				column = (drl.charAt(j) == '\n') ? 1 : column + 1;
			}
			i += skip;
		}
		if (open != 0 && open != '/') {
			atEnd = new Open((open == '*') ? "/*" : String.valueOf(open), openLine, openColumn, 0, 0);
		}
		return new Found(overLines, atEnd);
	}

}
