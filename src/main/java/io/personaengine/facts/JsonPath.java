package io.personaengine.facts;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DatabindException;

/** Where in a document Jackson stopped, written as a field path: {@code orders[2].total}. */
public final class JsonPath {

	private JsonPath() {
	}

	public static String of(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
		}
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

}
