package io.personaengine.facts;

import java.util.Locale;
import java.util.Set;

/**
 * Where on-site tracking needs the customer's consent: the EU, the EEA, the United Kingdom and
 * Switzerland (PERSONAS.md section 1). A customer there without consent has no on-site events.
 */
final class TrackingConsent {

	private static final Set<String> CONSENT_REQUIRED = Set.of(
			// European Union
			"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
			"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
			// rest of the European Economic Area
			"IS", "LI", "NO",
			// United Kingdom and Switzerland
			"GB", "CH");

	private TrackingConsent() {
	}

	static boolean required(String country) {
		return country != null && CONSENT_REQUIRED.contains(country.toUpperCase(Locale.ROOT));
	}

}
