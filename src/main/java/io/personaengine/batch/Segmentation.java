package io.personaengine.batch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.personaengine.batch.CustomerBook.Customer;
import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.decisions.ErrorInTheRulesException;
import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.facts.FactDeriver;
import io.personaengine.facts.Thresholds;
import io.personaengine.metrics.DecisionMetrics;
import io.personaengine.rules.RuleFailure;
import io.personaengine.rules.RuleSet;

/**
 * Decides every customer of a store export: reads the customers, orders and events files (in
 * that order, so that events are counted knowing each customer's country and consent), then runs
 * the rules over the customers in chunks, with the same facts and rules as the REST API, handing
 * each decision on as it is made. Memory holds the customers, never the rows or all decisions.
 */
public final class Segmentation {

	/** The source of these decisions in the metrics. */
	public static final String SOURCE = "batch";

	/** Customers derived and decided at a time, small enough to stream (DecisionEngine splits them into rules executions). */
	static final int CHUNK = 2_000;

	/** The personas whose recommendation is a win-back test on a sample of them. */
	static final List<String> WINBACK_PERSONAS = List.of("FALSE_START", "JUST_PASSING_THROUGH", "ONE_HIT_WONDER");

	/** What a given store AOV must be: the bounds are those of the totals the REST API takes. */
	public static final String AOV_RULE = "must be auto or a number above 0 with at most 15 digits before the point and 6 after";

	private Segmentation() {
	}

