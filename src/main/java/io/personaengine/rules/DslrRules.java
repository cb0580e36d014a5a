package io.personaengine.rules;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of the rules of a .dslr as Drools' expander finds them: a rule's conditions run from
 * its {@code when} to its {@code then} and are expanded with the [when] phrases, its consequence
 * runs from there to its {@code end} and is expanded with the [then] phrases; a query has
 * conditions only. Lines are those written: comments are blanked out, not taken out as the
 * expander takes them, so that lines and columns stay where they are written.
 */
final class DslrRules {

	enum Part {

		NONE, CONDITIONS, CONSEQUENCE

	}

	/** The expander's own pattern of a rule (groups 1 to 5) or a query (6 to 8), without its comments. */
	private static final Pattern RULE_OR_QUERY = Pattern.compile("^(?:\\p{Blank}*(rule\\b.+?^\\s*when\\b)(.*?)^(\\s*then)(.*?)"
			+ "(^\\s*end.*?$)|\\s*(query\\s+(?:\"[^\"]+\"|'[^']+'|\\S+)(?:\\s*\\([^)]+\\))?)(.*?)(^\\s*end.*?$))",
			Pattern.DOTALL | Pattern.MULTILINE);

	/** By line (index 0 for line 1), the line with its comments blanked out. */
	private final String[] lines;

	private final Part[] parts;

	/** By line, the line of the rule or query it belongs to; 0 outside them. */
	private final int[] ruleLines;

	private DslrRules(String[] lines) {
		this.lines = lines;
		this.parts = new Part[lines.length];
		Arrays.fill(this.parts, Part.NONE);
		this.ruleLines = new int[lines.length];
	}

	static DslrRules of(String written) {
		String text = DslrLines.COMMENT.matcher(written)
			.replaceAll((comment) -> Matcher.quoteReplacement(comment.group().replaceAll("[^\\r\\n]", " ")));
		int[] lineOf = new int[text.length() + 1];
		for (int i = 0, line = 1; i <= text.length(); i++) {
			lineOf[i] = line;
			line += (i < text.length() && text.charAt(i) == '\n') ? 1 : 0;
		}
		DslrRules rules = new DslrRules(text.split("\\R", -1));
		Matcher found = RULE_OR_QUERY.matcher(text);
		while (found.find()) {
			boolean rule = found.group(1) != null;
			int ruleLine = lineOf[found.start(rule ? 1 : 6)];
			rules.mark(lineOf, found.start(), found.end(), Part.NONE, ruleLine);
			rules.mark(lineOf, found.start(rule ? 2 : 7), found.end(rule ? 2 : 7), Part.CONDITIONS, ruleLine);
			if (rule) {
				rules.mark(lineOf, found.start(4), found.end(4), Part.CONSEQUENCE, ruleLine);
			}
		}
		return rules;
	}

	/** Marks the lines from offset {@code start} to {@code end} (the line it ends on when it ends a line). */
	private void mark(int[] lineOf, int start, int end, Part part, int ruleLine) {
		int last = lineOf[Math.max(start, end - 1)];
		for (int line = lineOf[start]; line <= last; line++) {
			this.parts[line - 1] = part;
			this.ruleLines[line - 1] = ruleLine;
		}
	}

	int lineCount() {
		return this.lines.length;
	}

	/** Line {@code line} (from 1) as written, with its comments blanked out. */
	String line(int line) {
		return this.lines[line - 1];
	}

	Part part(int line) {
		return (line > 0 && line <= this.parts.length) ? this.parts[line - 1] : Part.NONE;
	}

	/** The line of the rule or query line {@code line} is part of, or 0. */
	int ruleLine(int line) {
		return (line > 0 && line <= this.ruleLines.length) ? this.ruleLines[line - 1] : 0;
	}

}
