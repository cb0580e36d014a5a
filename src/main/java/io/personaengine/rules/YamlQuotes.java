package io.personaengine.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The values of a YAML file written in quotes ({@code "100"}, {@code '100'}). YAML reads one as a
 * text whatever it looks like, where a number or true or false is meant it is a mistake; but
 * Jackson hands over {@code .5}, {@code +100} and {@code True}, which YAML writes without quotes
 * as the number and the boolean they are, as texts too, so only the file says which is which.
 */
public final class YamlQuotes {

	/** Only to walk the file's tokens, with their paths and where they start. */
	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private YamlQuotes() {
	}

	/**
	 * A value in quotes: its {@code path} from the document's top (names, and list indexes as
	 * Integer: {@code [scenarios, 0, thresholds, highValueAov]}), its text, and where it starts.
	 */
	public record Quoted(List<Object> path, String text, TokenStreamLocation at) {
	}

	/**
	 * Every value written in quotes in {@code content}, in the order written; as far as the file
	 * reads when it is no YAML, whose reading proper says why.
	 */
	public static List<Quoted> in(byte[] content) {
		Set<List<Integer>> starts = quotedStarts(content);
		List<Quoted> quoted = new ArrayList<>();
		if (starts.isEmpty()) {
			return quoted;
		}
		try (JsonParser parser = YAML.createParser(content)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				TokenStreamLocation at = parser.currentTokenLocation();
				// Both positions are snakeyaml-engine's marks, Jackson's counted from 1.
				if (token == JsonToken.VALUE_STRING && starts.contains(List.of(at.getLineNr() - 1, at.getColumnNr() - 1))) {
					quoted.add(new Quoted(path(parser.streamReadContext()), parser.getString(), at));
				}
			}
		}
		catch (JacksonException ex) {
			// What was found before it.
		}
		return quoted;
	}

	/** Where each scalar in quotes starts, as line and column from 0. */
	private static Set<List<Integer>> quotedStarts(byte[] content) {
		Set<List<Integer>> starts = new HashSet<>();
		try {
			for (Event event : new Parse(LoadSettings.builder().build()).parseInputStream(new ByteArrayInputStream(content))) {
				if (event instanceof ScalarEvent scalar && (scalar.isSQuoted() || scalar.isDQuoted()) && scalar.getStartMark().isPresent()) {
					starts.add(List.of(scalar.getStartMark().get().getLine(), scalar.getStartMark().get().getColumn()));
				}
			}
		}
		catch (YamlEngineException ex) {
			// What was found before it.
		}
		return starts;
	}

	private static List<Object> path(TokenStreamContext context) {
		List<Object> path = new ArrayList<>();
		for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
			path.add(0, at.inArray() ? (Object) at.getCurrentIndex() : at.currentName());
		}
		return path;
	}

}