	/**
	 * Whether {@code aov} is a store AOV that {@link Options} may be given, checked before anything
	 * is read. Beyond the bounds of totals, 1e999999999 overflowed the arithmetic on it and
	 * 1e3000000 took minutes to print.
	 */
	public static boolean isAov(String aov) {
		if ("auto".equalsIgnoreCase(aov)) {
			return true;
		}
		try {
			return Values.decimal(aov).signum() > 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	public enum OrdersFormat {

		ORDERS, UCI

	}

	/** One input file: a name for reports, its size in bytes if known (-1), and how to open it. */
	public record Input(String name, long size, Opener opener) {
	}

	@FunctionalInterface
	public interface Opener {

		InputStream open() throws IOException;

	}

	/**
	 * @param asOf decide as of this instant
	 * @param aov the store AOV: null for the rules' own, "auto" for revenue over orders of the
	 * export, or a number
	 * @param seed the win-back sample seed
	 * @param deadline when the whole run must have finished: checked by every rules execution
	 * @param now now, which bounds the dates of orders and events as for the REST API
	 */
	public record Options(Instant asOf, String aov, String seed, Deadline deadline, Instant now) {

		/** Without a deadline: a command line run without --timeout, where the operator can stop it. */
		public Options(Instant asOf, String aov, String seed, Instant now) {
			this(asOf, aov, seed, Deadline.NONE, now);
		}

	}

	public static SegmentationSummary run(RuleSet rules, Input orders, OrdersFormat format, Input events, Input customers,
			Options options, Progress progress, Consumer<Decision> decisions) throws IOException {
		return run(rules, orders, format, events, customers, options, progress, decisions, DecisionMetrics.NONE);
	}

	public static SegmentationSummary run(RuleSet rules, Input orders, OrdersFormat format, Input events, Input customers,
			Options options, Progress progress, Consumer<Decision> decisions, DecisionMetrics metrics) throws IOException {
		return run(() -> rules, orders, format, events, customers, options, progress, decisions, metrics);
	}

	/**
	 * @param rules asked for only once the orders and customers are read, so that a caller can
	 * compile them while the inputs are read
	 */
	public static SegmentationSummary run(Supplier<RuleSet> rules, Input orders, OrdersFormat format, Input events,
			Input customers, Options options, Progress progress, Consumer<Decision> decisions, DecisionMetrics metrics)
			throws IOException {
		CustomerBook book = new CustomerBook();
		Predicate<Instant> history = CustomerValidator.history(options.now());
		List<ImportReport> imports = new ArrayList<>();
		if (customers != null) {
			imports.add(read("customers", customers, "a customers CSV", Imports.CUSTOMERS, ',', book, progress,
					(source, report) -> Imports.customers(source, book, report, progress)));
		}
		if (orders != null) {
			boolean uci = format == OrdersFormat.UCI;
			ImportReport report = read("orders", orders, uci ? "an Online Retail (UCI) line-item CSV" : "an orders CSV",
					uci ? Imports.UCI : Imports.ORDERS, ',', book, progress, (source, rows) -> {
						if (uci) {
							Imports.uci(source, book, options.asOf(), history, rows, progress);
						}
						else {
							Imports.orders(source, book, options.asOf(), history, rows, progress);
						}
					});
			// Counted once read: a UCI order is an invoice of many rows.
			report.afterAsOf("orders", book.ordersAfter(options.asOf()));
			imports.add(report);
		}
		progress.waitingForRules(true);
		RuleSet ruleSet = rules.get();
		progress.waitingForRules(false);
		Thresholds base = ruleSet.thresholds();
		if (events != null) {
			imports.add(read("events", events, "an events CSV", Imports.EVENTS, ',', book, progress,
					(source, report) -> Imports.events(source, book, options.asOf(), history, base, report, progress)));
		}
		BigDecimal aov;
		String aovSource;
		if (options.aov() == null) {
			aov = base.getHighValueAov();
			aovSource = "rules";
		}
		else if ("auto".equalsIgnoreCase(options.aov())) {
			aov = book.averageOrderValue(options.asOf());
			aovSource = "auto: revenue / orders of the export";
		}
		else {
			aov = Values.decimal(options.aov());
			aovSource = "given";
		}
		RuleSet effective = ruleSet.withThresholds(base.withHighValueAov(aov));
		Tally tally = new Tally(effective);
		progress.read(imports);
		progress.deciding(book.size());
		List<Customer> chunk = new ArrayList<>(CHUNK);
		for (Customer customer : book.customers()) {
			chunk.add(customer);
			if (chunk.size() == CHUNK) {
				decide(effective, chunk, options, tally, decisions, metrics);
				progress.decided(chunk.size());
				chunk.clear();
			}
		}
		decide(effective, chunk, options, tally, decisions, metrics);
		progress.decided(chunk.size());
		return tally.summary(effective, options, aov, aovSource, book.size(), imports);
	}

	@FunctionalInterface
	private interface Reader {

		void read(CsvSource source, ImportReport report) throws IOException;

	}

	private static ImportReport read(String role, Input input, String format, List<String> columns, char delimiter, CustomerBook book,
			Progress progress, Reader reader) throws IOException {
		ImportReport report = new ImportReport(input.name(), format);
		progress.opening(input.name());
		try (CsvSource source = CsvSource.open(input.name(), input.size(), input.opener().open(), format, columns, delimiter)) {
			progress.start();
			reader.read(source, report);
		}
		catch (ImportFormatException ex) {
			throw new ImportFormatException(role, ex.getMessage());
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			IOException cause = (ex instanceof java.io.UncheckedIOException unchecked) ? unchecked.getCause() : (IOException) ex;
			throw new ImportFormatException(role, CsvSource.unreadable(input.name(), format, cause, input.opener()));
		}
		return report;
	}

	private static void decide(RuleSet rules, List<Customer> customers, Options options, Tally tally, Consumer<Decision> sink,
			DecisionMetrics metrics) {
		if (customers.isEmpty()) {
			return;
		}
		Instant asOf = options.asOf();
		List<CustomerFacts> facts = new ArrayList<>(customers.size());
		for (Customer customer : customers) {
			facts.add(FactDeriver.derive(customer.toInput(asOf), customer.events, rules.thresholds(), asOf));
		}
		long start = System.nanoTime();
		List<Decision> decided;
		try {
			decided = DecisionEngine.decide(rules, facts, options.deadline());
		}
		catch (RuntimeException ex) {
			// A rule that threw is named with the first customer of the export it throws for, so
			// that the import says which customer to look at.
			RuntimeException named = RuleFailure.namedWithItsCustomer(rules, ex, facts, options.deadline(), "while segmenting");
			throw (named instanceof ErrorInTheRulesException error)
					? UntracedRuleError.told(rules, error, facts, options.deadline()) : named;
		}
		metrics.record(SOURCE, decided, System.nanoTime() - start);
		for (Decision decision : decided) {
			tally.add(decision);
			sink.accept(decision);
		}
	}

	/** Counts per persona and segment, and the win-back candidates, as decisions go by. */
	private static final class Tally {

		private final Map<String, long[]> personaCounts = new LinkedHashMap<>();

		private final Map<String, BigDecimal> personaRevenue = new HashMap<>();

		private final Map<String, long[]> segmentCounts = new LinkedHashMap<>();

		private final Map<String, BigDecimal> segmentRevenue = new HashMap<>();

		private final Map<String, List<String>> winback = new LinkedHashMap<>();

		private long customers;

		Tally(RuleSet rules) {
			rules.catalogue().personaIds().forEach((id) -> this.personaCounts.put(id, new long[2]));
			rules.catalogue().segmentIds().stream().filter((id) -> !id.equals("COUNTRY"))
				.forEach((id) -> this.segmentCounts.put(id, new long[2]));
			WINBACK_PERSONAS.forEach((persona) -> this.winback.put(persona, new ArrayList<>()));
		}

		void add(Decision decision) {
			this.customers++;
			String persona = String.valueOf(decision.persona());
			BigDecimal revenue = decision.facts().totalSpent();
			long orders = decision.facts().orderCount();
			count(this.personaCounts, this.personaRevenue, persona, revenue, orders);
			decision.segments().forEach((segment) -> count(this.segmentCounts, this.segmentRevenue, segment.id(), revenue, orders));
			List<String> candidates = this.winback.get(persona);
			if (candidates != null) {
				candidates.add(decision.customerId());
			}
		}

		private static void count(Map<String, long[]> counts, Map<String, BigDecimal> revenues, String id, BigDecimal revenue,
				long orders) {
			long[] count = counts.computeIfAbsent(id, (k) -> new long[2]);
			count[0]++;
			count[1] += orders;
			revenues.merge(id, revenue, BigDecimal::add);
		}

		SegmentationSummary summary(RuleSet rules, Options options, BigDecimal aov, String aovSource, int customers,
				List<ImportReport> imports) {
			Thresholds t = rules.thresholds();
			List<SegmentationSummary.Sample> samples = new ArrayList<>();
			this.winback.forEach((persona, members) -> {
				double share = switch (persona) {
					case "ONE_HIT_WONDER" -> t.getWinbackShareOneHitWonder();
					case "JUST_PASSING_THROUGH" -> t.getWinbackShareJustPassingThrough();
					default -> t.getWinbackShareFalseStart();
				};
				List<String> group = WinbackSample.select(members, share, t.getWinbackSampleMin(), options.seed());
				samples.add(new SegmentationSummary.Sample(persona, members.size(), share, t.getWinbackSampleMin(), group.size(),
						options.seed(), group));
			});
			return new SegmentationSummary(rules.version(), options.asOf(), aov.setScale(2, RoundingMode.HALF_EVEN), aovSource,
					customers, imports, rows(this.personaCounts, this.personaRevenue), rows(this.segmentCounts, this.segmentRevenue),
					samples);
		}

		private List<SegmentationSummary.Row> rows(Map<String, long[]> counts, Map<String, BigDecimal> revenues) {
			List<SegmentationSummary.Row> rows = new ArrayList<>();
			counts.forEach((id, count) -> {
				BigDecimal revenue = revenues.getOrDefault(id, BigDecimal.ZERO);
				BigDecimal aov = (count[1] == 0) ? null : revenue.divide(BigDecimal.valueOf(count[1]), 2, RoundingMode.HALF_EVEN);
				double share = (this.customers == 0) ? 0 : (double) count[0] / this.customers;
				rows.add(new SegmentationSummary.Row(id, count[0], share, revenue.setScale(2, RoundingMode.HALF_EVEN), count[1], aov));
			});
			return rows;
		}

	}

}
