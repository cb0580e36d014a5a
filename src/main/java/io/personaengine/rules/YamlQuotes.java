package io.personaengine.rules;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The values of a YAML file written in quotes ({@code "100"}, {@code '100'}). YAML reads one as a
 * text whatever it looks like, where a number or true or false is meant it is a mistake; but
 * Jackson hands over {@code .5}, {@code +100} and {@code True}, which YAML writes without quotes
 * as the number and the boolean they are, as texts too, so only the file says which is which.
 * Read from the events of snakeyaml-engine, the parser under Jackson's: they say how each value
 * is written, and where, which Jackson's tokens do not.
 */
public final class YamlQuotes {

	private YamlQuotes() {
	}

	/**
	 * A value in quotes: its {@code path} from the document's top (names, and list indexes as
	 * Integer: {@code [scenarios, 0, thresholds, highValueAov]}), its text, and the line and
	 * column where it starts, from 1, as Jackson and every problem count them.
	 */
	public record Quoted(List<Object> path, String text, int line, int column) {
	}

	/**
	 * Every value written in quotes in {@code content}, in the order written; as far as the file
	 * reads when it is no YAML, whose reading proper says why.
	 */
	public static List<Quoted> in(byte[] content) {
		List<Quoted> quoted = new ArrayList<>();
		List<Open> open = new ArrayList<>();
		try {
			for (Event event : new Parse(LoadSettings.builder().build()).parseInputStream(new ByteArrayInputStream(content))) {
				Open in = open.isEmpty() ? null : open.get(open.size() - 1);
				if (event instanceof DocumentStartEvent) {
					// Each document's paths start at its own top, as Jackson's do.
					open.clear();
				}
				else if (event instanceof ScalarEvent scalar && in != null && in.atKey()) {
					in.key = scalar.getValue();
					in.next();
				}
				else if (event instanceof ScalarEvent scalar) {
					if ((scalar.isSQuoted() || scalar.isDQuoted()) && scalar.getStartMark().isPresent()) {
						quoted.add(new Quoted(open.stream().map(Open::step).toList(), scalar.getValue(),
								scalar.getStartMark().get().getLine() + 1, scalar.getStartMark().get().getColumn() + 1));
					}
					next(in);
				}
				else if (event instanceof AliasEvent) {
					next(in);
				}
				else if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
					open.add(new Open(event instanceof SequenceStartEvent));
				}
				else if (event instanceof CollectionEndEvent) {
					open.remove(open.size() - 1);
					next(open.isEmpty() ? null : open.get(open.size() - 1));
				}
			}
		}
		catch (YamlEngineException ex) {
			// What was found before it.
		}
		return quoted;
	}

	private static void next(Open in) {
		if (in != null) {
			in.next();
		}
	}

	/**
	 * A mapping or list being read: where in it the next node goes, a list's index or a mapping's
	 * key, which is itself a node of the mapping (a key that is no text, {@code [a, b]: 1}, is null).
	 */
	private static final class Open {

		private final boolean list;

		private int nodes;

		private Object key;

		Open(boolean list) {
			this.list = list;
		}

		boolean atKey() {
			return !this.list && this.nodes % 2 == 0;
		}

		Object step() {
			return this.list ? (Object) this.nodes : this.key;
		}

		void next() {
			this.nodes++;
			if (atKey()) {
				this.key = null;
			}
		}

	}

}
