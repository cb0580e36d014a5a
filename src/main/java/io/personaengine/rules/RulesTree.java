package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a user sees of a rules folder: its files and folders, by path relative to it, leaving out
 * every path with a hidden name in it. A hidden folder holds no rules of the user's: Drools leaves
 * it out, but an editor's .history/ of copies of each save was checked, and an old copy failed
 * the start with an id since renamed; .git/ was watched, and each git command was a reload.
 */
final class RulesTree {

	/** The folders to watch, by the path they are seen at under the rules folder, itself first. */
	final List<Path> folders = new ArrayList<>();

	/** The files, by path relative to the rules folder ('/' separated). */
	final SortedMap<String, Path> files = new TreeMap<>();

	private RulesTree() {
	}

	static RulesTree of(Path dir) throws IOException {
		RulesTree tree = new RulesTree();
		Path root = RuleFiles.root(dir);
		Files.walkFileTree(root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
				if (!folder.equals(root) && hidden(folder)) {
					return FileVisitResult.SKIP_SUBTREE;
				}
				tree.folders.add(dir.resolve(relative(root, folder)));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				// A link to a file is read through; a link to a folder is not followed.
				if (!hidden(file) && Files.isRegularFile(file)) {
					tree.files.put(relative(root, file), file);
				}
				return FileVisitResult.CONTINUE;
			}

		});
		return tree;
	}

	static boolean hidden(Path path) {
		return path.getFileName().toString().startsWith(".");
	}

	private static String relative(Path root, Path path) {
		return root.relativize(path).toString().replace('\\', '/');
	}

}
