package io.personaengine.batch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.personaengine.decisions.Decision;
import io.personaengine.metrics.DecisionMetrics;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetException;
import io.personaengine.rules.RuleSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segment}: decides every customer of a store export, without starting the server. */
@Command(name = "segment", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Decide every customer of a store export and show how the base splits by persona and segment.",
				"Files may be gzipped. Rows that cannot be used are skipped and reported." },
		footer = "Exit status: 0 done, 2 an input is missing or not in its format, or the rules do not compile.")
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

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter stdout = this.spec.commandLine().getOut();
		PrintWriter stderr = this.spec.commandLine().getErr();
		Segmentation.OrdersFormat format = switch (this.ordersFormat.toLowerCase(java.util.Locale.ROOT)) {
			case "orders" -> Segmentation.OrdersFormat.ORDERS;
			case "uci" -> Segmentation.OrdersFormat.UCI;
			default -> throw new ParameterException(this.spec.commandLine(), "--orders-format must be orders or uci, not " + this.ordersFormat);
		};
		Instant instant = (this.asOf != null) ? parseAsOf() : Clock.systemUTC().instant();
		if (this.aov != null && !"auto".equalsIgnoreCase(this.aov)) {
			try {
				if (new BigDecimal(this.aov).signum() < 0) {
					throw new NumberFormatException();
				}
			}
			catch (NumberFormatException ex) {
				throw new ParameterException(this.spec.commandLine(), "--aov must be a number of at least 0, or auto; not " + this.aov);
			}
		}
		Path rulesDir = this.rules.toAbsolutePath().normalize();
		// On a fresh JVM compiling the rules takes seconds, about as long as reading a large export:
		// compile them on a second thread while the inputs are read, and stop reading if they fail.
		CompletableFuture<RuleSet> compiling = CompletableFuture.supplyAsync(
				() -> new RuleSetLoader(Clock.systemUTC()).load(rulesDir), (task) -> {
					Thread thread = new Thread(task, "rules-compiler");
					thread.setDaemon(true);
					thread.start();
				});
		Progress progress = new Progress(stderr).checking(() -> {
			if (compiling.isCompletedExceptionally()) {
				rulesOf(compiling);
			}
		});
		OutputCsv csv = new OutputCsv(this.out);
		try {
			SegmentationSummary summary = Segmentation.run(() -> rulesOf(compiling), input(this.orders), format,
					input(this.events), input(this.customers), new Segmentation.Options(instant, this.aov, this.sampleSeed),
					progress, csv, DecisionMetrics.NONE);
			csv.finish();
			SummaryTable.print(summary, stdout);
			if (this.out != null) {
				stdout.printf("%nDecisions: %s (%,d customers)%n", this.out, summary.customers());
			}
			if (this.samplesDir != null) {
				writeSamples(summary, stdout);
			}
			stdout.flush();
			return 0;
		}
		catch (RuleSetException ex) {
			stderr.println("The rules in " + rulesDir + " do not compile:");
			ex.problems().forEach((problem) -> stderr.println("  " + problem));
			return 2;
		}
		catch (ImportFormatException ex) {
			stderr.println(ex.getMessage());
			return 2;
		}
		catch (UncheckedIOException ex) {
			stderr.println("Cannot read the input: " + ex.getCause().getMessage());
			return 2;
		}
		finally {
			csv.close();
		}
	}

	private static RuleSet rulesOf(CompletableFuture<RuleSet> compiling) {
		try {
			return compiling.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private Instant parseAsOf() {
		try {
			return Values.instant(this.asOf);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), "--as-of: " + ex.getMessage());
		}
	}

	private Segmentation.Input input(Path path) {
		if (path == null) {
			return null;
		}
		if (!Files.isReadable(path) || Files.isDirectory(path)) {
			throw new ParameterException(this.spec.commandLine(), "cannot read " + path + ": no such file");
		}
		try {
			return new Segmentation.Input(path.getFileName().toString(), Files.size(path), () -> Files.newInputStream(path));
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
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				writer.write("customer_id,draw\n");
				int draw = 1;
				for (String id : sample.customerIds()) {
					writer.write(id + "," + draw++ + "\n");
				}
			}
			stdout.printf("  %-22s %,7d of %,7d (%.0f%%, at least %,d) -> %s%n", sample.persona(), sample.size(), sample.members(),
					sample.share() * 100, sample.minimum(), file);
		}
	}

	/**
	 * The {@code --out} file, created at the first decision (or at the end when there is none), so
	 * that a run stopped by a bad input or bad rules leaves an existing file as it was.
	 */
	private static final class OutputCsv implements Consumer<Decision> {

		private final Path path;

		private Writer writer;

		private DecisionCsv csv;

		OutputCsv(Path path) {
			this.path = path;
		}

		@Override
		public void accept(Decision decision) {
			if (this.path == null) {
				return;
			}
			try {
				open().accept(decision);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void finish() throws IOException {
			if (this.path != null) {
				open().flush();
			}
		}

		void close() throws IOException {
			if (this.writer != null) {
				this.writer.close();
			}
		}

		private DecisionCsv open() throws IOException {
			if (this.csv == null) {
				this.writer = new BufferedWriter(Files.newBufferedWriter(this.path, StandardCharsets.UTF_8), 1 << 16);
				this.csv = new DecisionCsv(this.writer);
			}
			return this.csv;
		}

	}

}
