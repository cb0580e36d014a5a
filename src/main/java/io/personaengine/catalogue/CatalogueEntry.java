package io.personaengine.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A persona or segment as analysts describe it in {@code rules/catalogue/*.yaml}: texts per
 * language (en, ko, sv), the id the rules use, and the actions its rules recommend by default.
 */
public record CatalogueEntry(String id, Integer rank, Map<String, String> name, Map<String, String> description,
		Map<String, String> goal, List<String> defaultActions) {

	/** The language every entry is written in, shown for a language a text is not written in. */
	public static final String FALLBACK = "en";

	public CatalogueEntry {
		name = texts(name);
		description = texts(description);
		goal = texts(goal);
		defaultActions = (defaultActions != null) ? List.copyOf(defaultActions) : List.of();
	}

	/** The texts by their key in the file: name, description and goal. */
	public Map<String, Map<String, String>> texts() {
		Map<String, Map<String, String>> texts = new LinkedHashMap<>();
		texts.put("name", this.name);
		texts.put("description", this.description);
		texts.put("goal", this.goal);
		return texts;
	}

	/** A language left empty ({@code ko:}) is one the text is not written in. */
	private static Map<String, String> texts(Map<String, String> texts) {
		return (texts != null) ? texts.entrySet()
			.stream()
			.filter((text) -> Objects.nonNull(text.getValue()))
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)) : Map.of();
	}

	public LocalizedEntry in(Locale locale) {
		String language = locale.getLanguage();
		return new LocalizedEntry(this.id, this.rank, text(this.name, language), text(this.description, language),
				text(this.goal, language), this.defaultActions);
	}

	/** English is the fallback: every entry has it, the other languages may lag behind. */
	private String text(Map<String, String> texts, String language) {
		String text = texts.get(language);
		return (text != null) ? text : texts.get(FALLBACK);
	}

	/** What the catalogue endpoints answer: one language. */
	public record LocalizedEntry(String id, Integer rank, String name, String description, String goal,
			List<String> defaultActions) {
	}

}
