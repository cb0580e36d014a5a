package io.personaengine.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.personaengine.facts.JsonPath;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;

/**
 * Where the parts of one scenario, item {@code index} of its file's list, are written, found by
 * their path from the scenario ({@code customer, orders, 0, total}) when a failure needs them:
 * Jackson keeps no locations in what it reads. A part that is not written where its path says
 * (a default, a check of several keys) is placed at the nearest part around it that is.
 */
record Places(byte[] content, int index) {

	/** A line and a column, both from 1. */
	record Place(int line, int column) {

		static final Comparator<Place> IN_THE_FILE = Comparator.comparingInt(Place::line).thenComparingInt(Place::column);

	}

	/** Where the value at {@code steps} starts: a wrong value itself, not its key. */
	Place value(List<?> steps) {
		return find(steps, true);
	}

	/** Where the key, or list item, at the end of {@code steps} is written. */
	Place key(List<?> steps) {
		return find(steps, false);
	}

	private Place find(List<?> steps, boolean value) {
		List<Object> path = new ArrayList<>(List.of("scenarios", this.index));
		path.addAll(steps);
		boolean itsValue = value;
		while (path.size() >= 2) {
			try (JsonParser parser = ScenarioFiles.parser(this.content)) {
				TokenStreamLocation key = JsonPath.locate(parser, path);
				if (key != null) {
					// JsonPath.locate leaves the parser at the value of what it found.
					TokenStreamLocation at = itsValue ? parser.currentTokenLocation() : key;
					return new Place(at.getLineNr(), Math.max(at.getColumnNr(), 0));
				}
			}
			path.remove(path.size() - 1);
			itsValue = false;
		}
		return new Place(0, 0);
	}

}
