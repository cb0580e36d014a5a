package io.personaengine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.rules.RuleSources.Constraint;

/**
 * Conditions written with Drools' {@code str[...]} operators ({@code segment str[startsWith]
 * "COUNTRY_"}), refused where the operator is, saying what to write instead. Drools 10.2 compiles
 * a condition to bytecode once it has been evaluated about 20 times, and for these operators the
 * bytecode calls {@code EvaluatorHelper.initOperators} with a signature the method no longer has:
 * from then on every decision the condition takes part in fails with {@code NoSuchMethodError}.
 * Validation and scenarios evaluate it too few times to see it, so it would break live decisions.
 * Switching that compiling off ({@code drools.jittingThreshold=-1}) would keep the operators
 * working at the cost of every other condition, which then takes more than twice the CPU. Drools
 * has fixed its call (apache/incubator-kie-drools#6711) after 10.2: with a release that has the
 * fix, this check can go.
 */
final class StrOperators {

	/** The operator, not a field or an array named {@code str} ({@code $c.str[0]}). */
	private static final Pattern OPERATOR = Pattern.compile("(?<![\\w$.])str\\s*\\[\\s*(startsWith|endsWith|length)\\s*\\]");

	/** What the operator compares, written just before it: {@code segment}, {@code $c.country}, perhaps with {@code not}. */
	private static final Pattern LEFT = Pattern.compile("(?<![\\w$.])([\\w$][\\w$.]*)\\s+(not\\s+)?$");

	/** What it is compared with, just after it: a text, a number or a name. */
	private static final Pattern RIGHT = Pattern.compile("\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[\\w$.]+)");

	/**
	 * A .dsl line defining a phrase conditions may be written with: "[when]", "[condition]", "[*]"
	 * or "[keyword]", perhaps with "[Type]" after it.
	 */
	private static final Pattern CONDITION_PHRASE = Pattern.compile("\\s*\\[(?i:when|condition|\\*|keyword)\\](?:\\[[^\\]]*\\])?");

	private StrOperators() {
	}

	/**
	 * Every {@code str[...]} of the conditions of {@code sources}, at the line and column (from 1,
	 * in UTF-16 units) of the file as Drools compiled it: for a .dslr, after expansion. With
	 * {@code phrasesBlamed}, those a .dslr line has from a phrase are left out: {@link #inPhrases}
	 * says them where the phrase is defined, the one place to put them right.
	 */
	static List<RuleProblem> in(RuleSources sources, boolean phrasesBlamed) {
		List<RuleProblem> problems = new ArrayList<>();
		for (Constraint constraint : sources.constraints()) {
			String expression = constraint.expression();
			Matcher operator = OPERATOR.matcher(UnclosedTexts.code(expression));
			while (operator.find()) {
				String before = expression.substring(0, operator.start());
				int breaks = (int) before.chars().filter((c) -> c == '\n').count();
				int line = constraint.line() + breaks;
				if (phrasesBlamed && constraint.file().endsWith(".dslr")
						&& !OPERATOR.matcher(sources.written(constraint.file(), sources.writtenLine(constraint.file(), line))).find()) {
					continue;
				}
				int column = (breaks == 0) ? constraint.column() + operator.start()
						: operator.start() - before.lastIndexOf('\n');
				problems.add(new RuleProblem(constraint.file(), line, column, problem(expression, operator)));
			}
		}
		return problems;
	}

	/**
	 * Every {@code str[...]} in the DRL of a phrase of the .dsl files conditions may be written
	 * with, at its line and column there, whether a .dslr uses the phrase or not (one that does
	 * not yet will). A then phrase's DRL is Java, where {@code str[...]} is no operator.
	 */
	static List<RuleProblem> inPhrases(RuleSources sources) {
		List<RuleProblem> problems = new ArrayList<>();
		for (String file : sources.languages()) {
			List<String> lines = sources.writtenLines(file);
			for (int index = 0; index < lines.size(); index++) {
				String line = lines.get(index);
				Matcher phrase = CONDITION_PHRASE.matcher(line);
				int equals = phrase.lookingAt() ? definitionEquals(line, phrase.end()) : -1;
				if (equals < 0) {
					continue;
				}
				String drl = line.substring(equals + 1);
				Matcher operator = OPERATOR.matcher(UnclosedTexts.code(drl));
				while (operator.find()) {
					problems.add(new RuleProblem(file, index + 1, line.codePointCount(0, equals + 1 + operator.start()) + 1,
							problem(drl, operator)));
				}
			}
		}
		return problems;
	}

	/** Where the phrase of a .dsl line ends and its DRL starts: its first '=' not escaped, or -1. */
	private static int definitionEquals(String line, int from) {
		for (int i = from; i < line.length(); i++) {
			if (line.charAt(i) == '\\') {
				i++;
			}
			else if (line.charAt(i) == '=') {
				return i;
			}
		}
		return -1;
	}

	private static String problem(String expression, Matcher operator) {
		return "str[" + operator.group(1) + "] fails at run time with this version of Drools (NoSuchMethodError "
				+ "...initOperators, once the condition has been evaluated about 20 times, too few for "
				+ "validation or scenarios to show it); " + instead(expression, operator);
	}

	/** What to write: the String method that does what the operator does, with what it compares when that is plain. */
	private static String instead(String expression, Matcher operator) {
		String name = operator.group(1);
		Matcher left = LEFT.matcher(expression.substring(0, operator.start()));
		Matcher right = RIGHT.matcher(expression.substring(operator.end()));
		if (!left.find() || !right.lookingAt()) {
			return "write the String method instead, as in " + switch (name) {
				case "length" -> "segment.length() == 10";
				case "endsWith" -> "segment.endsWith( \"_SE\" )";
				default -> "segment.startsWith( \"COUNTRY_\" )";
			};
		}
		boolean not = left.group(2) != null;
		if (name.equals("length")) {
			return "write " + left.group(1) + ".length() " + (not ? "!=" : "==") + " " + right.group(1) + " instead";
		}
		return "write " + (not ? "!" : "") + left.group(1) + "." + name + "( " + right.group(1) + " ) instead";
	}

}
