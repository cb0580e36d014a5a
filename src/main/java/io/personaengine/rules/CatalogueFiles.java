package io.personaengine.rules;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.personaengine.catalogue.Catalogue;
import io.personaengine.catalogue.CatalogueEntry;
import io.personaengine.facts.JsonPath;
import io.personaengine.facts.JsonProblems;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.type.TypeReference;

/**
 * Reads a catalogue file ({@code rules/catalogue/*.yaml}). A misspelt key or language would leave
 * a text out without a word (the Korean name of {@code kr:} never shows), a key given twice would
 * leave the first out, and an entry without its English text would show none where a language
 * lacks its own: each is a problem at the line and column where it is written, and all of them
 * are reported at once.
 */
final class CatalogueFiles {

	private static final String FOLDER = "catalogue/";

	private static final String LANGUAGES = String.join(", ", Catalogue.LANGUAGE_CODES);

	/** An id as the analysts' language writes them ({@code {segment:[A-Z0-9_]+}}), and the shipped rules make them. */
	private static final Pattern ID = Pattern.compile("[A-Z0-9_]+");

	/** The keys an entry takes. */
	private static final List<String> KEYS = Arrays.stream(CatalogueEntry.class.getRecordComponents())
		.map(RecordComponent::getName)
		.sorted()
		.toList();

	/** The keys of an entry that take a number (rank). */
	private static final Map<String, Class<?>> NUMBERS = Arrays.stream(CatalogueEntry.class.getRecordComponents())
		.filter((key) -> Number.class.isAssignableFrom(key.getType()))
		.collect(Collectors.toUnmodifiableMap(RecordComponent::getName, RecordComponent::getType));

	private CatalogueFiles() {
	}

	/**
	 * A YAML file of {@code catalogue/} other than the two the catalogue is read from: its entries
	 * would never show (an analyst's {@code catalogue/gifts.yaml}, or {@code segments.yml} for
	 * {@code .yaml}). Rule files there are rules like any other, and are compiled.
	 */
	static List<RuleProblem> unread(SortedMap<String, byte[]> files) {
		return files.keySet()
			.stream()
			.filter((path) -> path.startsWith(FOLDER) && (path.endsWith(".yaml") || path.endsWith(".yml"))
					&& !path.equals(RuleFiles.PERSONA_CATALOGUE) && !path.equals(RuleFiles.SEGMENT_CATALOGUE))
			.map((path) -> new RuleProblem(path, 0, 0, "never read: the catalogue is " + RuleFiles.PERSONA_CATALOGUE
					+ " and " + RuleFiles.SEGMENT_CATALOGUE + "; put its entries in one of them"))
			.toList();
	}

	/** The entries of {@code path}, one of the two catalogue files, whose ids are those {@code sources} make or written as ids are. */
	static List<CatalogueEntry> read(SortedMap<String, byte[]> files, String path, RuleSources sources,
			List<RuleProblem> problems) {
		byte[] content = files.get(path);
		if (content == null) {
			return List.of();
		}
		List<RuleProblem> keys = keys(path, content);
		if (!keys.isEmpty()) {
			problems.addAll(keys);
			return List.of();
		}
		List<CatalogueEntry> entries;
		try {
			entries = RuleSetLoader.YAML.readerFor(new TypeReference<List<CatalogueEntry>>() {
			}).readValue(content);
		}
		catch (JacksonException ex) {
			problems.add(RuleSetLoader.yamlProblem(path, YamlError.of(ex)));
			return List.of();
		}
		if (entries == null) {
			return List.of();
		}
		int before = problems.size();
		checkQuoted(path, content, problems);
		Map<String, Integer> firstOfId = new HashMap<>();
		for (int index = 0; index < entries.size(); index++) {
			for (Map.Entry<String, Map<String, String>> text : entries.get(index).texts().entrySet()) {
				checkLanguages(path, content, index, text.getKey(), text.getValue(), problems);
			}
			checkIds(path, content, index, entries.get(index), sources, problems);
			// Two entries for one id: the API would list both, and which texts show would depend on order.
			// An entry without an id is said as such, not as one id given twice.
			Integer first = (entries.get(index).id() != null) ? firstOfId.putIfAbsent(entries.get(index).id(), index) : null;
			if (first != null) {
				TokenStreamLocation firstWritten = locate(content, List.of(first, "id"));
				problems.add(at(path, locate(content, List.of(index, "id")), "id '" + entries.get(index).id()
						+ "' is given to two entries (first on line " + ((firstWritten != null) ? firstWritten.getLineNr() : 0)
						+ "); only one of them would count"));
			}
		}
		return (problems.size() == before) ? entries : List.of();
	}

	/** A rank in quotes ("2"), which YAML reads as a text, as thresholds.yaml refuses one: Jackson would take it for 2. */
	private static void checkQuoted(String path, byte[] content, List<RuleProblem> problems) {
		for (YamlQuotes.Quoted quoted : YamlQuotes.in(content)) {
			Class<?> type = (quoted.path().size() == 2) ? NUMBERS.get(quoted.path().get(1)) : null;
			if (type != null && quoted.path().get(0) instanceof Integer entry) {
				problems.add(new RuleProblem(path, quoted.line(), quoted.column(), JsonProblems.quotedFor(quoted.text(), type)
						+ " (at [" + entry + "]." + quoted.path().get(1) + ")"));
			}
		}
	}

