package io.personaengine.catalogue;

import java.util.List;
import java.util.Locale;

/** The personas and segments of a rule set, as analysts named and described them. */
public record Catalogue(List<CatalogueEntry> personas, List<CatalogueEntry> segments) {

	/** The languages the shipped catalogue is written in; others fall back to English. */
	public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.KOREAN, Locale.forLanguageTag("sv"));

	/** The languages a text of an entry may be written in, as the catalogue files write them: en, ko, sv. */
	public static final List<String> LANGUAGE_CODES = LANGUAGES.stream().map(Locale::getLanguage).toList();

	public Catalogue {
		personas = List.copyOf(personas);
		segments = List.copyOf(segments);
	}

	public List<String> personaIds() {
		return this.personas.stream().map(CatalogueEntry::id).toList();
	}

	public List<String> segmentIds() {
		return this.segments.stream().map(CatalogueEntry::id).toList();
	}

}
