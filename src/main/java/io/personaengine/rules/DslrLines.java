package io.personaengine.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which written line of a .dslr each line Drools reads comes from. Drools' expander keeps the
 * lines of a .dslr but for two things: it takes every {@code /* ... *}{@code /} comment out whole
 * first, so a comment over three lines moves every later line up by two, and a phrase whose DRL
 * holds a line break ({@code \n} in the .dsl) becomes two lines or more, moving every later line
 * down. Drools counts the lines of the expanded DRL for its parser and compiler, and the lines
 * left after the comments are taken out for the expander's own problems ("Unable to expand").
 * <p>
 * The line breaks of phrases are told apart by expanding the file a second time with each of
 * them written as {@link #MARK}: that expansion has one line per line left after the comments,
 * and the marks say where the real one breaks a line. When the second expansion is not the first
 * with its marks as line breaks, or a keyword of the .dsl breaks lines (keywords are expanded
 * before the expander counts its lines), lines are taken as written.
 */
final class DslrLines {

	/** Stands for a line break in a phrase's DRL: a character of Unicode's private use area. */
	static final String MARK = "\uE000";

	/** As Drools' DefaultExpander takes comments out. */
	static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

	static final DslrLines AS_WRITTEN = new DslrLines(null, null);

	/** By line Drools compiled (index 0 for line 1), the written line it comes from; null: the same. */
	private final int[] compiled;

	/** By line the expander counts, with the comments taken out, the written line it comes from. */
	private final int[] expander;

	private DslrLines(int[] compiled, int[] expander) {
		this.compiled = compiled;
		this.expander = expander;
	}

	/**
	 * {@code compiled} is what Drools compiles of {@code written}, {@code marked} the same
	 * expansion with the line breaks of phrases as {@link #MARK}.
	 */
	static DslrLines of(String written, String compiled, String marked) {
		String[] markedLines = marked.split("\\R", -1);
		int[] expander = withoutComments(written);
		if (written.contains(MARK) || markedLines.length != expander.length
				|| !Arrays.equals(compiled.split("\\R", -1), marked.replace(MARK, "\n").split("\\R", -1))) {
			return AS_WRITTEN;
		}
		List<Integer> lines = new ArrayList<>();
		for (int line = 0; line < markedLines.length; line++) {
			int breaks = markedLines[line].split(MARK, -1).length - 1;
			for (int i = 0; i <= breaks; i++) {
				lines.add(expander[line]);
			}
		}
		return new DslrLines(lines.stream().mapToInt(Integer::intValue).toArray(), expander);
	}

	/** By line of the text with its comments taken out, the written line it starts on. */
	private static int[] withoutComments(String written) {
		List<Integer> lines = new ArrayList<>(List.of(1));
		Matcher comment = COMMENT.matcher(written);
		int commentStart = comment.find() ? comment.start() : -1;
		int line = 1;
		for (int i = 0; i < written.length(); i++) {
			if (i == commentStart) {
				line += (int) written.substring(comment.start(), comment.end()).chars().filter((c) -> c == '\n').count();
				i = comment.end() - 1;
				commentStart = comment.find() ? comment.start() : -1;
			}
			else if (written.charAt(i) == '\n') {
				lines.add(++line);
			}
		}
		return lines.stream().mapToInt(Integer::intValue).toArray();
	}

	/** The written line of line {@code line} of the DRL Drools compiled (0 stays 0: no line). */
	int ofCompiled(int line) {
		return at(this.compiled, line);
	}

	/** The written line of a line as the expander counts it, in its own problems. */
	int ofExpander(int line) {
		return at(this.expander, line);
	}

	private static int at(int[] lines, int line) {
		return (lines != null && line > 0 && line <= lines.length) ? lines[line - 1] : line;
	}

}
