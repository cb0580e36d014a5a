package io.personaengine.facts;

import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What Jackson could not read, as the field and a reason a person understands. REST problems and
 * Kafka dead letters say the same thing about the same input.
 */
public final class JsonProblems {

	/** How Jackson quotes a float it will not take for a whole number, as it was written. */
	private static final Pattern FLOAT_WRITTEN = Pattern.compile("^Cannot coerce Floating-point value \\((.*?)\\) to ");

	/** How Jackson quotes a text it will not take for a number or a boolean. */
	private static final Pattern TEXT_FOR_SCALAR = Pattern.compile("^Cannot coerce (?:String value|empty String) \\(\"(.*?)\"\\) to ");

	/** How Jackson quotes a whole number past its type. */
	private static final Pattern OUT_OF_RANGE = Pattern.compile("^Numeric value \\((.*?)\\) out of range");

	/** How Jackson quotes a number BigDecimal cannot hold. */
	private static final Pattern DECIMAL_WRITTEN = Pattern.compile("^Value \"(.*?)\" cannot be deserialized");

	private JsonProblems() {
	}

	public static Violation describe(JacksonException jackson) {
		String field = JsonPath.of(jackson);
		String message = firstLine(jackson.getOriginalMessage());
		if (jackson instanceof StreamConstraintsException) {
			// Jackson names its own settings; the caller needs the limit, not where it is configured.
			return new Violation(field, "too large: " + message.replaceAll(",? from `[^`]*`", "").replace("()", ""));
		}
		if (message.startsWith("Trailing token")) {
			return new Violation(field, "malformed JSON: more content after the JSON value");
		}
		if (message.startsWith("Duplicate Object property")) {
			return new Violation(field, "duplicate property: each property may appear once");
		}
		if (jackson instanceof UnrecognizedPropertyException unknown) {
			return new Violation(field, "unknown property '" + unknown.getPropertyName() + "'");
		}
		if (jackson instanceof InvalidFormatException format) {
			// A number is quoted as it was written: 1e2 read as a double was quoted '100.0', and
			// 1e999999999 'Infinity'.
			Matcher written = FLOAT_WRITTEN.matcher(message);
			Object value = written.find() ? written.group(1) : format.getValue();
			String outside = (format.getTargetType() == java.time.Instant.class && value instanceof String text)
					? IsoInstants.outsideTheDay(text) : null;
			return new Violation(field, "invalid value '" + value + "': " + expected(format.getTargetType())
					+ ((outside != null) ? " (" + outside + ")" : ""));
		}
		if (jackson instanceof InputCoercionException range) {
			// Valid JSON, so not "malformed JSON" as the parser's exception would have it.
			Matcher written = OUT_OF_RANGE.matcher(message);
			String value = written.find() ? " '" + written.group(1) + "'" : "";
			return new Violation(field, "invalid value" + value + ": " + expected(range.getTargetType()) + " from "
					+ range(range.getTargetType()));
		}
		if (rootCause(jackson) instanceof NumberFormatException && message.contains("java.math.BigDecimal")) {
			// An exponent past an int (0e-2147483648), which no BigDecimal holds.
			Matcher written = DECIMAL_WRITTEN.matcher(message);
			String value = written.find() ? " '" + written.group(1) + "'" : "";
			return new Violation(field, "invalid value" + value + ": its exponent is out of range");
		}
		Matcher text = TEXT_FOR_SCALAR.matcher(message);
		if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && text.find()) {
			// A text where a number or true or false belongs ("12.50", or "100" in quotes in a YAML
			// file, which looks like the number it is not) is quoted, as a value that cannot be read is.
			return new Violation(field, textFor(text.group(1), mismatch.getTargetType()));
		}
		if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return new Violation(field, "wrong type: " + expected(mismatch.getTargetType()));
		}
		if (jackson instanceof StreamReadException) {
			if (message.contains("'NaN'") || message.contains("Infinity")) {
				return new Violation(field, "not a finite number: NaN and Infinity are not numbers in JSON");
			}
			// Jackson suggests its own switches, and says where an array or object started in words
			// of its settings ("[Source: REDACTED (`StreamReadFeature...` disabled)"): a client can do
			// nothing with either; the field says where.
			return new Violation(field, "malformed JSON: " + message.replaceAll(": enable `.*` to allow.*$", "")
				.replaceAll("\\s*\\(start marker at \\[Source: .*$", ""));
		}
		if (rootCause(jackson) instanceof DateTimeParseException) {
			return new Violation(field, "invalid value: " + expected(java.time.Instant.class));
		}
		return new Violation(field, message);
	}

	private static String range(Class<?> type) {
		return (type == Long.class || type == long.class) ? Long.MIN_VALUE + " to " + Long.MAX_VALUE
				: Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
	}

	/** A text where a number or true or false belongs, quoted as a value that cannot be read is. */
	public static String textFor(String text, Class<?> type) {
		return "invalid value '" + text + "': " + expected(type);
	}

	/**
	 * A value written in quotes in YAML where a number or true or false belongs. When it would read
	 * without them ({@code "100"}, {@code "true"}), the quotes are what is wrong, and the problem
	 * says so: "invalid value 'true': expected true or false" read as though true were no boolean.
	 */
	public static String quotedFor(String text, Class<?> type) {
		return readsAs(text, type) ? "invalid value '\"" + text + "\"': " + expected(type) + ", written without quotes"
				: textFor(text, type);
	}

	private static boolean readsAs(String text, Class<?> type) {
		if (type == Boolean.class || type == boolean.class) {
			return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
		}
		try {
			java.math.BigDecimal number = new java.math.BigDecimal(text.startsWith("+") ? text.substring(1) : text);
			boolean whole = type == Integer.class || type == int.class || type == Long.class || type == long.class;
			return !whole || number.stripTrailingZeros().scale() <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	public static String expected(Class<?> type) {
		if (type == null) {
			return "unexpected value";
		}
		if (type.isEnum()) {
			return "expected one of " + Arrays.stream(type.getEnumConstants())
				.map(JsonProblems::wireName)
				.collect(Collectors.joining(", "));
		}
		if (type == java.time.Instant.class) {
			return "expected an ISO-8601 instant such as 2026-11-01T09:30:00Z";
		}
		if (type == java.math.BigDecimal.class || type == Double.class || type == double.class) {
			return "expected a number";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "expected a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "expected true or false";
		}
		if (type == String.class) {
			return "expected a string";
		}
		if (java.util.Collection.class.isAssignableFrom(type)) {
			return "expected an array";
		}
		return "expected an object";
	}

	private static String wireName(Object constant) {
		if (constant instanceof EventType type) {
			return type.wireName();
		}
		return constant.toString().toLowerCase(java.util.Locale.ROOT);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
