package io.personaengine.batch;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which way round one file writes its dates with slashes, learnt from its rows as they are read.
 * They are read month first, as the UCI export writes them ({@code 12/1/2010 8:26}); a file written
 * day first, as European spreadsheets write dates ({@code 09/12/2011 10:00} for 9 December), was
 * read as other dates without a word, 9 December as 12 September. No row tells the two apart until
 * one is past the 12th. A file with both a date that reads either way ({@code 09/12/2011}) and one
 * that can only be day first ({@code 13/12/2011}), in either order, is written day first: the import
 * stops, as the first was or would be read wrong. A date that can only be day first with no date
 * read either way beside it (one stray row in a file of ISO dates) is one bad row, skipped as
 * unparseable like any other, as is one in a file a date past the 12th written month first
 * ({@code 12/13/2011}) has shown month first.
 */
final class SlashedDates {

	/** A date with slashes read month first and day first, with a time or without: a single value's two readings. */
	private static final DateTimeFormatter YEAR_FIRST = reading("uuuu/M/d");

	private static final Map<String, DateTimeFormatter> READINGS = Map.of("month first", reading("M/d/uuuu"), "day first",
			reading("d/M/uuuu"));

	private final String file;

	/** A row has shown the month first. */
	private boolean monthFirst;

	/** A date that reads either way has been read. */
	private boolean either;

	/** Why the file is day first, once a date could only be: the import stops if a date read either way goes with it. */
	private String dayFirst;

	SlashedDates(String file) {
		this.file = file;
	}

	/** Stops the import if {@code value}, in {@code column} at {@code line}, shows the file writes the day first. */
	void check(String value, String column, long line) {
		if (this.monthFirst || value == null) {
			return;
		}
		String date = value.strip();
		int slash = date.indexOf('/');
		int next = (slash > 0) ? date.indexOf('/', slash + 1) : -1;
		if (next < 0) {
			return;
		}
		int first = number(date, 0, slash);
		int second = number(date, slash + 1, next);
		if (isMonth(first) && second > 12 && second <= 31) {
			this.monthFirst = true;
		}
		else if (isMonth(second) && first > 12 && first <= 31) {
			if (this.dayFirst == null) {
				this.dayFirst = this.file + " writes its dates day first: line " + line + " has " + column + " '" + date + "', and "
						+ first + " is no month. Dates with slashes are read month first, as the UCI export writes them, which "
						+ "reads the other dates of such a file as wrong days (09/12/2011 as 12 September); save its dates as "
						+ "year-month-day" + example(date, first, second, next);
			}
			stopIfDayFirst();
		}
		else if (isMonth(first) && isMonth(second)) {
			this.either = true;
			stopIfDayFirst();
		}
	}

	private void stopIfDayFirst() {
		if (this.either && this.dayFirst != null) {
			throw new ImportFormatException(this.dayFirst);
		}
	}

	private static boolean isMonth(int number) {
		return number >= 1 && number <= 12;
	}

	/** The date written year first, as an example: {@code (2011-12-13 10:00)}, or nothing if the year is not four digits. */
	private static String example(String date, int day, int month, int yearStarts) {
		int space = date.indexOf(' ', yearStarts);
		int yearEnds = (space < 0) ? date.length() : space;
		if (yearEnds - yearStarts != 5 || number(date, yearStarts + 1, yearEnds) < 0) {
			return "";
		}
		return String.format(java.util.Locale.ROOT, " (%s-%02d-%02d%s)", date.substring(yearStarts + 1, yearEnds), month, day,
				date.substring(yearEnds));
	}

	/**
	 * {@code value}, a date with slashes, written year first as an instant: each way it reads, named
	 * when there are two ({@code 2011-09-12T10:00:00Z (month first) or 2011-12-09T10:00:00Z (day
	 * first)} for 09/12/2011 10:00), or an example when it reads neither way.
	 */
	static String yearFirst(String value) {
		if (writtenYearFirst(value)) {
			try {
				return LocalDateTime.parse(value, YEAR_FIRST).toInstant(ZoneOffset.UTC).toString();
			}
			catch (DateTimeParseException ex) {
				return "such as 2011-12-09T10:00:00Z";
			}
		}
		Map<String, String> readings = new LinkedHashMap<>();
		for (String way : new String[] { "month first", "day first" }) {
			try {
				String instant = LocalDateTime.parse(value, READINGS.get(way)).toInstant(ZoneOffset.UTC).toString();
				if (!readings.containsValue(instant)) {
					readings.put(way, instant);
				}
			}
			catch (DateTimeParseException ex) {
				// Not a date this way round.
			}
		}
		if (readings.isEmpty()) {
			return "such as 2011-12-09T10:00:00Z";
		}
		if (readings.size() == 1) {
			return readings.values().iterator().next();
		}
		return readings.entrySet().stream().map((reading) -> reading.getValue() + " (" + reading.getKey() + ")")
			.reduce((first, second) -> first + " or " + second).orElseThrow();
	}

	/** Whether {@code value} starts with a year, four digits and a slash (2011/12/09): it reads one way only. */
	static boolean writtenYearFirst(String value) {
		return value.length() > 4 && value.charAt(4) == '/' && number(value, 0, 4) >= 0;
	}

	/** The date {@code pattern} with an optional time, H:mm or H:mm:ss, midnight without one. */
	private static DateTimeFormatter reading(String pattern) {
		return new DateTimeFormatterBuilder().appendPattern(pattern + "[ H:mm[:ss]]")
			.parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
			.parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
			.toFormatter(Locale.ROOT)
			.withResolverStyle(ResolverStyle.STRICT);
	}

	/** The number of one to four digits from {@code start} to {@code end}, or -1. */
	private static int number(String text, int start, int end) {
		return (end > start && end - start <= 4) ? Values.digits(text, start, end) : -1;
	}

}
