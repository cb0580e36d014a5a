package io.personaengine;

import java.nio.file.Path;
import java.util.Collection;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The options of the jar's commands that name a file or a folder, refused alike by each command. */
public final class PathOptions {

	private PathOptions() {
	}

	/**
	 * A file or folder option given as "" (or blanks): a path of nothing is the current folder,
	 * which the option did not mean (--samples-dir "" wrote segment's groups there, test-rules
	 * --rules "" read rules from wherever it ran). {@code folders} are the options that name one.
	 */
	public static void refuseEmpty(CommandSpec spec, Collection<String> folders) {
		for (OptionSpec option : spec.options()) {
			if (option.type() == Path.class && option.originalStringValues().stream().anyMatch(String::isBlank)) {
				boolean folder = folders.contains(option.longestName());
				throw new ParameterException(spec.commandLine(), option.longestName() + " is empty: name a "
						+ (folder ? "folder (. for the current one)" : "file"));
			}
		}
	}

}
