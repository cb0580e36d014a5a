package io.personaengine.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.personaengine.catalogue.Catalogue;
import io.personaengine.facts.Thresholds;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;

/**
 * One compiled, immutable version of the rules folder. {@code version} is a content hash of its
 * files, so the same files always give the same version. {@code sessions} hands out rules
 * sessions of this version: a session given back is reset and reused, because building one
 * costs more than most decisions. {@code ids} are the persona, segment and action ids it knows,
 * {@code locations} where each rule is written, by rule name (should two packages use one
 * name, the first), which the KieBase does not keep. {@code warnings}: what it goes live with
 * that an analyst should put right, such as a segment the catalogue does not describe.
 */
public record RuleSet(String version, KieBase kieBase, Thresholds thresholds, Catalogue catalogue,
		List<String> files, List<String> ruleNames, Instant loadedAt, RuleIds ids, Map<String, Location> locations,
		List<RuleProblem> warnings, KieSessionsPool sessions) {

	public RuleSet(String version, KieBase kieBase, Thresholds thresholds, Catalogue catalogue, List<String> files,
			List<String> ruleNames, Instant loadedAt, RuleIds ids, Map<String, Location> locations,
			List<RuleProblem> warnings) {
		// One session to start with: the pool grows to the number of decisions running at once.
		// Candidates that are rejected or only validated never need more.
		this(version, kieBase, thresholds, catalogue, files, ruleNames, loadedAt, ids, Map.copyOf(locations),
				List.copyOf(warnings), kieBase.newKieSessionsPool(1));
	}

	/**
	 * Where a rule is written: its file (relative to the rules folder) and the line of its name;
	 * and the expression of each of its {@code from}s, which name it when one throws
	 * (RuleFrames): MVEL runs them without a trace of the rule.
	 */
	public record Location(String file, int line, List<String> froms) {

		public Location(String file, int line) {
			this(file, line, List.of());
		}

	}

	/** The same rules with other thresholds (a batch's {@code --aov}); same KieBase, same version. */
	public RuleSet withThresholds(Thresholds other) {
		return new RuleSet(this.version, this.kieBase, other, this.catalogue, this.files, this.ruleNames, this.loadedAt,
				this.ids, this.locations, this.warnings, this.sessions);
	}

}
