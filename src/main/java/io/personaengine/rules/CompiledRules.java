package io.personaengine.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.util.Drools;
import org.drools.compiler.kie.builder.impl.InternalKieModule.CompilationCache;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The Java classes Drools compiled for a rule set, kept in a folder so that a later load of the
 * same files on the same build skips compiling them (ECJ on a cold JVM: a second or two of CPU).
 * Only the compiling is skipped: the rules are still parsed and checked, and the scenarios still
 * run, as without it.
 *
 * <p>An entry is named by a hash of everything its classes can depend on: the rule files (paths
 * and contents), the application's own classes, the names of the jars on the class path (which
 * carry their versions), Drools' version and the Java version. An entry that cannot be read, or
 * whose checksum does not match, is ignored with a warning and the rules are compiled as usual.
 * Loading class files from a folder is running code from it: a folder others can write is refused.
 */
public final class CompiledRules {

	private static final Logger log = LoggerFactory.getLogger(CompiledRules.class);

	/** No folder: every load compiles. */
	public static final CompiledRules NONE = new CompiledRules(null);

	private static final String FORMAT = "persona-engine compiled rules 1";

	private static final String SUFFIX = ".classes";

	private static final int DIGEST_LENGTH = 32;

	private final Path dir;

	/** Keys of rule sets compiled here and not yet known to be good, by their KieBase. */
	private final Map<KieBase, String> pending = new WeakHashMap<>();

	private final AtomicLong hits = new AtomicLong();

	private CompiledRules(Path dir) {
		this.dir = dir;
	}

	/**
	 * The cache in {@code dir}, or {@link #NONE} when {@code dir} is null or unsafe (said with a
	 * warning; the service's start-up also refuses it, see {@link RulesCacheProperties}).
	 */
	public static CompiledRules in(Path dir) {
		if (dir == null) {
			return NONE;
		}
		String unsafe = unsafe(dir);
		if (unsafe != null) {
			log.warn("Not keeping compiled rules in {}: {}", dir, unsafe);
			return NONE;
		}
		return new CompiledRules(dir.toAbsolutePath().normalize());
	}

