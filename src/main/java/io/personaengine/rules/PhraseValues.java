package io.personaengine.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.parser.lang.dsl.DSLMappingEntry;

/**
 * Values written into a phrase of a .dslr ({@code because they said "hi"}) that the phrase's DRL
 * puts between quotes ({@code "{reason}"}, or {@code '{reason}'}, which Drools reads as text
 * too), and that hold that quote, which ends the DRL text there, or a {@code \}, which escapes
 * what follows. Drools then reports what it stumbles on after it, in the consequence at the
 * rule's line ("Rule Compilation error ... Syntax error on token"), or a text never closed; or
 * nothing, when the rest reads as DRL ({@code XX' || country != 'YY} makes a condition always
 * true). Between ' a {@code "} breaks the text as well: Drools turns {@code 'say "hi"'} into
 * {@code "say "hi""} (a consequence that does not compile, a condition that never holds). A .dsl
 * cannot escape a value, so such a value is refused where the character is.
 */
final class PhraseValues {

	private static final char FILLER = '\0';

	private PhraseValues() {
	}

	static List<RuleProblem> in(RuleSources sources) {
		List<RuleProblem> problems = new ArrayList<>();
		List<DSLMappingEntry> conditions = phrases(sources, DSLMappingEntry.CONDITION);
		List<DSLMappingEntry> consequences = phrases(sources, DSLMappingEntry.CONSEQUENCE);
		for (String file : sources.dslrFiles()) {
			DslrRules rules = sources.rules(file);
			for (int line = 1; line <= rules.lineCount(); line++) {
				DslrRules.Part part = rules.part(line);
				String text = rules.line(line);
				String trimmed = text.strip();
				if (part == DslrRules.Part.NONE || trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")
						|| trimmed.startsWith(">")) {
					continue;
				}
				problems.addAll(quoted(file, line, text, (part == DslrRules.Part.CONDITIONS) ? conditions : consequences));
			}
		}
		return problems;
	}

	/** The phrases of one section, and those of any, in the expander's order. */
	private static List<DSLMappingEntry> phrases(RuleSources sources, DSLMappingEntry.Section section) {
		return sources.phrases()
			.stream()
			.filter((phrase) -> phrase.getSection() == DSLMappingEntry.ANY || phrase.getSection() == section)
			.toList();
	}

	/**
	 * The values of {@code line} that go between quotes and break out of them. The phrases are
	 * tried in the expander's order, each where no phrase before it matched: what one matched is
	 * DRL, not phrases, when the next is tried.
	 */
	private static List<RuleProblem> quoted(String file, int line, String text, List<DSLMappingEntry> phrases) {
		List<RuleProblem> problems = new ArrayList<>();
		char[] left = text.toCharArray();
		for (DSLMappingEntry phrase : phrases) {
			Matcher matcher = phrase.getKeyPattern().matcher(new String(left));
			while (matcher.find()) {
				List<Map.Entry<String, Integer>> variables = phrase.getVariables()
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByValue())
					.toList();
				for (Map.Entry<String, Integer> variable : variables) {
					String value = matcher.group(variable.getValue());
					char quote = (value != null) ? quoteAround(phrase.getValuePattern(), variable.getKey()) : 0;
					int at = (quote != 0) ? firstOf(value, quote) : -1;
					if (at >= 0) {
						int column = RuleSources.inCharacters(text, matcher.start(variable.getValue()) + at + 1);
						problems.add(new RuleProblem(file, line, column, reason(variable.getKey(), value.charAt(at), quote)));
					}
				}
				Arrays.fill(left, matcher.start(), matcher.end(), FILLER);
			}
		}
		return problems;
	}

	/**
	 * The quote the phrase's DRL writes the variable ({@code {reason}}, or {@code {reason!uc}})
	 * between, " or ', or 0 when it is written outside any text.
	 */
	private static char quoteAround(String drl, String variable) {
		Matcher written = Pattern.compile("\\{" + Pattern.quote(variable) + "(?:![^}]*)?\\}").matcher(drl);
		while (written.find()) {
			char quote = 0;
			for (int i = 0; i < written.start(); i++) {
				char c = drl.charAt(i);
				if (quote != 0 && c == '\\') {
					i++;
				}
				else if (quote != 0 && c == quote) {
					quote = 0;
				}
				else if (quote == 0 && (c == '"' || c == '\'')) {
					quote = c;
				}
			}
			if (quote != 0) {
				return quote;
			}
		}
		return 0;
	}

	private static int firstOf(String value, char quote) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == quote || c == '"' || c == '\\') {
				return i;
			}
		}
		return -1;
	}

	private static String reason(String variable, char character, char quote) {
		return "the " + variable + " must not contain " + character + ": the phrase writes it between quotes in DRL, "
				+ switch (character) {
					case '\\' -> "where a \\ escapes the character after it; write / instead";
					case '\'' -> "where this ' would end the text; write ’ or “ ” instead";
					default -> (quote == '"') ? "where this \" would end the text; write ' or “ ” instead"
							: "where Drools turns the ' ' around it into \" \", which this \" would end; write “ ” instead";
				};
	}

}
