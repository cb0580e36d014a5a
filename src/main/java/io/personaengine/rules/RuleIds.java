package io.personaengine.rules;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The persona, segment and action ids a rule set knows: those its rules produce
 * ({@code new SegmentMatch( $c, "LOYAL", ... )}, the analysts' "Add the customer to segment ...")
 * and the personas and segments its catalogue lists, but for its names of families
 * ({@code COUNTRY}). A misspelt id in a condition or a scenario matches nothing and says nothing,
 * so it is checked against these.
 * <p>
 * {@code channels}: the channels of each action, where a rule writes both as texts
 * ({@code new Recommendation( $c, "VIP_PERKS", "EMAIL", ... )}, the analysts' "Recommend VIP_PERKS
 * by EMAIL ..."), so that the pairs a rule set can recommend are known before a customer gets one.
 * A pair a rule builds from an expression is not among them.
 */
public record RuleIds(Known personas, Known segments, Known actions, SortedMap<String, SortedSet<String>> channels) {

	public RuleIds {
		SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
		channels.forEach((action, of) -> copy.put(action, Collections.unmodifiableSortedSet(new TreeSet<>(of))));
		channels = Collections.unmodifiableSortedMap(copy);
	}

	/**
	 * Ids known by name, families known by their start ({@code "COUNTRY_" + country} makes
	 * {@code COUNTRY_SE}), the catalogue's names of those families ({@code COUNTRY}), which are
	 * not known, and {@code open} when some rule builds an id that cannot be read from its text:
	 * then every id may exist, and none is refused.
	 */
	public record Known(SortedSet<String> ids, SortedSet<String> prefixes, SortedSet<String> families, boolean open) {

		public Known {
			ids = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
			prefixes = Collections.unmodifiableSortedSet(new TreeSet<>(prefixes));
			families = Collections.unmodifiableSortedSet(new TreeSet<>(families));
		}

		/**
		 * Why {@code id}, unknown, might be taken for a known one: "the catalogue's name for the
		 * family COUNTRY_xx, which no customer is in as such", or "".
		 */
		public String hint(String id) {
			return this.families.contains(id) ? "the catalogue's name for the family " + this.prefixes.stream()
				.filter((prefix) -> prefix.startsWith(id))
				.map((prefix) -> prefix + "xx")
				.collect(Collectors.joining(", ")) + ", which no customer is in as such" : "";
		}

		public boolean contains(String id) {
			return this.open || this.ids.contains(id)
					|| this.prefixes.stream().anyMatch((prefix) -> id.length() > prefix.length() && id.startsWith(prefix));
		}

		/** For a message: "ABANDONED_CART, COUNTRY_xx, DORMANT". */
		public String describe() {
			return Stream.concat(this.ids.stream(), this.prefixes.stream().map((prefix) -> prefix + "xx"))
				.sorted()
				.collect(Collectors.joining(", "));
		}

	}

}
