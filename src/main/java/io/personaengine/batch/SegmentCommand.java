package io.personaengine.batch;

import java.io.BufferedWriter;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.personaengine.ExitStatus;
import io.personaengine.OutOfMemory;
import io.personaengine.PathOptions;
import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionTimeoutException;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.metrics.DecisionMetrics;
import io.personaengine.rules.BackgroundRules;
import io.personaengine.rules.RuleProblem;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetException;
import io.personaengine.rules.RuleSetLoader;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segment}: decides every customer of a store export, without starting the server. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Decide every customer of a store export and show how the base splits by persona and segment.",
				"Files may be gzipped. Rows that cannot be used are skipped and reported." },
		footer = { "Exit status: 0 done, 2 an input is missing or not in its format, or the rules do not compile, 3 the rules failed while "
				+ "deciding (a rule kept firing or threw), 4 the run went past --timeout, " + ExitStatus.BUG
				+ " an unexpected error (a bug, with its stack trace), "
				+ ExitStatus.OUT_OF_MEMORY + " out of memory (the line says which limit to raise).",
				"--out is replaced only when the run succeeds." })
public class SegmentCommand implements Callable<Integer> {

	@Option(names = "--orders", required = true, description = "Orders: customer_id,order_id,placed_at,total[,discount_code][,country], or UCI line items.")
	Path orders;

	@Option(names = "--orders-format", defaultValue = "orders", description = "orders (default) or uci.")
	String ordersFormat;

	@Option(names = "--events", description = "Events: customer_id,type,occurred_at[,apple_mpp].")
	Path events;

	@Option(names = "--customers", description = "Customers: customer_id,country,email_consent,sms_consent,tracking_consent,newsletter.")
	Path customers;

	@Option(names = "--as-of", description = "Decide as of this instant (ISO-8601, e.g. 2011-12-10T00:00:00Z). Default: now.")
	String asOf;

	@Option(names = "--aov", description = "The store AOV: a number, or auto (revenue / orders of the export). Default: the rules' highValueAov.")
	String aov;

	@Option(names = "--rules", defaultValue = "rules", description = "The rules folder (default: ${DEFAULT-VALUE}).")
	Path rules;

	@Option(names = "--out", description = "Write customer_id,persona,segments,actions per customer to this CSV file.")
	Path out;

	@Option(names = "--samples-dir", description = "Write the win-back test groups (ONE_HIT_WONDER, JUST_PASSING_THROUGH, FALSE_START) here as CSV.")
	Path samplesDir;

	@Option(names = "--sample-seed", defaultValue = "winback", description = "Seed of the win-back draws (default: ${DEFAULT-VALUE}).")
	String sampleSeed;

	@Option(names = "--timeout", paramLabel = "<duration>", description = "Stop the run if it has not finished within this long, "
			+ "e.g. 30s, 10m or 2h (or ISO-8601, PT10M), counted from its start to its last decision: reading the inputs "
			+ "(a read that waits on a pipe included), compiling the rules alongside and deciding. "
			+ "Exit status 4, nothing written. Default: no bound.")
	String timeout;

	@Spec
	CommandSpec spec;

	/**
	 * What a run's heap holds, measured with -XX:+UseSerialGC on generated exports (the README says
	 * how): the shipped rules compiled, then the customer book, one entry per customer and per
	 * order, a UCI invoice holding its items too (20 in this measure).
	 */
	static final String NEEDS = "it needs about 30 MB for the rules, then 250 bytes a customer and an order (450 a UCI invoice)";

	/** The exit status of a run stopped by {@code --timeout}: to be given longer, or run on a smaller export. */
	static final int TIMED_OUT = 4;

