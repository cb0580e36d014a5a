package io.personaengine.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.text.similarity.LevenshteinDistance;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * The keys of a YAML file as written, each with where it is and what it is in, read token by
 * token: Jackson stops at the first key given twice or not taken, and YAML readers keep the last of
 * a key given twice without a word, so every rule file that checks its keys walks them here.
 * Problems with the YAML itself are left to the caller (a {@link tools.jackson.core.JacksonException}).
 */
public final class YamlKeys {

	/** Edits that still make a key a likely misspelling of another: "asof", "aOf", "asOff" for "asOf". */
	private static final int CLOSE = 2;

	/**
	 * Keys this long or shorter are close at one edit only: two are half the word, and "date" or
	 * "age" taken for "name" hid the message saying what a scenario takes.
	 */
	private static final int SHORT = 4;

	/** Levenshtein's, giving up (-1) past {@link #CLOSE}. */
	private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(CLOSE);

	private YamlKeys() {
	}

	/** A mapping or a list, and the line and column it starts at: two may start on one line ({@code [{...}, {...}]}). */
	public record Container(boolean list, int line, int column) {
	}

	/**
	 * A key as written: {@code in} the mappings and lists around it, outermost first (the last is
	 * its own mapping); {@code first} the line of the same key earlier in that mapping, 0 if none.
	 */
	public record Key(String name, TokenStreamLocation at, List<Container> in, int first) {

		/** 1 for a key of the document's own mapping. */
		public int depth() {
			return this.in.size();
		}

		public boolean givenTwice() {
			return this.first > 0;
		}

		/** This key given twice, said as every rule file says it: at this one, naming the first one's line. */
		public YamlError twice() {
			return YamlError.givenTwice(this.name, this.at, this.first);
		}

	}

	/** Every key of every document that {@code parser} has yet to read. */
	public static void walk(JsonParser parser, Consumer<Key> keys) {
		while (parser.nextToken() != null) {
			walkValue(parser, keys);
		}
	}

	/** Every key of the value that starts at {@code parser}'s current token, which is left at its end. */
	static void walkValue(JsonParser parser, Consumer<Key> keys) {
		List<Container> open = new ArrayList<>();
		List<Map<String, Integer>> mappings = new ArrayList<>();
		JsonToken token = parser.currentToken();
		do {
			if (token.isStructStart()) {
				TokenStreamLocation start = parser.currentTokenLocation();
				open.add(new Container(token == JsonToken.START_ARRAY, start.getLineNr(), start.getColumnNr()));
				mappings.add((token == JsonToken.START_OBJECT) ? new HashMap<>() : null);
			}
			else if (token.isStructEnd()) {
				open.remove(open.size() - 1);
				mappings.remove(mappings.size() - 1);
			}
			else if (token == JsonToken.PROPERTY_NAME) {
				TokenStreamLocation at = parser.currentTokenLocation();
				Integer first = mappings.get(mappings.size() - 1).putIfAbsent(parser.currentName(), at.getLineNr());
				keys.accept(new Key(parser.currentName(), at, List.copyOf(open), (first != null) ? first : 0));
			}
		}
		while (!open.isEmpty() && (token = parser.nextToken()) != null);
	}

	/**
	 * The one of {@code candidates} {@code key} is most likely a misspelling of, or the other way
	 * round: at most two characters inserted, deleted or replaced, case aside, one if either is
	 * {@link #SHORT}; null if none is.
	 */
	public static String closest(String key, Collection<String> candidates) {
		String closest = null;
		int best = CLOSE + 1;
		for (String candidate : candidates) {
			int distance = DISTANCE.apply(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
			int close = (Math.min(key.length(), candidate.length()) <= SHORT) ? 1 : CLOSE;
			if (distance >= 0 && distance <= close && distance < best) {
				closest = candidate;
				best = distance;
			}
		}
		return closest;
	}

}
