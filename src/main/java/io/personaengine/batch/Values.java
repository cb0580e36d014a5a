package io.personaengine.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

import io.personaengine.facts.Amount;
import io.personaengine.facts.IsoInstants;

/** Reading the values of import files: instants in the forms stores export, decimals, booleans. */
final class Values {

	/*
	 * Strict, as the ISO formatters are: by default a formatter read 2011-02-30 as February 28 and
	 * 24:00:00 as the next day, so a row with an impossible date was kept with another one. Strict
	 * needs uuuu: yyyy is the year of an era, which these forms do not write.
	 */

	/** The spaced form, as a formatter reads it: what tests hold the hand-read form to. */
	static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss][.SSS]")
		.withResolverStyle(ResolverStyle.STRICT);

	/** The original UCI spreadsheet's form: 12/1/2010 8:26. */
	private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]", Locale.ROOT)
		.withResolverStyle(ResolverStyle.STRICT);

	private Values() {
	}

	/**
	 * An instant: ISO-8601 with a zone or offset, or a local date-time (with T or a space, or
	 * M/d/yyyy H:mm) or a date, read as UTC.
	 */
	static Instant instant(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("empty");
		}
		String value = text.strip();
		try {
			// Chosen by looking, not by trying: a failed parse throws, and that per row is slow.
			if (value.indexOf('/') > 0) {
				return LocalDateTime.parse(value, US).toInstant(ZoneOffset.UTC);
			}
			if (value.length() == 10) {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			Instant plain = plainDateTime(value);
			if (plain != null) {
				return plain;
			}
			// The space of RFC 3339 for the T, as pandas writes: 2011-12-09 12:50:00.123456 and
			// 2011-12-09 12:50:00+00:00 were refused, though the same with a T was read.
			String iso = (value.indexOf(' ') == 10) ? value.substring(0, 10) + 'T' + value.substring(11) : value;
			if (iso.indexOf('T') != 10) {
				throw new DateTimeParseException("not a date and time", value, 0);
			}
			char last = iso.charAt(iso.length() - 1);
			boolean zoned = last == 'Z' || last == 'z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10;
			return zoned ? OffsetDateTime.parse(iso).toInstant()
					: LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// 24/11/2026 or 11/24/2026 from a spreadsheet: say how slashes are read, month first and
			// with a time, rather than guess which of the two the file means.
			String outside = IsoInstants.outsideTheDay(value);
			throw new IllegalArgumentException("'" + value + "' is not a date and time such as 2011-12-09 12:50:00 or 2011-12-09T12:50:00Z"
					+ ((outside != null) ? " (" + outside + ")"
							: (value.indexOf('/') > 0) ? " (with slashes, month first and with a time: 12/9/2011 12:50)" : ""));
		}
	}

	/**
	 * {@code yyyy-MM-dd HH:mm:ss}, the form of every row of a UCI export, read by hand: through
	 * {@link DateTimeFormatter} it was a fifth of the time of reading one. Null for anything else,
	 * and for days after the 28th and the year 0000 (ISO's 1 BC), which the formatter (as strict as
	 * this) decides: both read the same.
	 */
	private static Instant plainDateTime(String value) {
		if (value.length() != 19 || value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != ' '
				|| value.charAt(13) != ':' || value.charAt(16) != ':') {
			return null;
		}
		int year = digits(value, 0, 4);
		int month = digits(value, 5, 7);
		int day = digits(value, 8, 10);
		int hour = digits(value, 11, 13);
		int minute = digits(value, 14, 16);
		int second = digits(value, 17, 19);
		if (year < 1 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59) {
			return null;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
	}

	/** The number written by the digits from {@code start} to {@code end}, or -1 if one is not a digit. */
	static int digits(String value, int start, int end) {
		int number = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			number = number * 10 + (c - '0');
		}
		return number;
	}

	static BigDecimal decimal(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("empty");
		}
		BigDecimal value;
		try {
			value = new BigDecimal(text.strip());
		}
		catch (NumberFormatException ex) {
			// 1.234,56 or 1,234.56: which separator is the decimal one is not guessed.
			throw new IllegalArgumentException("'" + text + "' is not a number" + ((text.indexOf(',') >= 0)
					? ": write it with a decimal point and no thousands separator, such as 1234.56" : ""));
		}
		// 1e100000000 parses in no time but would take minutes to add up.
		if (!Amount.Check.fits(value)) {
			throw new IllegalArgumentException("'" + text + "' has more than 15 digits before or 6 after the point");
		}
		return value;
	}

	static int wholeNumber(String text) {
		try {
			return Integer.parseInt((text != null) ? text.strip() : null);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a whole number");
		}
	}

	static boolean bool(String text) {
		if (text == null || text.isBlank()) {
			// A short row has no value here at all: it was said as 'null', a word of Java's, not of the file.
			throw new IllegalArgumentException("empty, where true or false is needed");
		}
		if ("true".equalsIgnoreCase(text)) {
			return true;
		}
		if ("false".equalsIgnoreCase(text)) {
			return false;
		}
		throw new IllegalArgumentException("'" + text + "' is not true or false");
	}

}
