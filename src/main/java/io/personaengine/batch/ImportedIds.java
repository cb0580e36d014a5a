package io.personaengine.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.facts.CustomerIds;

/**
 * The customer id of an import row, held to what REST and Kafka take ({@link CustomerIds}): a NUL,
 * a line break or a right-to-left override inside an id, or an id past 128 characters was a
 * customer of a segmentation that no decision would take. Nor is a number in exponent form, which
 * a spreadsheet wrote and which may have lost digits. What the imports deliberately read otherwise
 * stays: an id trimmed at its ends of whitespace as REST counts it (a no-break space or a byte
 * order mark a spreadsheet left included, which REST refuses), and a whole number written as a
 * float read as that number.
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
		String id = wholeNumber(CustomerIds.stripped(value));
		if (exponentForm(id)) {
			// 1.23457E+11 is 123457000000 to the spreadsheet too: the id it was, 123456789012, is gone.
			report.skip(line, column + " in exponent form", "'" + id + "': a spreadsheet wrote the id as a number in exponent "
					+ "form and may have lost digits of it; format the column as text and export again");
			return null;
		}
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
	 * Whether {@code id} is a number in exponent form, as a spreadsheet writes a long one
	 * ({@code 1.23457E+11} for 123456789012) or one formatted as scientific ({@code 1.785E+04}):
	 * digits, a decimal point or comma and digits, an E, a sign and digits. The point or a plus
	 * is needed, so that {@code 12e45}, which may be a hexadecimal id, is not one. By hand, as it
	 * is asked of every row: most ids stop it at their first character that is not a digit.
	 */
	static boolean exponentForm(String id) {
		int mantissa = digitsFrom(id, 0);
		if (mantissa == 0) {
			return false;
		}
		int at = mantissa;
		boolean point = at < id.length() && (id.charAt(at) == '.' || id.charAt(at) == ',');
		if (point) {
			at = digitsFrom(id, at + 1);
			if (at == mantissa + 1) {
				return false;
			}
		}
		if (at >= id.length() || (id.charAt(at) != 'E' && id.charAt(at) != 'e')) {
			return false;
		}
		at++;
		boolean plus = at < id.length() && id.charAt(at) == '+';
		boolean sign = plus || (at < id.length() && id.charAt(at) == '-');
		int exponent = sign ? at + 1 : at;
		int end = digitsFrom(id, exponent);
		// A spreadsheet writes a whole number's exponent with a plus: 4711E-001, without a point, is
		// some system's code.
		return end > exponent && end == id.length() && (point || plus);
	}

	/** Where the digits of {@code text} from {@code start} end. */
	private static int digitsFrom(String text, int start) {
		int at = start;
		while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
			at++;
		}
		return at;
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
