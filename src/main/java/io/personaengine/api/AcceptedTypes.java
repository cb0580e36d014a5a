package io.personaengine.api;

import java.util.List;
import java.util.Optional;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * An Accept header read by quality, as RFC 9110 (12.5.1) says: a type takes the quality of the
 * most specific range that matches it, so {@code text/*;q=0.5, text/csv;q=0} refuses CSV and
 * {@code application/json;q=0} refuses JSON even beside a wildcard that takes everything. Spring MVC picks a handler by whether
 * a range is compatible at all, whatever its quality; an endpoint that chooses its own answer
 * among several types chooses here.
 */
final class AcceptedTypes {

	private static final AcceptedTypes ANYTHING = new AcceptedTypes(List.of());

	/** In the client's order; none: anything, as without the header. */
	private final List<MediaType> ranges;

	private AcceptedTypes(List<MediaType> ranges) {
		this.ranges = ranges;
	}

	/** The Accept header's values; none (or only blanks) means anything. */
	static AcceptedTypes of(List<String> accept) throws InvalidMediaTypeException {
		if (accept == null || accept.stream().allMatch(String::isBlank)) {
			return ANYTHING;
		}
		return new AcceptedTypes(MediaType.parseMediaTypes(accept));
	}

	/** From 0 (refused) to 1. */
	double quality(MediaType type) {
		if (this.ranges.isEmpty()) {
			return 1;
		}
		return range(type).map(MediaType::getQualityValue).orElse(0.0);
	}

	/**
	 * The type of {@code offered} the client prefers: the highest quality above 0; at equal
	 * quality, the one named by the more specific range (text/csv before text/*), then the one the
	 * client named first, then the first offered. Empty when the client takes none of them.
	 */
	Optional<MediaType> best(List<MediaType> offered) {
		MediaType best = null;
		MediaType bestRange = null;
		for (MediaType type : offered) {
			MediaType range = this.ranges.isEmpty() ? MediaType.ALL : range(type).orElse(null);
			if (range != null && range.getQualityValue() > 0 && (best == null || prefers(range, bestRange))) {
				best = type;
				bestRange = range;
			}
		}
		return Optional.ofNullable(best);
	}

	/** Whether the client prefers what {@code range} names to what {@code other} names. */
	private boolean prefers(MediaType range, MediaType other) {
		if (range.getQualityValue() != other.getQualityValue()) {
			return range.getQualityValue() > other.getQualityValue();
		}
		if (specificity(range) != specificity(other)) {
			return specificity(range) > specificity(other);
		}
		return this.ranges.indexOf(range) < this.ranges.indexOf(other);
	}

	/** The most specific range that matches {@code type}; of equally specific ones, the first. */
	private Optional<MediaType> range(MediaType type) {
		MediaType found = null;
		for (MediaType range : this.ranges) {
			if (range.includes(type) && (found == null || specificity(range) > specificity(found))) {
				found = range;
			}
		}
		return Optional.ofNullable(found);
	}

	private static int specificity(MediaType range) {
		return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
	}

}
