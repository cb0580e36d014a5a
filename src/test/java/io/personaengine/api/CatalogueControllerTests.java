package io.personaengine.api;

import io.personaengine.decisions.RealRules;
import io.personaengine.rules.LiveRules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(CatalogueController.class)
@Import({ ApiSecurity.class, CatalogueControllerTests.Rules.class })
class CatalogueControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void personasAreListedInOrderInEnglishByDefault() {
		assertThat(this.mvc.get().uri("/api/v1/personas")).hasStatusOk()
			.hasHeader(HttpHeaders.CONTENT_LANGUAGE, "en")
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$[0].id").isEqualTo("HIGH_ROLLER");
				assertThat(json).extractingPath("$[0].name").isEqualTo("High Rollers");
				assertThat(json).extractingPath("$[0].defaultActions").asArray().contains("VIP_PERKS");
				assertThat(json).extractingPath("$[14].id").isEqualTo("UNCLASSIFIED");
			});
	}

	@Test
	void koreanAndSwedishChangeTheNamesButNeverTheIds() {
		assertThat(this.mvc.get().uri("/api/v1/personas").header(HttpHeaders.ACCEPT_LANGUAGE, "ko-KR,ko;q=0.9"))
			.hasHeader(HttpHeaders.CONTENT_LANGUAGE, "ko")
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$[0].id").isEqualTo("HIGH_ROLLER");
				assertThat(json).extractingPath("$[0].name").asString().isNotEqualTo("High Rollers").matches(".*[\\uAC00-\\uD7A3].*");
			});
		assertThat(this.mvc.get().uri("/api/v1/segments").header(HttpHeaders.ACCEPT_LANGUAGE, "sv-SE"))
			.hasHeader(HttpHeaders.CONTENT_LANGUAGE, "sv")
			.bodyJson()
			.extractingPath("$[0].id")
			.isEqualTo("TOP_SPENDER");
	}

	@Test
	void unsupportedLanguageFallsBackToEnglish() {
		assertThat(this.mvc.get().uri("/api/v1/personas").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"))
			.hasHeader(HttpHeaders.CONTENT_LANGUAGE, "en")
			.bodyJson()
			.extractingPath("$[1].name")
			.isEqualTo("Brand Enthusiasts");
	}

	static class Rules {

		@Bean
		LiveRules liveRules() {
			return new LiveRules(RealRules.RULES);
		}

	}

}
