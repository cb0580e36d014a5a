package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a user sees of a rules folder: its files and folders, by path relative to it, links to
 * folders followed as {@code ls} and an editor follow them (the rules folder itself may be one:
 * rules -> releases/v2), leaving out every path with a hidden name in it.
 * <p>
 * A Kubernetes ConfigMap mount is all links ({@code catalogue -> ..data/catalogue},
 * {@code tests -> ..data/tests}): its catalogue and scenarios were missed, as links to folders
 * were not followed, and the folder the links lead into ({@code ..2026_11_24_07_31_00.123456789/})
 * was read beside them. No hidden folder holds rules of the user's: Drools leaves it out, but an
 * editor's .history/ of copies of each save was checked, and an old copy failed the start with an
 * id since renamed; .git/ was watched, and each git command was a reload.
 */
final class RulesTree {

	/** The folders to watch, by the path they are seen at under the rules folder, itself first. */
	final List<Path> folders = new ArrayList<>();

	/** The files, by path relative to the rules folder ('/' separated). */
	final SortedMap<String, Path> files = new TreeMap<>();

	/** Each link that leads back to a folder it is in, whose files would be read without end. */
	final List<RuleProblem> cycles = new ArrayList<>();

	private RulesTree() {
	}

	static RulesTree of(Path dir) throws IOException {
		RulesTree tree = new RulesTree();
		Files.walkFileTree(dir, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
				if (!folder.equals(dir) && hidden(folder)) {
					return FileVisitResult.SKIP_SUBTREE;
				}
				tree.folders.add(folder);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				// A link that leads nowhere is neither a file nor a folder: as before, it is not read.
				if (!hidden(file) && attributes.isRegularFile()) {
					tree.files.put(relative(dir, file), file);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (hidden(file)) {
					return FileVisitResult.CONTINUE;
				}
				if (ex instanceof FileSystemLoopException) {
					tree.cycles.add(new RuleProblem(relative(dir, file), 0, 0, "a link back to " + file.toRealPath()
							+ ", a folder it is in: its files would be read without end; remove the link or point it elsewhere"));
					return FileVisitResult.CONTINUE;
				}
				throw ex;
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