	/** Why {@code dir} must not hold class files the service loads, or null when it may. */
	public static String unsafe(Path dir) {
		Path absolute = dir.toAbsolutePath().normalize();
		if (absolute.equals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize())) {
			return "it is the temporary folder, which any user can write";
		}
		if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
			return "it is not a folder";
		}
		// The folder, or the nearest existing folder it would be made in.
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		try {
			if (existing != null && Files.getPosixFilePermissions(existing).contains(PosixFilePermission.OTHERS_WRITE)
					&& (existing.equals(absolute) || !isSticky(existing))) {
				return existing + " can be written by any user";
			}
		}
		catch (UnsupportedOperationException | IOException ex) {
			// Not a POSIX file system: its access control lists are the operator's to set.
		}
		return null;
	}

	/** A sticky folder (as /tmp) lets no one replace what another user made in it. */
	private static boolean isSticky(Path dir) throws IOException {
		Object mode = Files.getAttribute(dir, "unix:mode");
		return mode instanceof Integer bits && (bits & 01000) != 0;
	}

	boolean enabled() {
		return this.dir != null;
	}

	/** How many loads used compiled classes from the folder (for tests and logs). */
	long hits() {
		return this.hits.get();
	}

	/** The entry's name for these rule files on this build, or null when there is no folder. */
	String key(SortedMap<String, byte[]> files) {
		if (this.dir == null) {
			return null;
		}
		MessageDigest sha256 = sha256();
		update(sha256, FORMAT);
		update(sha256, Build.IDENTITY);
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			update(sha256, file.getKey());
			sha256.update(file.getValue());
			sha256.update((byte) 0);
		}
		return HexFormat.of().formatHex(sha256.digest());
	}

	/** The classes kept under {@code key}, or null: none kept, or unreadable (with a warning). */
	CompilationCache read(String key) {
		if (key == null) {
			return null;
		}
		Path file = this.dir.resolve(key + SUFFIX);
		byte[] content;
		try {
			content = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			log.warn("Compiling the rules: cannot read compiled rules {}: {}", file, ex.toString());
			return null;
		}
		try {
			CompilationCache classes = parse(content);
			this.hits.incrementAndGet();
			return classes;
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Compiling the rules: ignoring compiled rules {}, which are damaged: {}", file, ex.getMessage());
			return null;
		}
	}

	/** {@code kieBase} was compiled here from the files of {@code key}; kept once it proves good. */
	synchronized void compiled(KieBase kieBase, String key) {
		if (key != null) {
			this.pending.put(kieBase, key);
		}
	}

	/**
	 * Keeps the classes of a rule set that passed (compiled, checked and, where they run, its
	 * scenarios), if it was compiled here and not read from the folder. Never fails: a folder that
	 * cannot be written costs the next start its compiling, with a warning.
	 */
	void keep(RuleSet ruleSet) {
		String key;
		synchronized (this) {
			key = this.pending.remove(ruleSet.kieBase());
		}
		if (key == null) {
			return;
		}
		Path file = this.dir.resolve(key + SUFFIX);
		try {
			Files.createDirectories(this.dir);
			Path written = Files.createTempFile(this.dir, key, ".tmp");
			try {
				Files.write(written, serialize(classes(ruleSet.kieBase())));
				Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(written);
			}
			log.debug("Rule set {}: compiled classes kept in {}", ruleSet.version(), file);
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Rule set {}: cannot keep its compiled classes in {}: {}", ruleSet.version(), this.dir, ex.toString());
		}
	}

	/** The class files Drools compiled into the KieBase's packages, by path. */
	private static SortedMap<String, byte[]> classes(KieBase kieBase) {
		SortedMap<String, byte[]> classes = new TreeMap<>();
		for (InternalKnowledgePackage pkg : ((InternalKnowledgeBase) kieBase).getPackagesMap().values()) {
			if (pkg.getDialectRuntimeRegistry().getDialectData("java") instanceof JavaDialectRuntimeData java) {
				classes.putAll(java.getStore());
			}
		}
		return classes;
	}

	private static byte[] serialize(SortedMap<String, byte[]> classes) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeUTF(FORMAT);
			out.writeInt(classes.size());
			for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
				out.writeUTF(entry.getKey());
				out.writeInt(entry.getValue().length);
				out.write(entry.getValue());
			}
			out.write(sha256().digest(bytes.toByteArray()));
		}
		return bytes.toByteArray();
	}

	private static CompilationCache parse(byte[] content) throws IOException {
		int length = content.length - DIGEST_LENGTH;
		if (length < 0 || !Arrays.equals(sha256().digest(Arrays.copyOf(content, length)),
				Arrays.copyOfRange(content, length, content.length))) {
			throw new IOException("its checksum does not match");
		}
		CompilationCache classes = new CompilationCache();
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, 0, length))) {
			if (!FORMAT.equals(in.readUTF())) {
				throw new IOException("not written by this version");
			}
			for (int count = in.readInt(); count > 0; count--) {
				String name = in.readUTF();
				byte[] bytes = new byte[in.readInt()];
				in.readFully(bytes);
				classes.addEntry("java", name, bytes);
			}
		}
		return classes;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	private static void update(MessageDigest digest, String text) {
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) 0);
	}

	/**
	 * What the compiled classes depend on besides the rule files, read once a JVM: the Java and
	 * Drools versions, the application's own classes, and the jars on the class path by name.
	 */
	private static final class Build {

		static final String IDENTITY = identity();

		private static String identity() {
			MessageDigest sha256 = sha256();
			update(sha256, "java " + Runtime.version() + " " + System.getProperty("java.vm.vendor"));
			update(sha256, "drools " + Drools.getFullVersion());
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
					CompiledRules.class.getClassLoader());
			try {
				Resource[] classes = resolver.getResources("classpath*:io/personaengine/**/*.class");
				Arrays.sort(classes, Comparator.comparing(Build::url));
				for (Resource resource : classes) {
					update(sha256, url(resource).replaceFirst("^.*?/io/personaengine/", "io/personaengine/"));
					try (InputStream in = resource.getInputStream()) {
						sha256.update(in.readAllBytes());
					}
				}
				Set<String> jars = new TreeSet<>();
				for (Resource manifest : resolver.getResources("classpath*:META-INF/MANIFEST.MF")) {
					jars.add(url(manifest).replaceFirst("!?/META-INF/MANIFEST\\.MF$", "").replaceFirst("^.*/", ""));
				}
				jars.forEach((jar) -> update(sha256, jar));
			}
			catch (IOException ex) {
				// Without it no entry could be trusted to match this build: one no entry has.
				log.warn("Compiled rules will not be reused: cannot read the application's classes: {}", ex.toString());
				update(sha256, "unreadable " + System.nanoTime());
			}
			return HexFormat.of().formatHex(sha256.digest());
		}

		private static String url(Resource resource) {
			try {
				return resource.getURL().toString();
			}
			catch (IOException ex) {
				return resource.getDescription();
			}
		}

	}

}
