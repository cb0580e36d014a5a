package io.personaengine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files of a rules folder that make up a rule set, by path relative to the folder ('/'
 * separated). Scenario tests ({@code tests/}) are not part of it, nor are hidden files and folders
 * and the temporary files editors leave while saving.
 */
public final class RuleFiles {

	public static final String THRESHOLDS = "thresholds.yaml";

	public static final String PERSONA_CATALOGUE = "catalogue/personas.yaml";

	public static final String SEGMENT_CATALOGUE = "catalogue/segments.yaml";

	private RuleFiles() {
	}

	public static SortedMap<String, byte[]> read(Path dir) {
		return read(dir, RuleFiles::isRuleFile);
	}

	/** The files below {@code dir} whose relative path passes {@code wanted}. */
	public static SortedMap<String, byte[]> read(Path dir, java.util.function.Predicate<String> wanted) {
		if (!Files.isDirectory(dir)) {
			throw RuleSetException.unreadable(java.util.List
				.of(new RuleProblem(dir.toString(), 0, 0, "not a folder (set persona.rules.dir or --rules)")));
		}
		SortedMap<String, byte[]> files = new TreeMap<>();
		try {
			RulesTree tree = RulesTree.of(dir);
			if (!tree.problems().isEmpty()) {
				throw RuleSetException.unreadable(tree.problems());
			}
			for (Map.Entry<String, Path> file : tree.files.entrySet()) {
				if (wanted.test(file.getKey())) {
					files.put(file.getKey(), Files.readAllBytes(file.getValue()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read rules folder " + dir, ex);
		}
		return files;
	}

	public static boolean isRuleFile(String relativePath) {
		String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
		if (relativePath.startsWith("tests/") || isTemporary(name)) {
			return false;
		}
		String lower = relativePath.toLowerCase(Locale.ROOT);
		return lower.endsWith(".drl") || lower.endsWith(".dsl") || lower.endsWith(".dslr") || relativePath.equals(THRESHOLDS)
				|| (relativePath.startsWith("catalogue/") && (lower.endsWith(".yaml") || lower.endsWith(".yml")));
	}

	/**
	 * Why the rules folder never reads a file at {@code relativePath} ('/' separated), whatever
	 * it holds, or null if it may: a file in a hidden folder, a hidden one, or an editor's.
	 */
	public static String neverRead(String relativePath) {
		String[] names = relativePath.split("/");
		for (int i = 0; i < names.length - 1; i++) {
			if (isHidden(names[i])) {
				String folder = String.join("/", java.util.Arrays.copyOfRange(names, 0, i + 1));
				return "is in a hidden folder (" + folder + "/), which the rules folder never reads";
			}
		}
		String name = names[names.length - 1];
		if (isHidden(name)) {
			return "is a hidden file, which the rules folder never reads";
		}
		if (isTemporary(name)) {
			return "is named as an editor's temporary or backup file, which the rules folder never reads";
		}
		return null;
	}

	/**
	 * A hidden name (.git, an editor's .history, a ConfigMap's ..data): no file or folder so named
	 * is read or watched, nor anything below one.
	 */
	static boolean isHidden(String name) {
		return name.startsWith(".");
	}

	/** Hidden files, backups and the swap and lock files of vim, emacs and other editors. */
	public static boolean isTemporary(String name) {
		return isHidden(name) || name.startsWith("#") || name.endsWith("~") || name.endsWith(".swp")
				|| name.endsWith(".swx") || name.endsWith(".tmp") || name.endsWith(".bak");
	}

	static boolean isDrools(String relativePath) {
		String lower = relativePath.toLowerCase(Locale.ROOT);
		return lower.endsWith(".drl") || lower.endsWith(".dsl") || lower.endsWith(".dslr");
	}

}
