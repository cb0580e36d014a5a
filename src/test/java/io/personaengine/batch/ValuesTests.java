package io.personaengine.batch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.personaengine.facts.IsoInstants;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Instants as import files write them; the hand-read UCI form must read exactly as the formatter does. */
class ValuesTests {

	private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	@Test
	void uciDateTimeIsReadAsUtc() {
		assertThat(Values.instant("2011-12-09 12:50:00")).isEqualTo(Instant.parse("2011-12-09T12:50:00Z"));
		assertThat(Values.instant(" 2010-12-01 08:26:00 ")).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
	}

	@Test
	void lastDaysOfAMonthAreResolvedAsBefore() {
		assertThat(Values.instant("2011-02-28 23:59:59")).isEqualTo(Instant.parse("2011-02-28T23:59:59Z"));
		assertThat(Values.instant("2012-02-29 00:00:00")).isEqualTo(Instant.parse("2012-02-29T00:00:00Z"));
		assertThat(Values.instant("2011-12-31 23:59:59")).isEqualTo(Instant.parse("2011-12-31T23:59:59Z"));
	}

	@Test
	void impossibleFieldsAndStrayCharactersAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Values.instant("2011-13-09 12:50:00"))
			.withMessageContaining("'2011-13-09 12:50:00' is not a date and time");
		assertThatIllegalArgumentException().isThrownBy(() -> Values.instant("2011-12-09 12:60:00"));
		assertThatIllegalArgumentException().isThrownBy(() -> Values.instant("2011-1a-09 12:50:00"));
		assertThatIllegalArgumentException().isThrownBy(() -> Values.instant("2011-12-09 12:50:0x"));
	}

	@Test
	void impossibleDatesAreRefusedNotMovedToAnotherDay() {
		for (String impossible : new String[] { "2011-02-30 10:00:00", "2011-02-29 10:00:00", "2011-04-31 00:00:00",
				"2011-12-01 24:00:00", "2011-02-30 10:00", "2/30/2011 10:00", "4/31/2011 10:00:00", "12/1/2011 24:00",
				"2011-02-30T10:00:00", "2011-02-30T10:00:00Z", "2011-12-01T24:00:00Z", "2011-02-30" }) {
			assertThatIllegalArgumentException().as(impossible)
				.isThrownBy(() -> Values.instant(impossible))
				.withMessageContaining("'" + impossible + "' is not a date");
		}
	}

	/** Refused as the REST API refuses them, saying why as it does. */
	@Test
	void midnightWrittenAs24AndLeapSecondsAreRefusedSayingWhy() {
		for (String at24 : new String[] { "2011-12-01 24:00:00", "2011-12-01T24:00:00Z", "2011-12-01T24:00" }) {
			assertThatIllegalArgumentException().as(at24).isThrownBy(() -> Values.instant(at24)).withMessageEndingWith(
					" (24:00 is refused, as it may mean the start or the end of a day: write 00:00 of the day meant)");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Values.instant("2016-12-31 23:59:60"))
			.withMessageEndingWith(" (a leap second, :60, is refused: write :59)");
		// Written month first as the UCI export is: the slashes are right, the hour is not.
		assertThatIllegalArgumentException().isThrownBy(() -> Values.instant("12/9/2011 24:00"))
			.withMessageEndingWith(" (24:00 is refused, as it may mean the start or the end of a day: write 00:00 of the day meant)");
	}

	/** 24:30 is no time of any day: it gets no word about what 24:00 may mean. */
	@Test
	void hourPastTwentyFourIsNotToldAsMidnightWrittenAs24() {
		for (String past : new String[] { "2011-12-01 24:30:00", "2011-12-01T24:00:01Z", "2011-12-01T24:00:00.5Z" }) {
			assertThatIllegalArgumentException().as(past).isThrownBy(() -> Values.instant(past))
				.withMessageNotContaining("24:00 is refused");
		}
		assertThat(IsoInstants.outsideTheDay("2011-12-01T24:00:00.000+01:00")).startsWith("24:00 is refused");
	}

	/** pandas writes a space for the T, with microseconds and an offset: read as with the T. */
	@Test
	void dateTimeWithASpaceForTheTIsReadWithItsFractionAndOffset() {
		assertThat(Values.instant("2026-11-01 10:00:00.123456")).isEqualTo(Instant.parse("2026-11-01T10:00:00.123456Z"));
		assertThat(Values.instant("2026-11-01 10:00:00.1")).isEqualTo(Instant.parse("2026-11-01T10:00:00.100Z"));
		assertThat(Values.instant("2026-11-01 10:00:00+00:00")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
		assertThat(Values.instant("2026-11-01 10:00:00.5-05:00")).isEqualTo(Instant.parse("2026-11-01T15:00:00.500Z"));
		assertThat(Values.instant("2026-11-01 10:00")).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
		for (String refused : new String[] { "2026-11-01 10:00:00 UTC", "2026-02-30 10:00:00.5", "2026-11-01 24:00:00+00:00",
				"2026-11-01  10:00:00" }) {
			assertThatIllegalArgumentException().as(refused).isThrownBy(() -> Values.instant(refused))
				.withMessageContaining("'" + refused + "' is not a date and time");
		}
	}

	/** Spreadsheets write 1.234,56 and 24/11/2026: refused saying what to write, not guessed. */
	@Test
	void decimalCommaAndSlashedDateWithoutATimeAreRefusedSayingWhatToWriteInstead() {
		for (String number : new String[] { "1.234,56", "12,5", "1,234.56" }) {
			assertThatIllegalArgumentException().as(number)
				.isThrownBy(() -> Values.decimal(number))
				.withMessage("'" + number + "' is not a number: write it with a decimal point and no thousands separator, such as 1234.56");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Values.decimal("abc")).withMessage("'abc' is not a number");
		for (String date : new String[] { "24/11/2026", "11/24/2026", "24/11/2026 10:00" }) {
			assertThatIllegalArgumentException().as(date)
				.isThrownBy(() -> Values.instant(date))
				.withMessage("'" + date + "' is not a date and time such as 2011-12-09 12:50:00 or 2011-12-09T12:50:00Z "
						+ "(with slashes, month first and with a time: 12/9/2011 12:50)");
		}
	}

	@Test
	void uciSpreadsheetFormIsReadAsUtc() {
		assertThat(Values.instant("12/1/2010 8:26")).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
		assertThat(Values.instant("2/29/2012 23:59:59")).isEqualTo(Instant.parse("2012-02-29T23:59:59Z"));
	}

	@Test
	void yearsZeroAndOneReadTheSameInEveryFormHandReadOrNot() {
		// Year 0000 is ISO's 1 BC: the hand-read form leaves it to the formatter, which reads it as the other forms do.
		for (String year : new String[] { "0000", "0001" }) {
			Instant expected = java.time.LocalDate.of(Integer.parseInt(year), 1, 2).atTime(10, 0).toInstant(ZoneOffset.UTC);
			for (String form : new String[] { year + "-01-02 10:00:00", year + "-01-02 10:00", year + "-01-02T10:00:00",
					year + "-01-02T10:00:00Z", year + "-01-02T11:00:00+01:00", "1/2/" + year + " 10:00" }) {
				assertThat(Values.instant(form)).as(form).isEqualTo(expected);
			}
			assertThat(Values.instant(year + "-01-02")).isEqualTo(expected.minusSeconds(36_000));
		}
	}

	@Property(tries = 2000)
	void handReadFormReadsExactlyAsTheFormatter(@ForAll("spacedDateTimes") String text) {
		Instant expected;
		try {
			expected = LocalDateTime.parse(text, Values.SPACED).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> Values.instant(text));
			return;
		}
		assertThat(Values.instant(text)).as(text).isEqualTo(expected);
		assertThat(WRITTEN.format(expected)).as("read as another date and time than written").isEqualTo(text);
	}

	@Provide
	Arbitrary<String> spacedDateTimes() {
		// Fields a little beyond their ranges on purpose (month 13, day 31 in February, hour 24).
		return Arbitraries.integers().between(0, 10_000).flatMap((year) -> Arbitraries.integers().between(0, 13)
			.flatMap((month) -> Arbitraries.integers().between(0, 32).flatMap((day) -> Arbitraries.integers()
				.between(0, 24)
				.flatMap((hour) -> Arbitraries.integers().between(0, 60).map((minute) -> String
					.format("%04d-%02d-%02d %02d:%02d:%02d", year % 10_000, month, day, hour, minute, (minute * 7) % 61))))));
	}

}
