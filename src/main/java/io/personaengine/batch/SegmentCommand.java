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
		RuleSet ruleSet;
		try {
			ruleSet = new RuleSetLoader(Clock.systemUTC()).load(this.rules.toAbsolutePath().normalize());
		}
		catch (RuleSetException ex) {
			stderr.println("The rules in " + this.rules.toAbsolutePath().normalize() + " do not compile:");
			ex.problems().forEach((problem) -> stderr.println("  " + problem));
			return 2;
		}
		Writer csvOut = null;
		try {
			DecisionCsv csv = null;
			if (this.out != null) {
				csvOut = new BufferedWriter(Files.newBufferedWriter(this.out, StandardCharsets.UTF_8), 1 << 16);
				csv = new DecisionCsv(csvOut);
			}
			DecisionCsv sink = csv;
			SegmentationSummary summary = Segmentation.run(ruleSet, input(this.orders), format, input(this.events),
					input(this.customers), new Segmentation.Options(instant, this.aov, this.sampleSeed), new Progress(stderr),
					(decision) -> {
						if (sink != null) {
							sink.accept(decision);
						}
					});
			if (csv != null) {
				csv.flush();
			}
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
		catch (ImportFormatException ex) {
			stderr.println(ex.getMessage());
			return 2;
		}
		catch (UncheckedIOException ex) {
			stderr.println("Cannot read the input: " + ex.getCause().getMessage());
			return 2;
		}
		finally {
			if (csvOut != null) {
				csvOut.close();
			}
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

}
