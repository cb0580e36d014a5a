package io.personaengine.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;

/** Where in a document Jackson stopped, written as a field path: {@code orders[2].total}. */
public final class JsonPath {

	/** A list index ({@code [2]}) or a property name. */
	private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|([^.\\[]+)");

	private JsonPath() {
	}

	public static String of(JacksonException ex) {
		StringBuilder path = new StringBuilder(of(steps(ex)));
		// A token the parser refused (NaN, a duplicate key, a number too long) is reported before
		// databind has entered its property; the parser still knows the property's name.
		if (!(ex instanceof DatabindException) && ex.processor() instanceof JsonParser parser) {
			TokenStreamContext context = parser.streamReadContext();
			String name = (context != null && context.inObject()) ? context.currentName() : null;
			if (name != null && !path.toString().endsWith(name)) {
				path.append(path.isEmpty() ? "" : ".").append(name);
			}
		}
		return path.toString();
	}

	/** Property names and list indexes (Integer) written as a field path: {@code orders[2].total}. */
	public static String of(List<?> steps) {
		StringBuilder path = new StringBuilder();
		for (Object step : steps) {
			if (step instanceof Integer index) {
				path.append('[').append(index).append(']');
			}
			else {
				path.append(path.isEmpty() ? "" : ".").append(step);
			}
		}
		return path.toString();
	}

	/** The path Jackson stopped at, as property names and list indexes (Integer). */
	public static List<Object> steps(JacksonException ex) {
		List<Object> steps = new ArrayList<>();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				steps.add(reference.getIndex());
			}
			else if (reference.getPropertyName() != null) {
				steps.add(reference.getPropertyName());
			}
		}
		return steps;
	}

	/** The steps of a field path as {@link #of(JacksonException)} writes it: {@code orders[2].total}. */
	public static List<Object> steps(String path) {
		List<Object> steps = new ArrayList<>();
		Matcher step = STEP.matcher(path);
		while (step.find()) {
			steps.add((step.group(1) != null) ? (Object) Integer.valueOf(step.group(1)) : step.group(2));
		}
		return steps;
	}

	/**
	 * Where the key or item at the end of {@code steps} (property names and Integer list indexes,
	 * from the top of the document {@code parser} is about to read) is written; null if it is not
	 * there. Jackson reports where its parser stood when it gave up: for a record read whole, or a
	 * misspelt key holding a map, that is past the culprit, often at the next entry.
	 */
	public static TokenStreamLocation locate(JsonParser parser, List<?> steps) {
		try {
			parser.nextToken();
			TokenStreamLocation at = null;
			for (Object step : steps) {
				at = (step instanceof Integer index) ? enterElement(parser, index) : enterProperty(parser, String.valueOf(step));
				if (at == null) {
					return null;
				}
			}
			return at;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static TokenStreamLocation enterProperty(JsonParser parser, String name) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			return null;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			TokenStreamLocation at = parser.currentTokenLocation();
			boolean found = name.equals(parser.currentName());
			parser.nextToken();
			if (found) {
				return at;
			}
			parser.skipChildren();
		}
		return null;
	}

	private static TokenStreamLocation enterElement(JsonParser parser, int index) {
		if (parser.currentToken() != JsonToken.START_ARRAY || index < 0) {
			return null;
		}
		for (int i = 0; i <= index; i++) {
			if (parser.nextToken() == JsonToken.END_ARRAY) {
				return null;
			}
			if (i < index) {
				parser.skipChildren();
			}
		}
		return parser.currentTokenLocation();
	}

}
