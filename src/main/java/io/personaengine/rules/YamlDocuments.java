package io.personaengine.rules;

import java.io.ByteArrayInputStream;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A second YAML document in a file ({@code ---} and more after the first): every file of the
 * rules folder holds one. Jackson reads the first alone, so a scenario file's second document
 * was skipped without a word, and thresholds.yaml's was said in JSON's words ("more content
 * after the JSON value"). Found from the events of snakeyaml-engine, the parser under Jackson's,
 * which say where each document starts.
 */
public final class YamlDocuments {

	private YamlDocuments() {
	}

	/**
	 * Where the second document of {@code content} starts (its {@code ---}), said as a problem; null
	 * when there is one document, or the file is no YAML before a second, which its reading says.
	 */
	public static YamlError second(byte[] content, String advice) {
		int documents = 0;
		try {
			for (Event event : new Parse(LoadSettings.builder().build()).parseInputStream(new ByteArrayInputStream(content))) {
				if (event instanceof DocumentStartEvent && ++documents == 2) {
					Mark at = event.getStartMark().orElse(null);
					return new YamlError((at != null) ? at.getLine() + 1 : 0, (at != null) ? at.getColumn() + 1 : 0,
							"a second YAML document starts here: a file holds one document; " + advice);
				}
			}
		}
		catch (YamlEngineException ex) {
			// The reading proper says what is wrong with the file.
		}
		return null;
	}

}
