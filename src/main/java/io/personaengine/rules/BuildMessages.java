package io.personaengine.rules;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.rules.RuleSources.Definition;
import io.personaengine.rules.UnclosedTexts.Open;

/**
 * Drools' build problems, said about what the analyst wrote, and one it does not find. They need the sources:
 * <ul>
 * <li>A duplicate rule name is blamed on whichever of the two rules Drools meets second, in an
 * order of its own (adding a rule named like one in segments.drl blamed segments.drl). The
 * rule that was live keeps its name; the other one is the problem, naming where the name is
 * already used. Without a live rule set, the first by file and line keeps it.</li>
 * <li>A .dslr is compiled after expansion, so a column Drools gives on a line that an expansion
 * changed counts characters of DRL the analyst never wrote: it is dropped, and the DRL the line
 * became is shown instead. On a line left as written, or passed through after a '>', it is right
 * and kept.</li>
 * <li>A .dslr line that no phrase of the .dsl files matches is only "Unable to expand" to Drools:
 * the problem says how to write it, and what Drools' parser says of the line left as written, or
 * its compiler of the consequence the line is in, is dropped.</li>
 * <li>A constraint Drools cannot read is placed where its pattern starts, lines before it when the
 * pattern spans several: the problem is placed at the constraint its message names, when the
 * pattern has exactly one constraint written so.</li>
 * <li>A condition written with a {@code str[...]} operator compiles, and fails at run time
 * ({@link StrOperators}): it is refused, at the operator.</li>
 * <li>A text whose closing quote is missing is read on to the next quote or to the end of the file,
 * and Drools reports what it stumbles on there, if not a stack trace: the problems from the quote
 * on are one, at the quote.</li>
 * </ul>
 * Drools counts a column in UTF-16 units, where an emoji is two: it is counted in characters.
 */
final class BuildMessages {

	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate rule name: (.+)$");

	/**
	 * From the third rule of one name on, Drools also compiles a Java class per rule under a name
	 * already taken: "The type Rule_RecentFrequentBuyerIsLoyal0 is already defined".
	 */
	private static final Pattern CLASS_ALREADY_DEFINED = Pattern.compile("The type Rule_\\S* is already defined");

	private static final String UNABLE_TO_EXPAND = "Unable to expand: ";

	/** How Drools begins a problem of the Java it compiles of a rule: its consequence, above all. */
	private static final String RULE_COMPILATION = "Rule Compilation error";

	/** How the messages of Drools' DRL parser begin: "[ERR 102] mismatched input ...". */
	private static final Pattern PARSER = Pattern.compile("^\\[ERR \\d+\\]");

	/** The problems of Drools' expander itself, which counts lines before it expands them. */
	private static final Pattern EXPANDER = Pattern.compile(
			"Unable to expand|No pattern was found to add|No modify was found to add|No mapping entries for expanding");

	/** Messages that name the constraint they are about, as it is written. */
	private static final Pattern CONSTRAINT = Pattern.compile("^Unable to Analyse Expression (.+?): \\[Error"
			+ "|^Predicate '(.+)' must be a Boolean expression|^Field Reader does not exist for declaration '[^']*' in '(.+)' in the rule");

	private final RuleSources sources;

	private final RuleSet previous;

	/** Duplicated names by package, each with the problem Drools gave for it. */
	private final Map<List<String>, RuleProblem> duplicates = new LinkedHashMap<>();

	BuildMessages(RuleSources sources, RuleSet previous) {
		this.sources = sources;
		this.previous = previous;
	}

	void add(RuleProblem problem, List<RuleProblem> problems) {
		Matcher duplicate = DUPLICATE.matcher(problem.message());
		if (duplicate.matches()) {
			RuleProblem written = written(problem);
			String packageName = this.sources.definitions()
				.stream()
				.filter((rule) -> rule.file().equals(written.file()) && rule.line() == written.line())
				.map(Definition::packageName)
				.findFirst()
				.orElse(null);
			this.duplicates.putIfAbsent(java.util.Arrays.asList(packageName, duplicate.group(1)), written);
			return;
		}
		problems.add(written(inCharacters(inDslr(unexpanded(atConstraint(problem))))));
	}

	/**
	 * The problem at its written line: in a .dslr, lines Drools counts after expansion, or the
	 * expander after taking the comments out, are not always those written (DslrLines).
	 */
	private RuleProblem written(RuleProblem problem) {
		int line = EXPANDER.matcher(problem.message()).lookingAt()
				? this.sources.writtenLineOfExpander(problem.file(), problem.line())
				: this.sources.writtenLine(problem.file(), problem.line());
		return (line == problem.line()) ? problem : new RuleProblem(problem.file(), line, problem.column(), problem.message());
	}

