package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.personaengine.scenarios.ScenarioFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the rules when their folder changes. Every change restarts a quiet period; the folder
 * is read only once it has been quiet that long, so an editor's temporary files and a save in
 * progress never produce a half-built candidate. Changes to hidden, backup and swap files are
 * ignored, but for a hidden link switched that the names read lead through: a Kubernetes
 * ConfigMap update switches {@code ..data} and nothing else.
 * <p>
 * The folder is followed at its configured path, not as the folder first found there: a deploy
 * moves it away ({@code mv rules rules.old}), deletes and copies it again, or switches the link
 * it is. A watch stays on the folder it was set on wherever that goes (or ends with it), so the
 * folder's parent is watched for its name too, and its identity checked now and then, for a
 * folder above it switched, which says nothing to either watch.
 * <p>
 * A link among the rules to a file or folder outside the rules folder
 * ({@code thresholds.yaml -> /shared/thresholds.yaml}) is watched at each folder it leads
 * through, for the names it leads by: a save there, or a switch of a link on the way (a
 * ConfigMap's {@code ..data} at /shared), is an edit of the rules.
 */
class RulesWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RulesWatcher.class);

	/** How often the folder's identity is checked besides the watches. */
	private static final Duration FOLDER_CHECK = Duration.ofSeconds(2);

	private static final String GONE = "rules folder moved away or deleted; it is read again once it is back";

	private final RulesLifecycle lifecycle;

	private final Path dir;

	private final Duration quietPeriod;

	/** Made at each start: a stopped one takes no more tasks, and a context may be started again. */
	private ScheduledExecutorService reloads;

	private WatchService watchService;

	private Thread watching;

	/** The folder the rules folder is in, watched for the rules folder's name alone. */
	private WatchKey parentKey;

	/** The watches on the rules folder and its sub-folders, all ended when it is replaced. */
	private final Set<WatchKey> treeKeys = new HashSet<>();

	/**
	 * The watches on folders outside the rules folder that links among the rules lead through:
	 * for each, the names there that they lead by, each with what it leads to among the rules.
	 */
	private final Map<WatchKey, Map<String, Set<Lead>>> targets = new HashMap<>();

	/** A link among the rules, by path relative to the rules folder, and the reload's reason when what it leads to changes. */
	private record Lead(String what, String reason) {
	}

	private WatchKey rootKey;

	/** The watched folder's file key (device and inode, through links), to tell another folder at the path. */
	private Object rootIdentity;

	/** What was read when the watches were set, to tell when the names lead elsewhere. */
	private RulesTree watchedTree;
	private boolean gone;

	private ScheduledFuture<?> pending;

	private volatile String lastChange;

	private volatile String reason;

	/** The reason is the folder's own (gone, back, replaced), not a file's. */
	private boolean folderChanged;

	/** When the first change of the current burst was seen: what "edit to live" is measured from. */
	private volatile long firstChangeNanos;

	RulesWatcher(RulesLifecycle lifecycle, Duration quietPeriod) {
		this.lifecycle = lifecycle;
		this.dir = lifecycle.dir();
		this.quietPeriod = quietPeriod;
	}

	@Override
	public synchronized void start() {
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
			this.reloads = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "rules-reload");
				thread.setDaemon(true);
				return thread;
			});
			watchTree();
		}
		catch (IOException ex) {
			log.warn("Cannot watch {}; reload through POST /api/v1/rules/reload instead", this.dir, ex);
			return;
		}
		watchParent();
		WatchService service = this.watchService;
		this.watching = new Thread(() -> watch(service), "rules-watcher");
		this.watching.setDaemon(true);
		this.watching.start();
		long check = FOLDER_CHECK.toMillis();
		this.reloads.scheduleWithFixedDelay(this::checkFolder, check, check, TimeUnit.MILLISECONDS);
		log.info("Watching {} for rule changes", this.dir);
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
		if (this.reloads != null) {
			this.reloads.shutdownNow();
		}
		this.watchService = null;
		// Nothing pending is for the watcher started again: a reload never to run (shutdownNow drops
		// it undone), a burst begun before the stop, a folder's reason that a first edit would take.
		if (this.pending != null) {
			this.pending.cancel(false);
		}
		this.pending = null;
		this.firstChangeNanos = 0;
		this.folderChanged = false;
		// The watches ended with their service.
		unwatchTree();
		this.parentKey = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.watchService != null;
	}

	/** {@code service}, not the field: stop() clears it while this thread may be waiting for the lock. */
	private void watch(WatchService service) {
		try {
			while (true) {
				WatchKey key = service.take();
				if (key == this.parentKey) {
					parentChanged(key);
				}
				else if (watched(key)) {
					folderChanged(key);
				}
				else if (!targetChanged(key)) {
					// A watch ended with the folder it was on, moved away or replaced: not the rules.
					key.pollEvents();
				}
			}
		}
		catch (ClosedWatchServiceException | InterruptedException ex) {
			// stopped
		}
	}

	private void parentChanged(WatchKey key) {
		List<WatchEvent<?>> events = key.pollEvents();
		boolean named = events.stream()
			.anyMatch((event) -> event.kind() == StandardWatchEventKinds.OVERFLOW
					|| this.dir.getFileName().equals(event.context()));
		key.reset();
		// A link among the rules may lead here too (thresholds.yaml -> ../thresholds.yaml).
		ledThrough(leadsThrough(key), events);
		if (named) {
			checkFolder();
		}
	}

	/** Events in a folder outside the rules that links among them lead through; false if no such folder's. */
	private boolean targetChanged(WatchKey key) {
		Map<String, Set<Lead>> names = leadsThrough(key);
		if (names == null) {
			return false;
		}
		List<WatchEvent<?>> events = key.pollEvents();
		if (!key.reset()) {
			forget(key);
		}
		ledThrough(names, events);
		return true;
	}

	/**
	 * Says a change of each link among the rules that {@code events} name a step of: its target
	 * saved, or a link on the way switched. Added, removed or renamed, it may lead elsewhere now,
	 * and is watched there.
	 */
	private void ledThrough(Map<String, Set<Lead>> names, List<WatchEvent<?>> events) {
		if (names == null) {
			return;
		}
		boolean renamed = false;
		for (WatchEvent<?> event : events) {
			Set<Lead> leads = (event.kind() == StandardWatchEventKinds.OVERFLOW)
					? names.values().stream().flatMap(Set::stream).collect(Collectors.toSet())
					: names.getOrDefault(event.context().toString(), Set.of());
			leads.forEach((lead) -> changed(lead.what(), lead.reason()));
			renamed |= !leads.isEmpty() && event.kind() != StandardWatchEventKinds.ENTRY_MODIFY;
		}
		if (renamed) {
			relinked(true);
		}
	}

	private synchronized Map<String, Set<Lead>> leadsThrough(WatchKey key) {
		return this.targets.get(key);
	}

	private synchronized void forget(WatchKey key) {
		this.targets.remove(key);
	}

	private void folderChanged(WatchKey key) {
		Path folder = (Path) key.watchable();
		boolean said = false;
		boolean renamed = false;
		for (WatchEvent<?> event : key.pollEvents()) {
			// Added, removed or renamed: only then can a name lead elsewhere.
			renamed |= event.kind() != StandardWatchEventKinds.ENTRY_MODIFY;
			if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
				changed("many files");
				said = true;
				continue;
			}
			Path path = folder.resolve((Path) event.context());
			// Hidden (.git/, a Kubernetes mount's ..data): not read, though it may switch what is.
			if (!RuleFiles.isTemporary(path.getFileName().toString())) {
				changed(this.dir.relativize(path).toString());
				said = true;
			}
		}
		if (renamed) {
			relinked(said);
		}
		if (!key.reset() && ended(key)) {
			// Deleted (rm -rf rules): whatever is at the path now, if anything, is another folder.
			checkFolder();
		}
	}

	/**
	 * Watches the folders now read, when what the names in the rules folder lead to is no longer
	 * what is watched: a folder added or removed, or a link switched. A Kubernetes ConfigMap update
	 * switches only the hidden link all the others lead through ({@code ..data}), and no name the
	 * rules are read by says anything: the switch is said as a change of its own. {@code said}: the
	 * events said a change already, which a folder added or removed needs no more than.
	 */
	private synchronized void relinked(boolean said) {
		if (this.watchService == null || this.watchedTree == null) {
			return;
		}
		RulesTree now;
		try {
			now = RulesTree.settled(this.dir);
		}
		catch (IOException ex) {
			// Being replaced, or gone: the folder's own watch and check see to it.
			log.debug("{} could not be read for its links", this.dir, ex);
			return;
		}
		RulesTree before = this.watchedTree;
		// The links too: one pointed anew at the same folder another way leads through other folders.
		if (now.identities.equals(before.identities) && now.links.equals(before.links)) {
			return;
		}
		try {
			watchTree(now, this.rootIdentity);
		}
		catch (IOException | ClosedWatchServiceException ex) {
			log.debug("{} could not be watched again yet", this.dir, ex);
			return;
		}
		// Switched, not added: a link new at the top (a key new to the ConfigMap) says itself.
		String switched = String.join(", ", now.links.keySet()
			.stream()
			.filter((link) -> before.links.containsKey(link) && !now.links.get(link).equals(before.links.get(link)))
			.toList());
		if (!switched.isEmpty()) {
			changed(switched, "link switched: " + switched);
		}
		else if (!said) {
			now.identities.keySet()
				.stream()
				.filter((path) -> !now.identities.get(path).equals(before.identities.get(path)))
				.findFirst()
				.ifPresentOrElse(this::changed, this::readAgain);
		}
		else {
			readAgain();
		}
	}

	/**
	 * The change said last, said again: the reload it is for may have read the folder before the
	 * watches were set again (a big tree takes longer than the quiet period), and a file saved in
	 * a folder new since then said nothing. It reads once they are set.
	 */
	private synchronized void readAgain() {
		if (this.lastChange != null) {
			changed(this.lastChange, this.reason, this.folderChanged);
		}
	}

	private synchronized boolean watched(WatchKey key) {
		return this.treeKeys.contains(key);
	}

	/** Forgets a watch that ended with its folder; true if it was the rules folder's own. */
	private synchronized boolean ended(WatchKey key) {
		this.treeKeys.remove(key);
		return key == this.rootKey;
	}

	/**
	 * Compares what is at the configured path with the folder watched: gone, it is said as a failed
	 * reload (logged, counted and shown at {@code GET /api/v1/rules}) and the old rules keep serving;
	 * another folder (or the same one back) is watched in its place and read.
	 */
	private synchronized void checkFolder() {
		if (this.watchService == null) {
			return;
		}
		Object identity = identity(this.dir);
		if (identity != null && identity.equals(this.rootIdentity) && this.rootKey.isValid()) {
			return;
		}
		unwatchTree();
		if (identity == null) {
			if (!this.gone) {
				this.gone = true;
				changed("the rules folder", GONE, true);
			}
			return;
		}
		try {
			watchTree();
		}
		catch (IOException | java.io.UncheckedIOException | ClosedWatchServiceException ex) {
			// Being replaced still: the next event or check tries again.
			log.debug("{} could not be watched yet", this.dir, ex);
			unwatchTree();
			return;
		}
		String what = this.gone ? "back" : "replaced by another folder";
		log.info("The rules folder {} is {}; reading it", this.dir, what);
		this.gone = false;
		changed("the rules folder", "rules folder " + what, true);
	}

	private void watchTree() throws IOException {
		Object identity = identity(this.dir);
		watchTree(RulesTree.of(this.dir), identity);
	}

	/**
	 * Watches {@code tree}, and only then ends the watches it no longer needs. Ended first, a save
	 * while the tree was walked and watched again (longer than the quiet period for a big one) went
	 * unheard: its event was on a watch ended. A folder watched already keeps its watch (the same
	 * key), and with it what it heard meanwhile.
	 */
	private void watchTree(RulesTree tree, Object identity) throws IOException {
		Set<WatchKey> before = new HashSet<>(this.treeKeys);
		before.addAll(this.targets.keySet());
		// The parent's watch is for the rules folder's name: kept, though a link may have led there too.
		before.remove(this.parentKey);
		this.treeKeys.clear();
		this.targets.clear();
		try {
			this.rootKey = registerTree(tree);
		}
		catch (IOException | ClosedWatchServiceException ex) {
			this.treeKeys.addAll(before);
			unwatchTree();
			throw ex;
		}
		this.rootIdentity = identity;
		this.watchedTree = tree;
		registerTargets(tree);
		before.removeAll(this.treeKeys);
		before.removeAll(this.targets.keySet());
		before.forEach(WatchKey::cancel);
	}

	private void unwatchTree() {
		this.treeKeys.forEach(WatchKey::cancel);
		this.treeKeys.clear();
		// The parent's watch is for the rules folder's name: kept, though a link may have led there too.
		this.targets.keySet().stream().filter((key) -> key != this.parentKey).forEach(WatchKey::cancel);
		this.targets.clear();
		this.rootKey = null;
		this.rootIdentity = null;
		this.watchedTree = null;
	}

	private void watchParent() {
		Path parent = this.dir.getParent();
		if (parent == null) {
			return;
		}
		try {
			// Modified too: a link among the rules may lead to a file here, and a folder has one watch.
			this.parentKey = parent.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
					StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
		}
		catch (IOException ex) {
			log.debug("Cannot watch {}; the rules folder is checked every {} s instead", parent,
					FOLDER_CHECK.toSeconds(), ex);
		}
	}

	/** The folder's file key, through links (its path where there are none); null if no folder is there. */
	private static Object identity(Path folder) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class);
			return attributes.isDirectory() ? Objects.requireNonNullElse(attributes.fileKey(), folder) : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private void changed(String file) {
		changed(file, "file changed: " + file);
	}

	private synchronized void changed(String what, String reason) {
		// The files of a folder being copied in are part of its coming back, which says more.
		if (!this.folderChanged || this.pending == null || this.pending.isDone()) {
			changed(what, reason, false);
		}
		else {
			changed(this.lastChange, this.reason, true);
		}
	}

	private synchronized void changed(String what, String reason, boolean folder) {
		if (this.watchService == null) {
			// Stopped while this waited for the lock: its executor takes no more reloads.
			return;
		}
		this.lastChange = what;
		this.reason = reason;
		this.folderChanged = folder;
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
			ReloadReport report = this.lifecycle.reload(this.reason);
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
	 * Watches every folder that is read (none with a hidden name: a commit changes .git/ and is no
	 * edit of the rules), each by the path the rules are read from: through a link (rules ->
	 * releases/v2, catalogue -> ..data/catalogue), the watch is on the folder it leads to.
	 */
	private WatchKey registerTree(RulesTree tree) throws IOException {
		if (tree.folders.isEmpty()) {
			throw new IOException(this.dir + " is no folder");
		}
		WatchKey topKey = register(tree.folders.get(0));
		for (Path folder : tree.folders.subList(1, tree.folders.size())) {
			try {
				register(folder);
			}
			catch (NoSuchFileException ex) {
				// Gone as it was walked (catalogue.next renamed over catalogue): its going is an event
				// in the folder it was in, watched, which reads the tree again.
				log.debug("{} went as the rules folder was walked", folder, ex);
			}
		}
		return topKey;
	}

	private WatchKey register(Path folder) throws IOException {
		WatchKey key = folder.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
				StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
		this.treeKeys.add(key);
		return key;
	}

	/**
	 * Watches the folders outside the rules folder that the links among the rules lead through
	 * (a link to a file or folder, or one that leads nowhere yet), each for the names they lead
	 * by. Not those in the rules folder: a link switched there (a ConfigMap's ..data) is heard
	 * by the rules folder's own watch. A folder that cannot be watched is left out: its link is
	 * read as it then is at the next reload, and the rules folder is watched all the same.
	 */
	private void registerTargets(RulesTree tree) {
		Path root;
		try {
			root = this.dir.toRealPath();
		}
		catch (IOException ex) {
			return;
		}
		for (String link : tree.links.keySet()) {
			Path path = this.dir.resolve(link);
			boolean folder = Files.isDirectory(path);
			if (RulesTree.hidden(path)
					|| (tree.files.containsKey(link) && !RuleFiles.isRuleFile(link) && !ScenarioFiles.isScenarioFile(link))) {
				continue;
			}
			Lead lead = new Lead(link, (folder ? "link switched: " : "file changed: ") + link);
			try {
				for (Path place : LinkChain.of(path.getParent().toRealPath().resolve(path.getFileName())).places()) {
					Path in = place.getParent();
					if (in == null || in.startsWith(root) || !Files.isDirectory(in, LinkOption.NOFOLLOW_LINKS)) {
						continue;
					}
					WatchKey key = in.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
							StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
					if (!this.treeKeys.contains(key)) {
						this.targets.computeIfAbsent(key, (folderKey) -> new HashMap<>())
							.computeIfAbsent(place.getFileName().toString(), (name) -> new HashSet<>())
							.add(lead);
					}
				}
			}
			catch (IOException ex) {
				log.debug("Cannot watch where {} leads; it is read as it then is at the next reload", link, ex);
			}
		}
	}

}
