package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the rules when their folder changes. Every change restarts a quiet period; the folder
 * is read only once it has been quiet that long, so an editor's temporary files and a save in
 * progress never produce a half-built candidate. Changes to hidden, backup and swap files are
 * ignored altogether.
 */
class RulesWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RulesWatcher.class);

	private final RulesLifecycle lifecycle;

	private final Duration quietPeriod;

	private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "rules-reload");
		thread.setDaemon(true);
		return thread;
	});

	private WatchService watchService;

	private Thread watching;

	private ScheduledFuture<?> pending;

	private volatile String lastChange;

	/** When the first change of the current burst was seen: what "edit to live" is measured from. */
	private volatile long firstChangeNanos;

	RulesWatcher(RulesLifecycle lifecycle, Duration quietPeriod) {
		this.lifecycle = lifecycle;
		this.quietPeriod = quietPeriod;
	}

	@Override
	public synchronized void start() {
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
			registerTree(this.lifecycle.dir());
		}
		catch (IOException ex) {
			log.warn("Cannot watch {}; reload through POST /api/v1/rules/reload instead", this.lifecycle.dir(), ex);
			return;
		}
		this.watching = new Thread(this::watch, "rules-watcher");
		this.watching.setDaemon(true);
		this.watching.start();
		log.info("Watching {} for rule changes", this.lifecycle.dir());
	}

	@Override
	public synchronized void stop() {
		try {
			if (this.watchService != null) {
				this.watchService.close();
			}
		}
		catch (IOException ex) {
			log.debug("Closing the rules watcher", ex);
		}
		this.reloads.shutdownNow();
		this.watchService = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.watchService != null;
	}

	private void watch() {
		try {
			while (true) {
				WatchKey key = this.watchService.take();
				Path folder = (Path) key.watchable();
				for (WatchEvent<?> event : key.pollEvents()) {
					if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
						changed("many files");
						continue;
					}
					Path path = folder.resolve((Path) event.context());
					if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
						try {
							registerTree(path);
						}
						catch (IOException | java.io.UncheckedIOException ex) {
							log.debug("{} went away before it could be watched", path, ex);
						}
					}
					if (!RuleFiles.isTemporary(path.getFileName().toString())) {
						changed(this.lifecycle.dir().relativize(path).toString());
					}
				}
				if (!key.reset() && folder.equals(this.lifecycle.dir())) {
					// The folder itself was replaced (a deploy swapping it): watch the new one.
					rewatchRoot();
				}
			}
		}
		catch (ClosedWatchServiceException | InterruptedException ex) {
			// stopped
		}
	}

	private void rewatchRoot() throws InterruptedException {
		for (int attempt = 0; attempt < 50; attempt++) {
			try {
				registerTree(this.lifecycle.dir());
				changed("the rules folder");
				return;
			}
			catch (IOException | java.io.UncheckedIOException ex) {
				Thread.sleep(100);
			}
		}
		log.warn("The rules folder {} is gone; reload through POST /api/v1/rules/reload once it is back", this.lifecycle.dir());
	}

	private synchronized void changed(String file) {
		this.lastChange = file;
		if (this.pending == null || this.pending.isDone()) {
			this.firstChangeNanos = System.nanoTime();
		}
		if (this.pending != null) {
			this.pending.cancel(false);
		}
		this.pending = this.reloads.schedule(this::reload, this.quietPeriod.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void reload() {
		try {
			ReloadReport report = this.lifecycle.reload("file changed: " + this.lastChange);
			if (report.outcome() == ReloadReport.Outcome.LOADED) {
				log.info("Edit to {} live as {} in {} ms after the save", this.lastChange, report.version(),
						(System.nanoTime() - this.firstChangeNanos) / 1_000_000);
			}
		}
		catch (RuntimeException ex) {
			log.error("Reload after a change to {} failed", this.lastChange, ex);
		}
		catch (Error ex) {
			// Thrown on, as an Error is, but said first: the executor keeps it in the task's Future,
			// which no one reads, and the analyst who saved the file would hear nothing at all.
			log.error("Reload after a change to {} failed", this.lastChange, ex);
			throw ex;
		}
	}

	/**
	 * Watches {@code top} and every folder below it, each by its path under {@code top}: when
	 * {@code top} is a link (rules -> releases/v2), the folders are found below its target, and
	 * events are still told by the paths the rules are read from.
	 */
	private void registerTree(Path top) throws IOException {
		Path root = RuleFiles.root(top);
		try (Stream<Path> folders = Files.walk(root)) {
			for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
				top.resolve(root.relativize(folder)).register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
						StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
			}
		}
	}

}
