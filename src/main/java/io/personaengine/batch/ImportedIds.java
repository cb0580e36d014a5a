package io.personaengine.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.facts.CustomerIds;

/**
 * The customer id of an import row, held to what REST and Kafka take ({@link CustomerIds}): a NUL,
 * a line break or a right-to-left override inside an id, a no-break space or a byte order mark at
 * an end, or an id past 128 characters was a customer of a segmentation that no decision would
 * take. What the imports deliberately read otherwise stays: every value trimmed of whitespace at
 * its ends, and a whole number written as a float read as that number.
 */
final class ImportedIds {

	/** What REST answers for a longer id, in the words of Bean Validation's {@code @Size}. */
	static final String TOO_LONG = "size must be between 0 and " + CustomerIds.MAX_LENGTH;

	private static final Pattern FLOAT_ID = Pattern.compile("(\\d+)\\.0+");

	private ImportedIds() {
	}

	/**
	 * The customer {@code value} (not blank) of the id column names, or null after reporting the
	 * row as skipped, with REST's reason: the row is no customer's.
	 */
	static String read(String value, String column, long line, ImportReport report) {
		String id = wholeNumber(value.strip());
		String refused = refusal(id);
		if (refused != null) {
			report.skip(line, "invalid " + column, refused);
			return null;
		}
		return id;
	}

	/**
	 * Why REST would refuse {@code id}, or null. Past the length, for that alone, as REST does: the
	 * id itself is not quoted, and a row may be a megabyte long.
	 */
	static String refusal(String id) {
		return (id.length() > CustomerIds.MAX_LENGTH) ? TOO_LONG : CustomerIds.refusal(id);
	}

	/**
	 * A customer id written as a float is the whole number: 17850.0 is customer 17850, in every file.
	 * pandas writes a column of whole numbers with a blank as floats, as the UCI export's CustomerID
	 * is: 17850.0 in one file and 17850 in another were two customers.
	 */
	private static String wholeNumber(String id) {
		if (id.indexOf('.') < 0) {
			return id;
		}
		Matcher floatId = FLOAT_ID.matcher(id);
		return floatId.matches() ? floatId.group(1) : id;
	}

}