	@Override
	public Integer call() throws IOException {
		OutOfMemory headroom = OutOfMemory.reserve();
		PrintWriter stdout = this.spec.commandLine().getOut();
		PrintWriter stderr = this.spec.commandLine().getErr();
		Segmentation.OrdersFormat format = switch (this.ordersFormat.toLowerCase(java.util.Locale.ROOT)) {
			case "orders" -> Segmentation.OrdersFormat.ORDERS;
			case "uci" -> Segmentation.OrdersFormat.UCI;
			default -> throw badValue("--orders-format", "--orders-format must be orders or uci, not " + this.ordersFormat);
		};
		Instant now = Clock.systemUTC().instant();
		Instant instant = (this.asOf != null) ? parseAsOf(now) : now;
		if (this.aov != null && !Segmentation.isAov(this.aov)) {
			throw badValue("--aov", "--aov " + Segmentation.AOV_RULE + "; not " + this.aov);
		}
		Duration bound = (this.timeout != null) ? parseTimeout() : null;
		refuseNamesOfNoFile();
		Path rulesDir = this.rules.toAbsolutePath().normalize();
		Segmentation.Input orders = input(this.orders);
		Segmentation.Input events = input(this.events);
		Segmentation.Input customers = input(this.customers);
		refuseOutputOverAnInput();
		refuseSamplesDirThatCannotBeWritten();
		// A rules folder that is not there or cannot be read fails compiling at once, but the reading
		// alongside heeds that only at its next check, 4,096 rows on: it is told before any input is
		// read, as compiling tells it (a folder that reads after all is compiled again below).
		if (!Files.isDirectory(rulesDir) || !Files.isReadable(rulesDir)) {
			try {
				compile(rulesDir);
			}
			catch (RuleSetException ex) {
				return doNotCompile(rulesDir, ex, stderr);
			}
		}
		// From here on the run is under way: the bound covers reading, compiling and deciding.
		Deadline deadline = Deadline.in(bound);
		// On a fresh JVM compiling the rules takes seconds, about as long as reading a large export:
		// compile them on a second thread while the inputs are read, and stop reading if they fail.
		BackgroundRules compiling = BackgroundRules.start("rules-compiler", () -> compile(rulesDir));
		Progress progress = new Progress(stderr).checking(() -> {
			if (compiling.failed()) {
				compiling.await();
			}
			if (deadline.passed()) {
				throw new BoundPassed();
			}
		});
		OutputCsv csv = OutputCsv.create(this.out, this.spec);
		// Where the run is once every customer is decided, for running out of memory there.
		String finishing = null;
		try (csv) {
			// On a thread of its own, waited for until the deadline: the bound holds where the run
			// cannot check it, in a read that waits on a pipe nobody writes to or in the rules.
			SegmentationSummary summary = WithinDeadline.call("segment", deadline,
					() -> Segmentation.run(compiling::await, orders, format, events, customers,
							new Segmentation.Options(instant, this.aov, this.sampleSeed, deadline, now), progress, csv,
							DecisionMetrics.NONE),
					() -> {
						// Past the bound nothing more of the run shows: no progress after the line that
						// says it stopped, no decision into --out.
						progress.silence();
						csv.abandon();
					});
			finishing = "while writing " + this.out;
			csv.commit();
			// --out /dev/stdout | gzip: the stream stays a CSV, and the summary is still seen.
			PrintWriter report = csv.isStandardOutput() ? stderr : stdout;
			finishing = "while printing the summary";
			SummaryTable.print(summary, report);
			if (this.out != null) {
				report.printf("%nDecisions: %s (%,d customers)%n", this.out, summary.customers());
			}
			if (this.samplesDir != null) {
				finishing = "while writing the win-back test groups to " + this.samplesDir;
				try {
					writeSamples(summary, report);
				}
				catch (IOException ex) {
					// Checked before the run, so a disk that filled up meanwhile, say: a line, not a bug's trace.
					report.flush();
					stderr.println("cannot write the win-back test groups to " + this.samplesDir + ": " + OutputCsv.why(ex));
					return 2;
				}
			}
			report.flush();
			return 0;
		}
		catch (RuleSetException ex) {
			return doNotCompile(rulesDir, ex, stderr);
		}
		catch (ImportFormatException ex) {
			stderr.println(ex.getMessage());
			return 2;
		}
		catch (OutputCsv.WriteFailure ex) {
			stderr.println("Cannot write " + this.out + ": " + ex.getCause().getMessage());
			return 2;
		}
		catch (UncheckedIOException ex) {
			stderr.println("Cannot read the input: " + ex.getCause().getMessage());
			return 2;
		}
		catch (BoundPassed | WithinDeadline.Passed | DecisionTimeoutException ex) {
			// The rules' own message names a rules execution, not the run: say where the run was.
			stderr.println("segment stopped after --timeout " + this.timeout + " " + progress.where() + outputLeft(csv)
					+ ". Raise --timeout to give it longer.");
			return TIMED_OUT;
		}
		// Any Error: a full heap can surface as a class that failed to load or initialise.
		catch (Error | RuntimeException ex) {
			if (!OutOfMemory.behind(ex)) {
				throw ex;
			}
			// Before the line's parts are made: they need heap too.
			headroom.release();
			// What filled the heap went with the run's thread, or with the rules' if they were
			// compiling; the headroom covers what is still held. Nothing of the run shows after the line.
			progress.silence();
			String where = (finishing != null) ? finishing
					: compiling.failed() ? "compiling the rules, " + progress.where() : progress.where();
			stderr.println(headroom.line("segment", where, csv.committed ? "; " + this.out + " was written whole" : outputLeft(csv),
					NEEDS, ex));
			return ExitStatus.OUT_OF_MEMORY;
		}
	}

