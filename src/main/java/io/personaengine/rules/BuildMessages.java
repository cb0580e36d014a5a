package io.personaengine.rules;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.rules.RuleSources.Definition;

/**
 * Drools' build problems, said about what the analyst wrote. Three of them need the sources:
 * <ul>
 * <li>A duplicate rule name is blamed on whichever of the two rules Drools meets second, in an
 * order of its own (adding a rule named like one in segments.drl blamed segments.drl). The
 * rule that was live keeps its name; the other one is the problem, naming where the name is
 * already used. Without a live rule set, the first by file and line keeps it.</li>
 * <li>A .dslr is compiled after expansion, so a column Drools gives on a line that an expansion
 * changed counts characters of DRL the analyst never wrote: it is dropped, and the DRL the line
 * became is shown instead. On a line left as written it is right and kept.</li>
 * <li>A .dslr line that no phrase of the .dsl files matches is only "Unable to expand" to Drools:
 * the problem says how to write it.</li>
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
			String packageName = this.sources.definitions()
				.stream()
				.filter((rule) -> rule.file().equals(problem.file()) && rule.line() == problem.line())
				.map(Definition::packageName)
				.findFirst()
				.orElse(null);
			this.duplicates.putIfAbsent(java.util.Arrays.asList(packageName, duplicate.group(1)), problem);
			return;
		}
		problems.add(inCharacters(inDslr(unexpanded(problem))));
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
		return new RuleProblem(problem.file(), problem.line(), problem.column(), problem.message() + ": no phrase of "
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
	 * of what Drools said about them.
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
		if (expanded.equals(this.sources.written(problem.file(), problem.line()))) {
			return problem;
		}
		return new RuleProblem(problem.file(), problem.line(), 0,
				problem.message() + " (this line reads in DRL as: " + expanded.strip() + ")");
	}

}
