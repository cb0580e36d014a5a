package io.personaengine.rules;

import java.util.ArrayList;
import java.util.List;

import io.personaengine.rules.RuleSources.Reference;

/**
 * Conditions that compare a persona or a segment with an id nobody knows
 * ({@code the customer is in segment LOAYL}): such a condition never holds and says nothing, so
 * the rule set is refused. Known are the ids of the catalogue and those some rule produces.
 */
final class UnknownIds {

	private UnknownIds() {
	}

	static List<RuleProblem> in(RuleSources sources, RuleIds ids) {
		List<RuleProblem> problems = new ArrayList<>();
		for (Reference reference : sources.references()) {
			boolean persona = reference.kind().equals(RuleSources.PERSONA);
			RuleIds.Known known = persona ? ids.personas() : ids.segments();
			if (!known.contains(reference.id())) {
				problems.add(new RuleProblem(reference.file(), reference.line(), reference.column(), "unknown "
						+ reference.kind() + " '" + reference.id() + "': the condition could never hold; known "
						+ reference.kind() + "s are those of " + (persona ? RuleFiles.PERSONA_CATALOGUE : RuleFiles.SEGMENT_CATALOGUE)
						+ " and those rules add: " + known.describe()));
			}
		}
		return problems;
	}

}
