package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

/**
 * A folder laid out as Kubernetes mounts a ConfigMap (or a projected volume with items[].path),
 * and updated as the kubelet updates it: the files in a hidden folder named by the time of the
 * update, {@code ..data} a link to it, and at the top a link per entry through {@code ..data}.
 */
final class ConfigMapMount {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");

	private static final AtomicInteger WRITES = new AtomicInteger();

	private final Path mount;

	private Path current;

	private ConfigMapMount(Path mount) {
		this.mount = mount;
	}

	/** The files of {@code contents}, mounted at {@code mount}. */
	static ConfigMapMount of(Path mount, Path contents) throws IOException {
		ConfigMapMount configMap = new ConfigMapMount(Files.createDirectories(mount));
		configMap.current = configMap.written(contents);
		Files.createSymbolicLink(mount.resolve("..data"), configMap.current.getFileName());
		configMap.linkNames();
		return configMap;
	}

	Path path() {
		return this.mount;
	}

	/**
	 * The ConfigMap changed to the files of {@code contents}, in the kubelet's steps: the files in
	 * a new hidden folder, a link to it renamed over {@code ..data} in one step, a link at the top
	 * for each name new to it and none for a name gone, the old folder deleted.
	 */
	void update(Path contents) throws IOException {
		Path next = written(contents);
		Path link = Files.createSymbolicLink(this.mount.resolve("..data_tmp"), next.getFileName());
		Files.move(link, this.mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
		Path old = this.current;
		this.current = next;
		linkNames();
		for (Path entry : entries(old)) {
			String name = entry.getFileName().toString();
			if (!Files.exists(next.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
				Files.delete(this.mount.resolve(name));
			}
		}
		FileSystemUtils.deleteRecursively(old);
	}

	/** A link at the top through {@code ..data} for each name in it that has none. */
	private void linkNames() throws IOException {
		for (Path entry : entries(this.current)) {
			String name = entry.getFileName().toString();
			if (!Files.exists(this.mount.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
				Files.createSymbolicLink(this.mount.resolve(name), Path.of("..data", name));
			}
		}
	}

	private Path written(Path contents) throws IOException {
		String name = ".." + LocalDateTime.now().format(TIMESTAMP) + "." + String.format("%09d", WRITES.incrementAndGet());
		Path folder = this.mount.resolve(name);
		FileSystemUtils.copyRecursively(contents, folder);
		return folder;
	}

	private static List<Path> entries(Path folder) throws IOException {
		try (Stream<Path> entries = Files.list(folder)) {
			return entries.toList();
		}
	}

}