	/**
	 * As Spring reads persona.decisions.segmentation-timeout (30s, 10m, PT10M), with a unit:
	 * a bare 10 would be 10 ms there. Zero or less is no bound to Deadline: refused, as leaving
	 * the option out says that.
	 */
	private Duration parseTimeout() {
		Duration bound;
		try {
			bound = DurationStyle.detectAndParse(this.timeout);
		}
		catch (IllegalArgumentException ex) {
			throw badValue("--timeout", "--timeout: '" + this.timeout + "' is not a duration such as 30s, 10m or PT10M");
		}
		if (bound.isZero() || bound.isNegative()) {
			throw badValue("--timeout", "--timeout must be longer than 0 (leave it out for no bound); not " + this.timeout);
		}
		if (this.timeout.strip().matches("[+-]?\\d+")) {
			throw badValue("--timeout", "--timeout " + this.timeout + " has no unit: say 30s, 10m or PT10M");
		}
		return bound;
	}

	/**
	 * What a stopped run left in --out: a file is written whole or not at all; a pipe or a device
	 * (/dev/stdout) has been given the decisions as they were made, which it keeps.
	 */
	private String outputLeft(OutputCsv csv) {
		if (this.out == null) {
			return "";
		}
		// Asked of the output, not of the path: /dev/stdout sent to a file is a regular file.
		if (csv.streams()) {
			return "; " + this.out + " was written to as the run went: the decisions written before stay there";
		}
		return "; nothing was written to " + this.out;
	}

	/**
	 * A value the option does not take, tied to its option as picocli's own are: a command line to
	 * write again, so {@code UsageError} points to {@code --help}; a file that cannot be read or
	 * written is not, and gets no such pointer.
	 */
	private ParameterException badValue(String option, String message) {
		OptionSpec spec = this.spec.findOption(option);
		return new ParameterException(this.spec.commandLine(), message, spec, String.valueOf((Object) spec.getValue()));
	}

	/** A rules folder that cannot be read is reported as the rules, with their exit status, not as a bad input. */
	private static RuleSet compile(Path rulesDir) {
		try {
			return new RuleSetLoader(Clock.systemUTC()).load(rulesDir);
		}
		catch (UncheckedIOException ex) {
			throw RuleSetException.unreadable(List.of(new RuleProblem(rulesDir.toString(), 0, 0,
					"cannot be read: " + ex.getCause().getMessage())));
		}
	}

	private static int doNotCompile(Path rulesDir, RuleSetException ex, PrintWriter stderr) {
		stderr.println(ex.headline(rulesDir));
		ex.problems().forEach((problem) -> stderr.println("  " + problem));
		return 2;
	}

