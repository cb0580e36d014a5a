package io.personaengine.facts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Country names and codes to ISO 3166-1 alpha-2, the codes a customer's country is held as.
 * Exports name countries in their own ways (UCI: "EIRE", "USA", "RSA"); names that stand for no
 * single country ("Channel Islands", "European Community", "Unspecified") map to none.
 */
public final class Countries {

	private static final Set<String> CODES = Set.of(Locale.getISOCountries());

	private static final Map<String, String> BY_NAME = new HashMap<>();

	static {
		for (String code : CODES) {
			BY_NAME.put(new Locale.Builder().setRegion(code).build().getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
		}
		BY_NAME.put("eire", "IE");
		BY_NAME.put("usa", "US");
		BY_NAME.put("rsa", "ZA");
		// The codes the EU itself uses for two of its own (UK until 2020): exports from European
		// systems write them, and a Greek customer's country decides whether their on-site events
		// need tracking consent.
		BY_NAME.put("uk", "GB");
		BY_NAME.put("el", "GR");
		BY_NAME.put("czech republic", "CZ");
		BY_NAME.put("hong kong", "HK");
		BY_NAME.put("south korea", "KR");
		BY_NAME.put("korea", "KR");
	}

	private Countries() {
	}

	/** Whether {@code code} is an ISO 3166-1 alpha-2 code as written, in capitals. */
	public static boolean isCode(String code) {
		return CODES.contains(code);
	}

	/**
	 * Whether the regular expression {@code regex} matches some ISO code whole, as Drools'
	 * {@code matches} compares; an expression that does not compile, or none (null), is not judged here.
	 */
	public static boolean anyMatches(String regex) {
		Pattern pattern;
		if (regex == null) {
			return true;
		}
		try {
			pattern = Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			return true;
		}
		return CODES.stream().anyMatch((code) -> pattern.matcher(code).matches());
	}

	/** The ISO code, or null when the name stands for no one country. */
	public static String iso(String nameOrCode) {
		if (nameOrCode == null || nameOrCode.isBlank()) {
			return null;
		}
		String value = nameOrCode.strip();
		if (value.length() == 2 && CODES.contains(value.toUpperCase(Locale.ROOT))) {
			return value.toUpperCase(Locale.ROOT);
		}
		return BY_NAME.get(value.toLowerCase(Locale.ROOT));
	}

}
