package io.personaengine.facts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * An instant as ISO-8601 writes one: a date, a time and an offset, the seconds optional as
 * ISO-8601 allows ({@code 2026-11-01T09:30Z} is 09:30:00). {@link Instant#parse} alone requires the
 * seconds, and refused a time written to the minute over REST, Kafka and in scenario files while
 * the segment command read it. A number is refused: it could be seconds or milliseconds.
 */
public final class IsoInstants {

	private IsoInstants() {
	}

	public static Instant parse(CharSequence text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Without seconds, or with an offset of hours alone. Instant.parse is tried first for
			// a leap second (23:59:60), which only it reads, and as it reads the usual form faster.
			try {
				return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
			}
			catch (DateTimeParseException notEither) {
				throw ex;
			}
		}
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
