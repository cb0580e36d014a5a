package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

}
