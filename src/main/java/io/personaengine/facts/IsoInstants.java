package io.personaengine.facts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * An instant as ISO-8601 writes one: a date, a time and an offset, the seconds optional as
 * ISO-8601 allows ({@code 2026-11-01T09:30Z} is 09:30:00). {@link Instant#parse} alone requires the
 * seconds, and refused a time written to the minute over REST, Kafka and in scenario files while
 * the segment command read it. A number is refused: it could be seconds or milliseconds. So are
 * {@code 24:00} and a leap second, as the imports refuse them ({@link #outsideTheDay}).
 */
public final class IsoInstants {

	private IsoInstants() {
	}

	public static Instant parse(CharSequence text) {
		Instant instant;
		try {
			// Tried first as it reads the usual form faster.
			instant = Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Without seconds, or with an offset of hours alone. Strict, this refuses 24:00 and
			// 23:59:60 itself.
			try {
				return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			}
			catch (DateTimeParseException notEither) {
				throw ex;
			}
		}
		String outside = outsideTheDay(text);
		if (outside != null) {
			throw new DateTimeParseException(outside, text, 0);
		}
		return instant;
	}

	/**
	 * Why a date and time is refused for 24:00 or a leap second, or null if it has neither. Instant.parse
	 * read 2026-11-01T24:00:00Z as the next day's midnight and 23:59:60 as 23:59:59, on any day,
	 * where the imports refuse both as no time of a day: the stricter reading, for both. 24:00 is
	 * ISO-8601's end of a day, but a formatter counting hours from 1 to 24 (Java's {@code kk})
	 * writes it for the start of the same day, a day away; which is meant is not guessed. A leap
	 * second is no instant Java counts, and none has been added since 2016.
	 */
	/** 24:00, 24:00:00 or 24:00:00.000 and a zone or none: 24:30 is no time at all, and said as any other. */
	private static final Pattern MIDNIGHT_AS_24 = Pattern.compile("24:00(:00(\\.0+)?)?([Zz]|[+-].*)?");

	public static String outsideTheDay(CharSequence text) {
		int time = -1;
		for (int i = 0; i < text.length() && time < 0; i++) {
			char c = text.charAt(i);
			if (c == 'T' || c == 't' || c == ' ') {
				time = i + 1;
			}
		}
		if (time < 0 || time + 2 > text.length()) {
			return null;
		}
		// The characters first: every instant read comes through here.
		if (text.charAt(time) == '2' && text.charAt(time + 1) == '4'
				&& MIDNIGHT_AS_24.matcher(text).region(time, text.length()).matches()) {
			return "24:00 is refused, as it may mean the start or the end of a day: write 00:00 of the day meant";
		}
		if (time + 8 <= text.length() && text.charAt(time + 5) == ':' && text.charAt(time + 6) == '6' && text.charAt(time + 7) == '0') {
			return "a leap second, :60, is refused: write :59";
		}
		return null;
	}

	/** For the JSON (and YAML) readers: ISO-8601 text only. */
	public static final class Deserializer extends StdDeserializer<Instant> {

		public Deserializer() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return (Instant) context.handleUnexpectedToken(Instant.class, parser);
			}
			String text = parser.getString().trim();
			try {
				return parse(text);
			}
			catch (DateTimeParseException ex) {
				return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
			}
		}

	}

}