	private Instant parseAsOf(Instant now) {
		String given = this.asOf.strip();
		// In a file the other dates tell a day-first one (SlashedDates); a single value has none,
		// and 09/12/2011 10:00, read month first, was 12 September without a word. Refused also
		// where it reads one way only: a job's --as-of of today's date would fail on the 1st to 12th.
		if (given.indexOf('/') >= 0) {
			throw badValue("--as-of", "--as-of takes no date with slashes, which some countries read month first and others "
					+ "day first: write " + given + (SlashedDates.writtenYearFirst(given) ? " with dashes, " : " year first, ")
					+ SlashedDates.yearFirst(given));
		}
		Instant instant;
		try {
			instant = Values.instant(this.asOf);
		}
		catch (IllegalArgumentException ex) {
			throw badValue("--as-of", "--as-of: " + ex.getMessage());
		}
		if (!CustomerValidator.isAsOf(instant, now)) {
			throw badValue("--as-of", "--as-of " + CustomerValidator.AS_OF_RULE + "; not " + this.asOf);
		}
		return instant;
	}

	/**
	 * A file or folder named by nothing ({@link PathOptions#refuseEmpty}), or {@code --out} naming a
	 * folder, which a path drops: --out newdir/ (or newdir/.) wrote a file named newdir.
	 */
	private void refuseNamesOfNoFile() {
		PathOptions.refuseEmpty(this.spec, List.of("--rules", "--samples-dir"));
		String given = this.spec.findOption("--out").originalStringValues().stream().reduce((first, last) -> last).orElse(null);
		if (given == null) {
			return;
		}
		String name = String.valueOf(this.out.getFileName());
		if (given.endsWith("/") || given.endsWith(java.io.File.separator) || name.equals(".") || name.equals("..")) {
			throw new ParameterException(this.spec.commandLine(), "--out " + given + " names a folder, not a file: name the file "
					+ "to write, such as " + this.out.resolve("decisions.csv"));
		}
	}

	/**
	 * {@code --out} naming a file the run reads (through a link or another spelling of its path):
	 * moved over it at the end, the decisions replaced the export itself, without a word.
	 */
	private void refuseOutputOverAnInput() {
		// Normalised as the output is: x/../orders.csv is orders.csv even without a folder x.
		Path target = (this.out != null) ? this.out.toAbsolutePath().normalize() : null;
		if (target == null || !Files.isRegularFile(target)) {
			return;
		}
		Map<String, Path> inputs = new LinkedHashMap<>();
		inputs.put("--orders", this.orders);
		inputs.put("--events", this.events);
		inputs.put("--customers", this.customers);
		inputs.forEach((option, input) -> {
			if (input != null && sameFile(target, input)) {
				throw new ParameterException(this.spec.commandLine(), "--out " + this.out + " is the " + option
						+ " file: the decisions would replace it; write them to another file");
			}
		});
	}

