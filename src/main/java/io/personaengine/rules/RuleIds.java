package io.personaengine.rules;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The persona, segment and action ids a rule set knows: those its catalogue lists and those its
 * rules produce ({@code new SegmentMatch( $c, "LOYAL", ... )}, the analysts' "Add the customer to
 * segment ..."). A misspelt id in a condition or a scenario matches nothing and says nothing, so
 * it is checked against these.
 */
public record RuleIds(Known personas, Known segments, Known actions) {

	/**
	 * Ids known by name, families known by their start ({@code "COUNTRY_" + country} makes
	 * {@code COUNTRY_SE}), and {@code open} when some rule builds an id that cannot be read from
	 * its text: then every id may exist, and none is refused.
	 */
	public record Known(SortedSet<String> ids, SortedSet<String> prefixes, boolean open) {

		public Known {
			ids = Collections.unmodifiableSortedSet(new TreeSet<>(ids));
			prefixes = Collections.unmodifiableSortedSet(new TreeSet<>(prefixes));
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
