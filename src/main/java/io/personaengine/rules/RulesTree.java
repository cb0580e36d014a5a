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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

	/** Enough for a folder switched once or twice while it is walked; more are seen by the next events. */
	private static final int SETTLING_WALKS = 5;

	/** The folders to watch, by the path they are seen at under the rules folder, itself first. */
	final List<Path> folders = new ArrayList<>();

	/** The files, by path relative to the rules folder ('/' separated). */
	final SortedMap<String, Path> files = new TreeMap<>();

	/** Each link that leads back to a folder it is in, whose files would be read without end. */
	final List<RuleProblem> cycles = new ArrayList<>();

	/**
	 * Each link that leads nowhere, by path relative to the rules folder: what it held, a rule file
	 * or a folder of them, cannot be known, and rules read without it are not the ones written.
	 */
	final SortedMap<String, Path> dangling = new TreeMap<>();

	/**
	 * What each folder below the rules folder and each link seen in it is, by path: its file key
	 * (device and inode), through links. A ConfigMap update changes none of the names a user sees,
	 * only what they lead to.
	 */
	final Map<String, Object> identities = new TreeMap<>();

	/** Where each link met leads, hidden ones too ({@code ..data -> ..2026_11_24_07_31_00.123456789}). */
	final Map<String, Path> links = new TreeMap<>();

	private RulesTree() {
	}

	static RulesTree of(Path dir) throws IOException {
		RulesTree tree = new RulesTree();
		Files.walkFileTree(dir, Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
				if (folder.equals(dir) || tree.seen(dir, folder, attributes)) {
					tree.folders.add(folder);
					return FileVisitResult.CONTINUE;
				}
				return FileVisitResult.SKIP_SUBTREE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				if (!tree.seen(dir, file, attributes)) {
					return FileVisitResult.CONTINUE;
				}
				if (attributes.isRegularFile()) {
					tree.files.put(relative(dir, file), file);
				}
				// Followed, a link has the attributes of what it leads to: its own only when that is not there.
				else if (attributes.isSymbolicLink() && !RuleFiles.isTemporary(file.getFileName().toString())) {
					tree.dangling.put(relative(dir, file), file);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (hidden(file)) {
					return FileVisitResult.CONTINUE;
				}
				if (ex instanceof FileSystemLoopException) {
					Path link = linkOnTheWay(dir, file);
					// No link on the way (a folder mounted inside itself): named where the loop is met.
					String to = (link != null) ? "a link to " + Files.readSymbolicLink(link) + ", which leads back to "
							: "a folder that leads back to ";
					Path at = (link != null) ? link : file;
					tree.cycles.add(new RuleProblem(relative(dir, at), 0, 0, to + at.toRealPath() + ", a folder it is in: "
							+ "its files would be read without end; remove the link or point it elsewhere"));
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}

		});
		return tree;
	}

	/**
	 * The link the loop met at {@code file} goes through, the last on the way there: the loop is
	 * met one folder on from a link to a folder above the rules folder ({@code shared -> ..} is met
	 * as {@code shared/rules}, which is no link); null if there is none.
	 */
	private static Path linkOnTheWay(Path dir, Path file) {
		for (Path path = file; path != null && path.startsWith(dir) && !path.equals(dir); path = path.getParent()) {
			if (Files.isSymbolicLink(path)) {
				return path;
			}
		}
		return null;
	}

	/**
	 * Why the rules cannot be read from the folder as it is: a link back to a folder it is in, or
	 * one that leads nowhere, each named at the link.
	 */
	List<RuleProblem> problems() {
		List<RuleProblem> problems = new ArrayList<>(this.cycles);
		this.dangling.forEach((relative, link) -> problems.add(new RuleProblem(relative, 0, 0, leadsNowhere(link))));
		problems.sort(Comparator.comparing(RuleProblem::file));
		return problems;
	}

	private static String leadsNowhere(Path link) {
		String target;
		try {
			target = Files.readSymbolicLink(link).toString();
		}
		catch (IOException ex) {
			target = "what was there";
		}
		Path missing = LinkChain.of(link).missing();
		String where;
		if (missing == null) {
			where = "which leads round a loop of links";
		}
		else if (missing.toString().equals(target)) {
			where = "which is not there";
		}
		else {
			where = "which leads nowhere: " + missing + " is not there";
		}
		return "a link to " + target + ", " + where + "; the rules would be read without what it holds: put it back, "
				+ "or remove the link";
	}

	/**
	 * The tree once two walks in a row find the same links and folders. A walk is no snapshot:
	 * one that met the names while ..data was being renamed over found some leading to the old
	 * files and some to the new, a switch half made.
	 */
	static RulesTree settled(Path dir) throws IOException {
		RulesTree last = of(dir);
		for (int walk = 0; walk < SETTLING_WALKS; walk++) {
			RulesTree next = of(dir);
			if (next.identities.equals(last.identities) && next.links.equals(last.links)) {
				return next;
			}
			last = next;
		}
		return last;
	}

	/**
	 * Notes the links and folders below the rules folder; true if {@code path} is seen (not hidden).
	 * Other files are left out: one saved anew is said by its own event, not found by comparing.
	 */
	private boolean seen(Path dir, Path path, BasicFileAttributes attributes) throws IOException {
		String relative = relative(dir, path);
		boolean link = Files.isSymbolicLink(path);
		if (hidden(path)) {
			try {
				if (link) {
					this.links.put(relative, Files.readSymbolicLink(path));
				}
			}
			catch (IOException ex) {
				// Renamed or deleted as it was met (..data_tmp, renamed over ..data): no more a link here.
			}
			return false;
		}
		if (link) {
			this.links.put(relative, Files.readSymbolicLink(path));
		}
		if (link || attributes.isDirectory()) {
			this.identities.put(relative, identity(path, attributes));
		}
		return true;
	}

	/**
	 * Its file key, or where it is without one (Windows). A link that leads nowhere has its own
	 * key, and without one is its path: its real path, looked up, failed the whole read.
	 */
	private static Object identity(Path path, BasicFileAttributes attributes) {
		if (attributes.fileKey() != null) {
			return attributes.fileKey();
		}
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return path;
		}
	}

	static boolean hidden(Path path) {
		return RuleFiles.isHidden(path.getFileName().toString());
	}

	private static String relative(Path root, Path path) {
		return root.relativize(path).toString().replace('\\', '/');
	}

}
