package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies of the shipped rules folder, for tests that edit rules the way an analyst does. */
public final class ShippedRules {

	public static final Path DIR = Path.of("rules");

	private ShippedRules() {
	}

	/** Copies the files whose path relative to rules/ passes {@code wanted}. */
	public static void copyTo(Path target, Predicate<String> wanted) throws IOException {
		try (Stream<Path> paths = Files.walk(DIR)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				String relative = DIR.relativize(path).toString().replace('\\', '/');
				Path copy = target.resolve(relative);
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else if (wanted.test(relative)) {
					Files.copy(path, copy);
				}
			}
		}
	}

	/**
	 * The rule set of {@code drl}, written to {@code file} in {@code folder}, with the catalogues
	 * and thresholds of rules/ but none of its rules, so that no other rule fires.
	 */
	public static RuleSet only(Path folder, String file, String drl) throws IOException {
		copyTo(folder, (path) -> path.endsWith(".yaml") && !path.startsWith("tests/"));
		Files.writeString(folder.resolve(file), drl);
		return new RuleSetLoader(Clock.systemUTC()).load(folder);
	}

}
