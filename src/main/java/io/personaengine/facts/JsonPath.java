package io.personaengine.facts;

import tools.jackson.core.JacksonException;

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
		return path.toString();
	}

}