	/** The written line of a line of a file as Drools compiled it: for a .dslr, after expansion. */
	int writtenLine(String file, int line) {
		return this.sources.writtenLine(file, line);
	}

	/**
	 * A problem about a constraint, at the constraint, when its pattern (where Drools places it,
	 * or anywhere in the file when Drools gives no line) has exactly one constraint written so.
	 */
	private RuleProblem atConstraint(RuleProblem problem) {
		Matcher named = CONSTRAINT.matcher(problem.message());
		if (!named.find()) {
			return problem;
		}
		String expression = spaced(java.util.stream.IntStream.rangeClosed(1, 3)
			.mapToObj(named::group)
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElseThrow());
		List<RuleSources.Constraint> written = this.sources.constraints()
			.stream()
			.filter((constraint) -> constraint.file().equals(problem.file()) && (problem.line() <= 0
					|| constraint.patternLine() == problem.line()
							&& (problem.column() <= 0 || constraint.patternColumn() == problem.column())))
			.filter((constraint) -> spaced(constraint.expression()).equals(expression))
			.toList();
		return (written.size() == 1) ? new RuleProblem(problem.file(), written.get(0).line(), written.get(0).column(),
				problem.message()) : problem;
	}

	/** Drools' messages are read on one line, with one space where the file may have more, or a line break. */
	private static String spaced(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	/**
	 * A .dslr line no phrase matches is a phrase the language does not have, or DRL, which Drools
	 * reads as written only after a '>'. Drools says "Unable to expand" and no more.
	 */
	private RuleProblem unexpanded(RuleProblem problem) {
		if (!problem.file().endsWith(".dslr") || !problem.message().startsWith(UNABLE_TO_EXPAND)
				|| this.sources.languages().isEmpty()) {
			return problem;
		}
		// A line of a consequence comes with its indentation.
		String line = problem.message().substring(UNABLE_TO_EXPAND.length()).strip();
		return new RuleProblem(problem.file(), problem.line(), problem.column(), UNABLE_TO_EXPAND + line + ": no phrase of "
				+ String.join(" or ", this.sources.languages()) + " matches this line; write it with one of its phrases, "
				+ "or start it with '>' to have it read as DRL, as written");
	}

	private RuleProblem inCharacters(RuleProblem problem) {
		if (problem.column() <= 0) {
			return problem;
		}
		int column = inCharacters(problem.file(), problem.line(), problem.column());
		return (column == problem.column()) ? problem
				: new RuleProblem(problem.file(), problem.line(), column, problem.message());
	}

	/**
	 * Column {@code column} (from 1, in UTF-16 units) of a line as Drools compiled it, in
	 * characters; where it is kept, a line of a .dslr reads as written.
	 */
	int inCharacters(String file, int line, int column) {
		return RuleSources.inCharacters(this.sources.expanded(file, line), column);
	}

	/**
	 * Adds the duplicate names, each blamed on the rule that took a name already in use, in place
	 * of what Drools said about them, and a text left open in place of what Drools said after it.
	 */
	void finish(List<RuleProblem> problems) {
		List<Definition> named = this.sources.definitions()
			.stream()
			.filter((rule) -> this.duplicates.keySet().stream().anyMatch((key) -> key.get(1).equals(rule.name())))
			.toList();
		problems.removeIf((problem) -> CLASS_ALREADY_DEFINED.matcher(problem.message()).find() && named.stream()
			.anyMatch((rule) -> rule.file().equals(problem.file()) && rule.line() == problem.line()));
		this.duplicates.forEach((key, droolsProblem) -> {
			String packageName = key.get(0);
			String name = key.get(1);
			List<Definition> rules = this.sources.definitions()
				.stream()
				.filter((rule) -> rule.name().equals(name) && (packageName == null || rule.packageName().equals(packageName)))
				.sorted(Comparator.comparing(Definition::file).thenComparingInt(Definition::line))
				.toList();
			if (rules.size() < 2) {
				problems.add(droolsProblem);
				return;
			}
			Definition kept = kept(rules);
			rules.stream()
				.filter((rule) -> rule != kept)
				.forEach((rule) -> problems.add(new RuleProblem(rule.file(), rule.line(), 0, "rule name \"" + name
						+ "\" is already used by the rule at " + kept.where() + "; give this rule a name of its own")));
		});
		// Before a text left open takes the problems after it: a str[...] there is no condition.
		List<RuleProblem> inPhrases = StrOperators.inPhrases(this.sources);
		StrOperators.in(this.sources, !inPhrases.isEmpty()).forEach((problem) -> add(problem, problems));
		problems.addAll(inPhrases);
		unclosed(problems);
		parsedUnexpanded(problems);
		phraseValues(problems);
	}

	/**
	 * A value a phrase puts between quotes that holds a quote (PhraseValues) is the one problem of
	 * its line, and of its rule's consequence, which Drools compiles as one piece of Java and
	 * reports at the rule's line.
	 */
	private void phraseValues(List<RuleProblem> problems) {
		List<RuleProblem> values = PhraseValues.in(this.sources);
		problems.removeIf((problem) -> values.stream()
			.anyMatch((value) -> value.file().equals(problem.file()) && (value.line() == problem.line()
					|| problem.message().startsWith(RULE_COMPILATION) && inConsequenceOf(value, problem.line()))));
		problems.addAll(values);
	}

	/** Whether the problem is in the consequence of the rule at {@code ruleLine} of its .dslr. */
	private boolean inConsequenceOf(RuleProblem problem, int ruleLine) {
		DslrRules rules = this.sources.rules(problem.file());
		return rules != null && rules.part(problem.line()) == DslrRules.Part.CONSEQUENCE
				&& rules.ruleLine(problem.line()) == ruleLine;
	}

	/**
	 * A .dslr line no phrase matches is left as written, and Drools' parser stumbles on it if it
	 * is not DRL ("mismatched input 'customer'"), or its Java compiler on the consequence it is
	 * in, at the rule's line ("Rule Compilation error Send cannot be resolved to a type"): the
	 * line's own problem says what is wrong, and how to write it. Problems of other lines are kept.
	 */
	private void parsedUnexpanded(List<RuleProblem> problems) {
		List<RuleProblem> unexpanded = problems.stream()
			.filter((problem) -> problem.file().endsWith(".dslr") && problem.message().startsWith(UNABLE_TO_EXPAND))
			.toList();
		problems.removeIf((problem) -> unexpanded.stream()
			.anyMatch((line) -> line.file().equals(problem.file())
					&& (PARSER.matcher(problem.message()).lookingAt() && line.line() == problem.line()
							|| problem.message().startsWith(RULE_COMPILATION) && inConsequenceOf(line, problem.line()))));
	}

	/**
	 * Replaces the problems of a file from a text or comment left open on with one, where it is
	 * opened. A text that runs past its line (which a condition cannot have, nor Java code) is
	 * taken for one left open when the quotes of the file do not pair up, or when Drools stumbles
	 * after it on the line where it ends; otherwise Drools' own problems are kept.
	 */
	private void unclosed(List<RuleProblem> problems) {
		for (String file : problems.stream().map(RuleProblem::file).distinct().toList()) {
			String compiled = this.sources.compiled(file);
			Open open = (compiled != null) ? leftOpen(file, UnclosedTexts.in(compiled), problems) : null;
			if (open == null) {
				continue;
			}
			int line = writtenLine(file, open.line());
			int column = inCharacters(file, open.line(), open.column());
			problems.removeIf((problem) -> problem.file().equals(file) && (problem.line() > line
					|| problem.line() == line && (problem.column() == 0 || problem.column() >= column)));
			String what = open.comment() ? "the comment opened here with /*" : "the text opened here with " + open.opener();
			add(new RuleProblem(file, open.line(), open.column(), open.closed()
					? what + " is not closed on its line: it runs on to the " + open.opener() + " on line "
							+ writtenLine(file, open.endLine()) + "; close it where it should end"
					: what + " is never closed: the rest of the file is read as part of it"), problems);
		}
	}

	private Open leftOpen(String file, UnclosedTexts.Found found, List<RuleProblem> problems) {
		Open first = (found.firstOverLines() != null) ? found.firstOverLines() : found.atEnd();
		if (first == null || !first.closed() || (found.atEnd() != null && !found.atEnd().comment())) {
			return first;
		}
		int end = inCharacters(file, first.endLine(), first.endColumn());
		int endLine = writtenLine(file, first.endLine());
		boolean stumbled = problems.stream()
			.anyMatch((problem) -> problem.file().equals(file) && problem.line() == endLine
					&& (problem.column() == 0 || problem.column() > end));
		return stumbled ? first : found.atEnd();
	}

	private Definition kept(List<Definition> rules) {
		RuleSet.Location live = (this.previous != null) ? this.previous.locations().get(rules.get(0).name())
				: null;
		if (live != null) {
			for (Definition rule : rules) {
				if (rule.file().equals(live.file())) {
					return rule;
				}
			}
		}
		return rules.get(0);
	}

	private RuleProblem inDslr(RuleProblem problem) {
		if (!problem.file().endsWith(".dslr") || problem.column() <= 0) {
			return problem;
		}
		String expanded = this.sources.expanded(problem.file(), problem.line());
		if (this.sources.readsAsWritten(problem.file(), problem.line())) {
			return problem;
		}
		return new RuleProblem(problem.file(), problem.line(), 0,
				problem.message() + " (this line reads in DRL as: " + expanded.strip() + ")");
	}

}
