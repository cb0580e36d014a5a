package io.personaengine.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;

import io.personaengine.catalogue.Catalogue;
import io.personaengine.rules.RuleSources.Place;
import tools.jackson.core.TokenStreamLocation;

/**
 * Personas and segments the rules make that the catalogue does not describe: decisions name
 * them, but {@code GET /api/v1/personas} or {@code /segments} does not list them, and they have no
 * name, description or goal in any language. The rules decide the same without an entry, and an
 * analyst often writes the rule before its texts, so the rule set goes live with a warning (in
 * the reload report, the log and test-rules) rather than being refused. So with an entry whose id
 * no rule makes, a misspelling most often. Actions have no catalogue of their own: nothing is
 * said of them.
 */
final class MissingEntries {

	private MissingEntries() {
	}

	static List<RuleProblem> in(SortedMap<String, byte[]> files, RuleSources sources, Catalogue catalogue) {
		List<RuleProblem> warnings = new ArrayList<>();
		warnings.addAll(of(files, sources, RuleSources.PERSONA, RuleFiles.PERSONA_CATALOGUE, catalogue.personaIds(),
				"/api/v1/personas"));
		warnings.addAll(of(files, sources, RuleSources.SEGMENT, RuleFiles.SEGMENT_CATALOGUE, catalogue.segmentIds(),
				"/api/v1/segments"));
		return warnings;
	}

	private static List<RuleProblem> of(SortedMap<String, byte[]> files, RuleSources sources, String kind, String path,
			List<String> catalogued, String endpoint) {
		SortedMap<String, Place> made = sources.made(kind);
		SortedMap<String, Place> families = sources.families(kind);
		if (!files.containsKey(path)) {
			if (made.isEmpty() && families.isEmpty()) {
				return List.of();
			}
			// One warning for the file, not one for each of the rules' ids.
			List<String> ids = new ArrayList<>(made.keySet());
			families.keySet().forEach((prefix) -> ids.add(prefix + "xx"));
			return List.of(new RuleProblem(path, 0, 0, "missing: GET " + endpoint + " lists no " + kind + ", and the "
					+ kind + "s the rules make (" + String.join(", ", ids) + ") have no name, description or goal in any "
					+ "language; decisions still name them"));
		}
		List<RuleProblem> missing = new ArrayList<>(madeByNoRule(files.get(path), sources, kind, path, catalogued, endpoint));
		made.forEach((id, place) -> {
			if (!catalogued.contains(id)) {
				missing.add(at(place, kind + " '" + id + "' has no entry in " + path + ": decisions name it, but GET "
						+ endpoint + " does not list it, and it has no name, description or goal in any language; add an entry "
						+ "with id " + id));
			}
		});
		families.forEach((prefix, place) -> {
			if (catalogued.stream().noneMatch((id) -> RuleSources.names(id, prefix))) {
				String family = prefix.replaceAll("[^A-Za-z0-9]+$", "");
				missing.add(at(place, kind + "s " + prefix + "xx have no entry in " + path + ": decisions name them, "
						+ "but GET " + endpoint + " does not list them, and they have no name, description or goal in any "
						+ "language; add an entry with id " + family + " for them all"));
			}
		});
		// In the order written, as problems are said.
		missing.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
			.thenComparingInt(RuleProblem::column));
		return missing;
	}

	/**
	 * Each entry of catalogue file {@code path} whose id no rule makes ({@code HIGH_ROLER} where
	 * the rules make {@code HIGH_ROLLER}), at the id: the API lists it, but no decision names it,
	 * and its texts show for no one. Rules of every file count, and the ids their .dsl phrases
	 * write; a family's name ({@code COUNTRY}) and an id of a family ({@code COUNTRY_SE}) are made.
	 * Nothing is said when some rule makes ids that cannot be read from its text, as any id may
	 * then be made.
	 */
	private static List<RuleProblem> madeByNoRule(byte[] content, RuleSources sources, String kind, String path,
			List<String> catalogued, String endpoint) {
		if (sources.open(kind)) {
			return List.of();
		}
		SortedMap<String, Place> made = sources.made(kind);
		List<RuleProblem> unmade = new ArrayList<>();
		for (int index = 0; index < catalogued.size(); index++) {
			String id = catalogued.get(index);
			boolean ofAFamily = sources.families(kind).keySet().stream()
				.anyMatch((prefix) -> RuleSources.names(id, prefix) || id.startsWith(prefix) && id.length() > prefix.length());
			if (made.containsKey(id) || ofAFamily) {
				continue;
			}
			String meant = YamlKeys.closest(id, made.keySet());
			String advice = (meant != null)
					? "did you mean '" + meant + "', which " + made.get(meant).file() + ":" + made.get(meant).line() + " makes?"
					: "add a rule that makes it, or remove the entry";
			TokenStreamLocation at = CatalogueFiles.locateValue(content, List.of(index, "id"));
			unmade.add(new RuleProblem(path, (at != null) ? at.getLineNr() : 0, (at != null) ? at.getColumnNr() : 0,
					kind + " '" + id + "' is made by no rule: GET " + endpoint + " lists it, but no decision names it; " + advice));
		}
		return unmade;
	}

	private static RuleProblem at(Place place, String message) {
		return new RuleProblem(place.file(), place.line(), place.column(), message);
	}

}
