package io.personaengine.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.decisions.RealRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped catalogue describes exactly what the shipped rules conclude, in all three languages. */
class CatalogueTests {

	final Catalogue catalogue = RealRules.RULES.catalogue();

	@Test
	void everyEntryHasNameDescriptionAndGoalInEnglishKoreanAndSwedish() {
		List<CatalogueEntry> all = new ArrayList<>(this.catalogue.personas());
		all.addAll(this.catalogue.segments());
		assertThat(all).allSatisfy((entry) -> {
			for (String language : List.of("en", "ko", "sv")) {
				assertThat(entry.name()).as(entry.id() + " name").containsKey(language);
				assertThat(entry.description()).as(entry.id() + " description").containsKey(language);
				assertThat(entry.goal()).as(entry.id() + " goal").containsKey(language);
			}
		});
	}

	@Test
	void personaIdsAndRanksAreThoseThePersonaRulesInsert() throws IOException {
		Matcher inserted = Pattern.compile("new PersonaMatch\\( \\$c, (\\d+), \"([A-Z_]+)\"")
			.matcher(Files.readString(Path.of("rules/personas.drl")));
		List<String> fromRules = new ArrayList<>();
		while (inserted.find()) {
			fromRules.add(inserted.group(1) + " " + inserted.group(2));
		}
		assertThat(this.catalogue.personas()).extracting((entry) -> entry.rank() + " " + entry.id())
			.containsExactlyElementsOf(fromRules);
	}

	@Test
	void everySegmentTheRulesInsertIsCatalogued() throws IOException {
		Matcher inserted = Pattern.compile("(?:new SegmentMatch\\( \\$c, \"|Add the customer to segment )([A-Z_]+)")
			.matcher(Files.readString(Path.of("rules/segments.drl")) + Files.readString(Path.of("rules/custom-segments.dslr")));
		List<String> fromRules = new ArrayList<>();
		while (inserted.find()) {
			fromRules.add(inserted.group(1).equals("COUNTRY_") ? "COUNTRY" : inserted.group(1));
		}
		assertThat(fromRules).hasSize(16);
		assertThat(this.catalogue.segmentIds()).containsExactlyInAnyOrderElementsOf(fromRules);
	}

}
