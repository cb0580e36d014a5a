package io.personaengine.api;

import java.util.List;
import java.util.Locale;

import io.personaengine.catalogue.Catalogue;
import io.personaengine.catalogue.CatalogueEntry;
import io.personaengine.catalogue.CatalogueEntry.LocalizedEntry;
import io.personaengine.rules.LiveRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Catalogue", description = "The personas and segments of the live rules, in English, Korean or Swedish")
@SecurityRequirement(name = "apiKey")
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class CatalogueController {

	private final LiveRules rules;

	CatalogueController(LiveRules rules) {
		this.rules = rules;
	}

	@Operation(summary = "The personas, in the order they are tried",
			description = "Language by Accept-Language (en, ko, sv; others get English). Ids never change with the language.")
	@GetMapping("/personas")
	ResponseEntity<List<LocalizedEntry>> personas(
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		Locale locale = locale(acceptLanguage);
		return localized(this.rules.current().catalogue().personas(), locale);
	}

	@Operation(summary = "The segments", description = "Language by Accept-Language (en, ko, sv; others get English).")
	@GetMapping("/segments")
	ResponseEntity<List<LocalizedEntry>> segments(
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		Locale locale = locale(acceptLanguage);
		return localized(this.rules.current().catalogue().segments(), locale);
	}

	private static ResponseEntity<List<LocalizedEntry>> localized(List<CatalogueEntry> entries, Locale locale) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
			.body(entries.stream().map((entry) -> entry.in(locale)).toList());
	}

	static Locale locale(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return Locale.ENGLISH;
		}
		try {
			Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), Catalogue.LANGUAGES);
			return (best != null) ? best : Locale.ENGLISH;
		}
		catch (IllegalArgumentException ex) {
			return Locale.ENGLISH;
		}
	}

}
