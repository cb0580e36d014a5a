package io.personaengine.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A persona or segment as analysts describe it in {@code rules/catalogue/*.yaml}: texts per
 * language (en, ko, sv), the id the rules use, and the actions its rules recommend by default.
 */
public record CatalogueEntry(String id, Integer rank, Map<String, String> name, Map<String, String> description,
		Map<String, String> goal, List<String> defaultActions) {

	public CatalogueEntry {
		name = (name != null) ? Map.copyOf(name) : Map.of();
		description = (description != null) ? Map.copyOf(description) : Map.of();
		goal = (goal != null) ? Map.copyOf(goal) : Map.of();
		defaultActions = (defaultActions != null) ? List.copyOf(defaultActions) : List.of();
	}

	public LocalizedEntry in(Locale locale) {
		String language = locale.getLanguage();
		return new LocalizedEntry(this.id, this.rank, text(this.name, language), text(this.description, language),
				text(this.goal, language), this.defaultActions);
	}

	/** English is the fallback: every entry has it, the other languages may lag behind. */
	private String text(Map<String, String> texts, String language) {
		String text = texts.get(language);
		return (text != null) ? text : texts.get("en");
	}

	/** What the catalogue endpoints answer: one language. */
	public record LocalizedEntry(String id, Integer rank, String name, String description, String goal,
			List<String> defaultActions) {
	}

}