	/**
	 * Every key an entry does not take and every key given twice in a mapping, in the order they
	 * are written: Jackson stops at the first of either, and an analyst who put it right met the
	 * next one at the next try; and a second YAML document, which Jackson would say in JSON's words.
	 * When the file is no YAML, only why, where the parser stopped: a
	 * limit of Jackson's (nesting deeper than 500 levels) names no place of its own.
	 */
	private static List<RuleProblem> keys(String path, byte[] content) {
		List<RuleProblem> problems = new ArrayList<>();
		try (JsonParser parser = RuleSetLoader.YAML.createParser(content)) {
			try {
				YamlKeys.walk(parser, (key) -> {
					// An entry's own keys: those of a mapping in the file's list.
					if (key.depth() == 2 && key.in().get(0).list() && !KEYS.contains(key.name())) {
						problems.add(at(path, key.at(), "unknown key '" + key.name() + "': an entry takes " + String.join(", ", KEYS)));
					}
					else if (key.givenTwice()) {
						problems.add(RuleSetLoader.yamlProblem(path, key.twice()));
					}
				});
			}
			catch (JacksonException ex) {
				return List.of(RuleSetLoader.yamlProblem(path, YamlError.of(ex, parser)));
			}
		}
		RuleSetLoader.oneDocument(path, content, problems);
		return problems;
	}

	private static void checkLanguages(String path, byte[] content, int index, String key, Map<String, String> texts,
			List<RuleProblem> problems) {
		texts.keySet()
			.stream()
			.filter((language) -> !Catalogue.LANGUAGE_CODES.contains(language))
			.sorted()
			.forEach((language) -> problems.add(at(path, locate(content, List.of(index, key, language)),
					"unknown language '" + language + "': the catalogue takes " + LANGUAGES)));
		if (!texts.containsKey(CatalogueEntry.FALLBACK)) {
			// At the key when it is written, else at the entry that lacks it.
			TokenStreamLocation written = locate(content, List.of(index, key));
			problems.add(at(path, (written != null) ? written : locate(content, List.of(index)), "no English ("
					+ CatalogueEntry.FALLBACK + ") " + key + ": it is shown for every language without a " + key
					+ " of its own, so every entry needs one"));
		}
	}

	/**
	 * An entry's id, and each of its default actions, written as a rule makes it, or as the
	 * analysts' language writes ids: {@code LOYAL CUSTOMER} or {@code loyal}, which no rule
	 * makes, is no id that language can make, and its texts would never show for the segment
	 * meant. A rule in DRL may make any id ({@code "vip-tier"}), and its entry is written so. An
	 * entry without an id was listed with {@code "id": null}.
	 */
	private static void checkIds(String path, byte[] content, int index, CatalogueEntry entry, RuleSources sources,
			List<RuleProblem> problems) {
		String kind = path.equals(RuleFiles.PERSONA_CATALOGUE) ? RuleSources.PERSONA : RuleSources.SEGMENT;
		if (entry.id() == null) {
			problems.add(at(path, locate(content, List.of(index)), "no id: every entry needs the id the rules use for it, "
					+ "in capitals, digits and '_' (TOP_SPENDER)"));
		}
		else if (!isId(entry.id(), sources, kind)) {
			problems.add(at(path, locateValue(content, List.of(index, "id")), "id " + notAnId(entry.id(), sources, kind)));
		}
		for (int action = 0; action < entry.defaultActions().size(); action++) {
			String id = entry.defaultActions().get(action);
			if (!isId(id, sources, RuleSources.ACTION)) {
				problems.add(at(path, locate(content, List.of(index, "defaultActions", action)), "default action "
						+ notAnId(id, sources, RuleSources.ACTION)));
			}
		}
	}

	/** Written as ids are, or as a rule makes it: the id itself, or the family it starts ({@code vip} of {@code "vip-" + ...}). */
	private static boolean isId(String id, RuleSources sources, String kind) {
		return ID.matcher(id).matches() || sources.made(kind).containsKey(id)
				|| sources.families(kind).keySet().stream().anyMatch((prefix) -> RuleSources.names(id, prefix));
	}

	/**
	 * "'LOYAL CUSTOMER' is not written as ids are: ... (LOYAL_CUSTOMER)": the id meant is one a
	 * rule makes when one is written so but for case and separators ({@code vip-tier} for
	 * {@code VIP TIER}), else the written one in capitals, digits and '_'.
	 */
	private static String notAnId(String written, RuleSources sources, String kind) {
		String meant = asId(written);
		String made = sources.made(kind).keySet().stream().filter((id) -> asId(id).equals(meant)).findFirst().orElse(meant);
		return "'" + written + "' is not written as ids are: in capitals, digits and '_' only, as the analysts' language "
				+ "writes them, and no rule makes it" + (made.isEmpty() ? "" : " (" + made + ")");
	}

	private static String asId(String written) {
		return written.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
	}

	/** Where the value at {@code steps} starts: the wrong value itself, not its key. */
	static TokenStreamLocation locateValue(byte[] content, List<?> steps) {
		try (JsonParser parser = RuleSetLoader.YAML.createParser(content)) {
			// JsonPath.locate leaves the parser at the value of what it found.
			return (JsonPath.locate(parser, steps) != null) ? parser.currentTokenLocation() : null;
		}
	}

	/** Where the key or item at the end of {@code steps} is written, which Jackson's own location is not. */
	private static TokenStreamLocation locate(byte[] content, List<?> steps) {
		try (JsonParser parser = RuleSetLoader.YAML.createParser(content)) {
			return JsonPath.locate(parser, steps);
		}
	}

	private static RuleProblem at(String path, TokenStreamLocation location, String message) {
		return new RuleProblem(path, (location != null) ? location.getLineNr() : 0,
				(location != null) ? location.getColumnNr() : 0, message);
	}

}
