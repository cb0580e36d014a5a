package io.personaengine.rules;

import java.util.Optional;

import io.personaengine.facts.JsonPath;
import io.personaengine.facts.JsonProblems;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

/**
 * Why a YAML file could not be read, and where (line and column from 1, or 0 when unknown).
 * SnakeYAML writes its own positions into its message ("in reader, line 14, column 10:" with the
 * line and a caret), which Jackson keeps; a problem says where it is once, so they are left out of
 * the reason. SnakeYAML's position is the one given: Jackson's own location can be a token before
 * the problem (1:2 for the '@' at 1:4 of "a: @x"). What is still open at the end of the file (a
 * quote, a '{') is given where it was opened, not at the end; otherwise where it was opened is
 * kept in the reason when it is elsewhere, as "started at 2:6".
 */
public record YamlError(int line, int column, String reason) {

	/**
	 * A key given twice in one mapping, at the second one: YAML readers keep the last one
	 * without a word, so that an edit of the first would do nothing.
	 */
	public static YamlError givenTwice(String key, TokenStreamLocation second, int firstLine) {
		return new YamlError(second.getLineNr(), second.getColumnNr(),
				"'" + key + "' is given twice (first on line " + firstLine + "); only one of them would count");
	}

	public static YamlError of(JacksonException ex) {
		return of(ex, ex.getLocation());
	}

	/**
	 * Why {@code parser} gave up, and where: a limit of Jackson's own, nesting deeper than it reads
	 * (500 levels), is said without a place, and where the parser stopped is where the file went too deep.
	 */
	public static YamlError of(JacksonException ex, JsonParser parser) {
		return of(ex, (ex.getLocation() != null) ? ex.getLocation() : parser.currentLocation());
	}

	private static YamlError of(JacksonException ex, TokenStreamLocation location) {
		MarkedYamlEngineException yaml = marked(ex);
		if (ex instanceof DatabindException) {
			// A value of the wrong kind as the REST API and the scenarios say it, not in Jackson's
			// words ("Cannot deserialize value of type `java.util.ArrayList<java.lang.String>`").
			String reason = JsonProblems.describe(ex).reason() + (ex.getPath().isEmpty() ? "" : " (at " + JsonPath.of(ex) + ")");
			return new YamlError((location != null) ? Math.max(location.getLineNr(), 0) : 0,
					(location != null) ? Math.max(location.getColumnNr(), 0) : 0, reason);
		}
		if (yaml == null || yaml.getProblem() == null) {
			// A limit of Jackson's is said as over REST, without the name of its setting.
			String reason = (ex instanceof StreamConstraintsException) ? JsonProblems.describe(ex).reason()
					: ex.getOriginalMessage();
			return new YamlError((location != null) ? Math.max(location.getLineNr(), 0) : 0,
					(location != null) ? Math.max(location.getColumnNr(), 0) : 0, oneLine(reason));
		}
		Optional<Mark> context = yaml.getContextMark();
		Mark at = yaml.getProblemMark().filter((mark) -> !atEnd(mark) || context.isEmpty()).or(() -> context).orElse(null);
		String started = context.filter((mark) -> at == null || !where(mark).equals(where(at)))
			.map((mark) -> " (started at " + where(mark) + ")")
			.orElse("");
		String reason = (yaml.getContext() != null) ? yaml.getContext() + started + ": " + yaml.getProblem() : yaml.getProblem();
		return new YamlError((at != null) ? at.getLine() + 1 : 0, (at != null) ? at.getColumn() + 1 : 0, oneLine(reason));
	}

	/** Past the last character: the file ended with something still open. */
	private static boolean atEnd(Mark mark) {
		return mark.getPointer() >= mark.getBuffer().length;
	}

	private static MarkedYamlEngineException marked(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MarkedYamlEngineException marked) {
				return marked;
			}
		}
		return null;
	}

	/** As a problem's position reads: line:column, both from 1. */
	private static String where(Mark mark) {
		return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
	}

	private static String oneLine(String text) {
		return (text == null) ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

}