	/**
	 * A {@code --samples-dir} that cannot be made or written into, told before anything is read:
	 * found only once every customer was decided, it was a stack trace and status 70 after the run.
	 * Probed with a file made and removed at once, in the folder or the nearest one above it that
	 * is there, as permissions do not tell it for root or a read-only file system.
	 */
	private void refuseSamplesDirThatCannotBeWritten() {
		if (this.samplesDir == null) {
			return;
		}
		Path dir = this.samplesDir.toAbsolutePath().normalize();
		if (Files.exists(dir) && !Files.isDirectory(dir)) {
			throw new ParameterException(this.spec.commandLine(), "--samples-dir " + this.samplesDir + " is a file, not a folder");
		}
		Path existing = dir;
		while (!Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (!Files.isDirectory(existing)) {
			throw new ParameterException(this.spec.commandLine(), "cannot write --samples-dir " + this.samplesDir + ": "
					+ existing + " is not a folder");
		}
		try {
			Files.delete(Files.createTempFile(existing, ".samples.", ".probe"));
		}
		catch (IOException | SecurityException ex) {
			throw new ParameterException(this.spec.commandLine(), "cannot write --samples-dir " + this.samplesDir + ": the folder "
					+ existing + " cannot be written (" + OutputCsv.why(ex) + ")");
		}
	}

	private static boolean sameFile(Path one, Path other) {
		try {
			return Files.isSameFile(one, other);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Segmentation.Input input(Path path) {
		if (path == null) {
			return null;
		}
		if (!Files.isReadable(path) || Files.isDirectory(path)) {
			// "-" is standard input to many tools; here a file name, so say which name that is.
			throw new ParameterException(this.spec.commandLine(), "cannot read " + path + ": no such file"
					+ (path.toString().equals("-") ? " (for standard input, give /dev/stdin)" : ""));
		}
		try {
			// Java 17's stream of a file channel asks a pipe (/dev/stdin, <(zcat orders.csv.gz)) its
			// position whenever the reader looks ahead, which fails ("Illegal seek"): a file stream
			// asks it how much is there instead.
			Segmentation.Opener opener = Files.isRegularFile(path) ? () -> Files.newInputStream(path)
					: () -> new FileInputStream(path.toFile());
			return new Segmentation.Input(path.getFileName().toString(), Files.size(path), opener);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeSamples(SegmentationSummary summary, PrintWriter stdout) throws IOException {
		Files.createDirectories(this.samplesDir);
		stdout.printf("%nWin-back test groups (seed '%s'):%n", this.sampleSeed);
		for (SegmentationSummary.Sample sample : summary.samples()) {
			Path file = this.samplesDir.resolve(sample.persona() + ".csv");
			// Quoted where CSV needs it: an id may hold a comma, a quote or a line break.
			try (CSVPrinter writer = DecisionCsv.printer(Files.newBufferedWriter(file, StandardCharsets.UTF_8), "customer_id",
					"draw")) {
				int draw = 1;
				for (String id : sample.customerIds()) {
					writer.printRecord(id, draw++);
				}
			}
			stdout.printf("  %-22s %,7d of %,7d (%.0f%%, at least %,d) -> %s%n", sample.persona(), sample.size(), sample.members(),
					sample.share() * 100, sample.minimum(), file);
		}
	}

	/** The bound passed while the inputs were read; thrown by the progress check, told by {@link #call()}. */
	private static final class BoundPassed extends RuntimeException {

		BoundPassed() {
			super("--timeout passed", null, false, false);
		}

	}

	/**
	 * The {@code --out} file, written to a temporary file beside it and moved over it only once the
	 * run has succeeded: a run stopped by a bad input, bad rules or a failing rule leaves an existing
	 * file as it was. The temporary file is created before anything is read, so a folder that cannot
	 * be written is told at once, not after minutes of reading. A pipe or a device is written as the
	 * run goes, having nothing to keep. A run stopped by a signal (Ctrl-C, kill) removes the
	 * temporary file as the JVM shuts down; kill -9 gives it no chance to.
	 */
	private static final class OutputCsv implements Consumer<Decision>, AutoCloseable {

		/** Linux's /dev/fd leads to /proc/self/fd, macOS' is a file system of its own. */
		private static final Path STANDARD_OUTPUT = Path.of("/dev/fd/1");

		private final Path target;

		private final Path partial;

		private final Writer writer;

		private final DecisionCsv csv;

		/** The decisions go where this command's own output goes: {@code --out /dev/stdout}. */
		private final boolean standardOutput;

		private boolean committed;

		/** The run was stopped while its thread may still be deciding (or blocked writing into a pipe). */
		private volatile boolean abandoned;

		/** Removes the temporary file if the JVM shuts down before {@link #close()}; null without one. */
		private final Removal removal;

		private OutputCsv(Path target, Path partial, Writer writer, Removal removal) throws IOException {
			this.target = target;
			this.partial = partial;
			this.writer = writer;
			this.csv = (writer != null) ? new DecisionCsv(writer) : null;
			this.standardOutput = (target != null) && sameAsStandardOutput(target);
			this.removal = removal;
		}

		private static boolean sameAsStandardOutput(Path target) {
			try {
				return Files.isSameFile(target, STANDARD_OUTPUT);
			}
			catch (IOException | SecurityException ex) {
				// No /dev/fd, or a standard output closed: nothing to keep apart.
				return false;
			}
		}

		boolean isStandardOutput() {
			return this.standardOutput;
		}

		/** Written as the run goes (a pipe, a device, a file descriptor), not moved into place at the end. */
		boolean streams() {
			return this.target != null && this.partial == null;
		}

		static OutputCsv create(Path target, CommandSpec spec) throws IOException {
			if (target == null) {
				return new OutputCsv(null, null, null, null);
			}
			Path given = target.toAbsolutePath().normalize();
			if (descriptor(given)) {
				// Appended to, not truncated: the shell's >> keeps what was there, and with > the
				// summary this command prints to the same file is not written over.
				return new OutputCsv(given, null, new BufferedWriter(
						Files.newBufferedWriter(given, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16),
						null);
			}
			Path absolute = followLink(given);
			if (Files.isDirectory(absolute)) {
				throw new ParameterException(spec.commandLine(), "--out " + target + " is a folder, not a file");
			}
			if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
				// A pipe or a device (/dev/stdout, /dev/null): moving a file over it would replace it.
				return new OutputCsv(absolute, null,
						new BufferedWriter(Files.newBufferedWriter(absolute, StandardCharsets.UTF_8), 1 << 16), null);
			}
			// Told before creating the temporary file, whose name, not the folder's, the failure gives.
			Path folder = absolute.getParent();
			if (!Files.isDirectory(folder)) {
				throw new ParameterException(spec.commandLine(), "cannot write --out " + target + ": "
						+ (Files.exists(folder) ? folder + " is not a folder" : "there is no folder " + folder));
			}
			Removal removal = Removal.registered();
			Path partial;
			try {
				partial = removal.create(folder, "." + absolute.getFileName() + ".");
			}
			catch (IOException | SecurityException ex) {
				removal.forget();
				// The exception names the temporary file, which the user never asked for: name the folder.
				throw new ParameterException(spec.commandLine(), "cannot write --out " + target + ": the folder " + folder
						+ " cannot be written (" + why(ex) + ")");
			}
			// Not CREATE: a signal's removal may already have taken the file, and made again here,
			// as the JVM shuts down, it would be left behind.
			BufferedWriter writer = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8,
					StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
			// Once open: the permissions of a read-only file replaced would keep it from being opened.
			keepPermissions(absolute, partial);
			return new OutputCsv(absolute, partial, writer, removal);
		}

		/**
		 * Whether {@code path} is, through its links, one of this process's file descriptors:
		 * {@code /dev/stdout}, or {@code /dev/fd/63} for bash's {@code >(gzip > d.csv.gz)}. Written
		 * as the run goes, whatever it leads to: a pipe's is no path ({@code pipe:[123]}), and a
		 * file the shell opened would be replaced under it by moving the run's file over it.
		 */
		private static boolean descriptor(Path path) throws IOException {
			Path at = path;
			// The last link too: macOS' /dev/stdout leads to /dev/fd/1, which is no link.
			for (int links = 0; links < 8 && at.getParent() != null && Files.isDirectory(at.getParent()); links++) {
				Path folder = at.getParent().toRealPath();
				if (folder.equals(Path.of("/dev/fd")) || (folder.startsWith("/proc") && folder.getFileName().toString().equals("fd"))) {
					return true;
				}
				if (!Files.isSymbolicLink(at)) {
					return false;
				}
				at = at.resolveSibling(Files.readSymbolicLink(at)).normalize();
			}
			return false;
		}

		/**
		 * The file a symbolic link names: the run's file is moved over its target, so that the link
		 * stays and the file it points to gets the decisions, as writing through the link would.
		 */
		private static Path followLink(Path path) throws IOException {
			if (!Files.isSymbolicLink(path)) {
				return path;
			}
			if (Files.exists(path)) {
				return path.toRealPath();
			}
			// A link to a file not there yet: create that file.
			return path.resolveSibling(Files.readSymbolicLink(path)).toAbsolutePath().normalize();
		}

		/** A file replaced keeps who may read it, as an editor saving it would. */
		private static void keepPermissions(Path target, Path partial) {
			try {
				if (Files.isRegularFile(target)) {
					Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(target));
				}
			}
			catch (IOException | UnsupportedOperationException ex) {
				// Not POSIX, or not ours to change: the new file's own permissions stand.
			}
		}

		/** Why a file cannot be created in a folder, without the name of the file. */
		private static String why(Exception ex) {
			if (ex instanceof AccessDeniedException || ex instanceof SecurityException) {
				return "permission denied";
			}
			if (ex instanceof FileSystemException failure) {
				// No such file, for a folder that exists: a file system such as /proc takes no new files.
				return (failure.getReason() != null) ? failure.getReason()
						: (ex instanceof NoSuchFileException) ? "it takes no new files" : "the file system refused a new file";
			}
			return ex.getMessage();
		}

		@Override
		public void accept(Decision decision) {
			if (this.csv == null || this.abandoned) {
				return;
			}
			try {
				this.csv.accept(decision);
			}
			catch (UncheckedIOException ex) {
				throw new WriteFailure(ex.getCause());
			}
		}

		void commit() {
			if (this.target == null) {
				return;
			}
			try {
				this.writer.close();
				if (this.partial == null) {
					this.committed = true;
					return;
				}
				try {
					Files.move(this.partial, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(this.partial, this.target, StandardCopyOption.REPLACE_EXISTING);
				}
				this.committed = true;
			}
			catch (IOException ex) {
				throw new WriteFailure(ex);
			}
		}

		/** Nothing more is written; the temporary file goes at {@link #close()}. */
		void abandon() {
			this.abandoned = true;
		}

		@Override
		public void close() throws IOException {
			try {
				discardUnlessCommitted();
			}
			finally {
				if (this.removal != null) {
					this.removal.forget();
				}
			}
		}

		private void discardUnlessCommitted() throws IOException {
			if (this.target != null && !this.committed && this.abandoned) {
				// The writer is left to the run's thread, which may be in it, blocked on a pipe:
				// closing it would wait for that thread and write what its buffer holds.
				if (this.partial != null) {
					Files.deleteIfExists(this.partial);
				}
				return;
			}
			if (this.target != null && !this.committed) {
				try {
					this.writer.close();
				}
				finally {
					if (this.partial != null) {
						Files.deleteIfExists(this.partial);
					}
				}
			}
		}

		/**
		 * The temporary file, removed as the JVM shuts down before the run is over: stopped by a
		 * signal (Ctrl-C, kill), the JVM runs its shutdown hooks, but no finally block of the run,
		 * whose thread goes on meanwhile. Registered before the file is made, and making it holds the
		 * hook off, so that the file is removed whenever the signal comes.
		 */
		private static final class Removal implements Runnable {

			private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

			private final Thread hook = new Thread(this, "segment-out-removal");

			private Path partial;

			private Removal() {
			}

			static Removal registered() {
				Removal removal = new Removal();
				Runtime.getRuntime().addShutdownHook(removal.hook);
				return removal;
			}

			/**
			 * Made as any new file is, with the permissions the umask gives (rw-r--r-- under 022):
			 * a temporary file's rw------- went with it into place, so the decisions, even over a
			 * file the team could read, could be read by their owner alone.
			 */
			synchronized Path create(Path folder, String prefix) throws IOException {
				while (true) {
					Path file = folder.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong()) + ".partial");
					try {
						this.partial = Files.createFile(file);
						return this.partial;
					}
					catch (java.nio.file.FileAlreadyExistsException ex) {
						// Another run's, or a left-over: draw another name.
					}
				}
			}

			@Override
			public synchronized void run() {
				if (this.partial == null) {
					return;
				}
				try {
					Files.deleteIfExists(this.partial);
				}
				catch (IOException ex) {
					// The JVM is going: nothing is left to tell it to.
				}
			}

			/** The run is over, and has removed the file or moved it into place itself. */
			void forget() {
				try {
					Runtime.getRuntime().removeShutdownHook(this.hook);
				}
				catch (IllegalStateException ex) {
					// Shutting down already: the hook is running, or about to.
				}
			}

		}

		/** Writing the output failed: told apart from reading an input. */
		static final class WriteFailure extends RuntimeException {

			WriteFailure(IOException cause) {
				super(cause.getMessage(), cause);
			}

		}

	}

}
