package io.personaengine.facts;

import java.util.Locale;
import java.util.Set;

/**
 * Where on-site tracking needs the customer's consent: the EU, the EEA, the United Kingdom and
 * Switzerland (PERSONAS.md section 1), the parts of the EU that have a code of their own included. A
 * customer there without consent has no on-site events.
 */
final class TrackingConsent {

	private static final Set<String> CONSENT_REQUIRED = Set.of(
			// European Union
			"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
			"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
			// parts of the EU with a code of their own: France's outermost regions (Réunion, French
			// Guiana, Guadeloupe, Martinique, Mayotte, Saint-Martin) and Finland's Åland. The Faroes,
			// Greenland and Svalbard are outside the EU and the EEA, so not here.
			"RE", "GF", "GP", "MQ", "YT", "MF", "AX",
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
