package io.personaengine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.personaengine.facts.Countries;
import io.personaengine.rules.RuleSources.Form;
import io.personaengine.rules.RuleSources.Reference;
import org.mvel2.util.ParseTools;

/**
 * Conditions that compare a persona, a segment or an action with an id nobody knows
 * ({@code the customer is in segment LOAYL}): such a comparison never holds, or always does
 * ({@code segment != "LOAYL"}), and says nothing, so the rule set is refused. Known are the ids
 * of the catalogue and those some rule produces. So with a customer's country written otherwise
 * than the facts hold it ({@code the customer lives in Sweden}, {@code se}, {@code UK}).
 */
final class UnknownIds {

	private UnknownIds() {
	}

	/** The code {@code written} probably means, as the imports read it: " (SE)" for "se", " (GB for UK)", " (SE for Sweden)". */
	private static String country(String written) {
		String code = Countries.iso(written);
		if (code == null) {
			return " (SE, GB, US, ...)";
		}
		return code.equalsIgnoreCase(written) ? " (" + code + ")" : " (" + code + " for " + written + ")";
	}

	static List<RuleProblem> in(RuleSources sources, RuleIds ids) {
		List<RuleProblem> problems = new ArrayList<>();
		for (Reference reference : sources.references()) {
			if (reference.kind().equals(RuleSources.COUNTRY)) {
				if (!someCountry(reference)) {
					problems.add(new RuleProblem(reference.file(), reference.line(), reference.column(), noCountry(reference)
							+ ": " + consequence(reference) + "; a customer's country is an ISO 3166-1 alpha-2 code in capitals"
							+ ((reference.form() == Form.NUMBER) ? ", a text in quotes (\"SE\")" : country(reference.id()))));
				}
				continue;
			}
			RuleIds.Known known = switch (reference.kind()) {
				case RuleSources.PERSONA -> ids.personas();
				case RuleSources.SEGMENT -> ids.segments();
				default -> ids.actions();
			};
			if (!known.contains(reference.id())) {
				String hint = known.hint(reference.id());
				problems.add(new RuleProblem(reference.file(), reference.line(), reference.column(), "unknown "
						+ reference.kind() + " '" + reference.id() + "'" + (hint.isEmpty() ? "" : " (" + hint + ")") + ": "
						+ consequence(reference) + "; known " + reference.kind() + "s are "
						+ knownFrom(reference.kind()) + ": " + known.describe()));
			}
		}
		return problems;
	}

	/** Whether some customer's country can be what {@code reference} compares it with. */
	private static boolean someCountry(Reference reference) {
		return switch (reference.form()) {
			case TEXT -> Countries.isCode(reference.id());
			case NUMBER -> false;
			case ANY_CASE -> Countries.isCode(reference.id().toUpperCase(Locale.ROOT));
			case PATTERN -> Countries.anyMatches(pattern(reference.id()));
		};
	}

	/**
	 * The regular expression a text written between the quotes of {@code matches} is: Drools has
	 * MVEL compile the comparison (as its {@code ~=}), which reads escapes as Java does, so
	 * {@code "S\\w"} is {@code S\w} and {@code "\\d\\d"} is {@code \d\d}. Null for a text MVEL
	 * refuses ({@code "S\w"}, an illegal escape), which the build reports.
	 */
	private static String pattern(String written) {
		try {
			return ParseTools.handleStringEscapes(written.toCharArray());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** "'Sweden' is no country a customer has", said as the comparison is written. */
	private static String noCountry(Reference reference) {
		return switch (reference.form()) {
			case TEXT -> "'" + reference.id() + "' is no country a customer has";
			case NUMBER -> "the number " + reference.id() + " is no country a customer has";
			case ANY_CASE -> "'" + reference.id() + "' is no country a customer has, in capitals or not";
			case PATTERN -> "the pattern '" + reference.id() + "' matches no country a customer has";
		};
	}

	/**
	 * What comparing with an id no customer ever has amounts to: for the condition when the
	 * comparison is all of it, else for the comparison alone, since what the rest of the
	 * condition makes of it ({@code !( segment == "X" || ... )}) is not said simply.
	 */
	private static String consequence(Reference reference) {
		return switch (reference.comparison()) {
			case EQUAL -> (reference.part() == null) ? "the condition could never hold"
					: "the comparison " + reference.part() + " is always false";
			case NOT_EQUAL -> (reference.part() == null) ? "the condition always holds"
					: "the comparison " + reference.part() + " is always true";
			case IN -> "it could never match, so it adds nothing to the list";
			case NOT_IN -> "it could never match, so leaving it out excludes no one";
		};
	}

	private static String knownFrom(String kind) {
		return switch (kind) {
			case RuleSources.PERSONA -> "those of " + RuleFiles.PERSONA_CATALOGUE + " and those rules add";
			case RuleSources.SEGMENT -> "those of " + RuleFiles.SEGMENT_CATALOGUE + " and those rules add";
			// A catalogue's defaultActions describe; only a rule recommends.
			default -> "those rules recommend";
		};
	}

}
