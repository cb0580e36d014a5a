package io.personaengine.batch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.personaengine.batch.CustomerBook.Customer;
import io.personaengine.batch.CustomerBook.Draft;
import io.personaengine.facts.Countries;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.facts.EventTally;
import io.personaengine.facts.EventType;
import io.personaengine.facts.Thresholds;
import org.apache.commons.csv.CSVRecord;

/**
 * The import formats of PERSONAS.md section 6. A row that cannot be used is skipped and reported
 * with its line and reasons; the rest of the file goes on. Every value of a row is checked even
 * after one fails, so that its owner learns all that is wrong with it at once.
 */
final class Imports {

	static final List<String> ORDERS = List.of("customer_id", "order_id", "placed_at", "total");

	static final List<String> UCI = List.of("InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
			"Country");

	static final List<String> EVENTS = List.of("customer_id", "type", "occurred_at");

	static final List<String> CUSTOMERS = List.of("customer_id", "country", "email_consent", "sms_consent",
			"tracking_consent", "newsletter");

	private Imports() {
	}

	/** What an import does with one row of a customer already named in it. */
	@FunctionalInterface
	private interface RowHandler {

		void handle(CSVRecord row, long line, Customer customer);

	}

	/**
	 * The part every format shares: count the row, show progress, skip rows without a customer or
	 * with an id REST would refuse ({@link ImportedIds}), and register the customer before anything
	 * else, so that a customer named in the file is decided even when none of their rows can be used.
	 */
	private static void forEachRow(CsvSource source, CustomerBook book, ImportReport report, Progress progress,
			String idColumn, String missingId, RowHandler handler) {
		for (CSVRecord row : source.records()) {
			report.read();
			progress.row(source);
			long line = source.line();
			String id = source.value(row, idColumn);
			if (blank(id)) {
				report.skip(line, missingId, null);
				continue;
			}
			String customerId = ImportedIds.read(id, idColumn, line, report);
			if (customerId == null) {
				continue;
			}
			Customer customer = book.customer(customerId);
			String past = source.valuesPastTheHeader(row);
			if (past != null) {
				// Which value moved where cannot be told: none of the row is used, rather than a wrong one.
				report.skip(line, "more values than columns", past);
				continue;
			}
			handler.handle(row, line, customer);
		}
		progress.done(source);
	}

	/** {@code customer_id,order_id,placed_at,total[,discount_code][,country]}, one row per order. */
	static void orders(CsvSource source, CustomerBook book, Instant asOf, Predicate<Instant> history, ImportReport report,
			Progress progress) {
		SlashedDates dates = new SlashedDates(source.name());
		forEachRow(source, book, report, progress, "customer_id", "missing customer_id", (row, line, customer) -> {
			String orderId = source.value(row, "order_id");
			if (blank(orderId)) {
				report.skip(line, "missing order_id", null);
			}
			Instant placedAt = dated(source, row, "placed_at", line, report, history, dates);
			BigDecimal total = parsed(source, row, "total", line, report, Values::decimal);
			if (total != null && total.signum() < 0) {
				report.skip(line, "negative total", total.toPlainString());
			}
			if (blank(orderId) || placedAt == null || total == null || total.signum() < 0) {
				return;
			}
			if (customer.orders.containsKey(orderId)) {
				report.skip(line, "duplicate order_id", customer.id + "/" + orderId);
				return;
			}
			Draft order = new Draft();
			order.placedAt = placedAt;
			order.total = total;
			order.counted = true;
			String code = source.value(row, "discount_code");
			order.discountCode = blank(code) ? null : code;
			customer.orders.put(orderId, order);
			seenIn(customer, source.value(row, "country"), placedAt, true, asOf, report);
		});
	}

	/** The UCI "Online Retail" line-item layout: an order is an invoice of positive lines. */
	static void uci(CsvSource source, CustomerBook book, Instant asOf, Predicate<Instant> history, ImportReport report,
			Progress progress) {
		SlashedDates dates = new SlashedDates(source.name());
		forEachRow(source, book, report, progress, "CustomerID", "no CustomerID", (row, line, customer) -> {
			String invoice = source.value(row, "InvoiceNo");
			if (blank(invoice)) {
				report.skip(line, "missing InvoiceNo", null);
			}
			Instant date = dated(source, row, "InvoiceDate", line, report, history, dates);
			Integer quantity = parsed(source, row, "Quantity", line, report, Values::wholeNumber);
			BigDecimal price = parsed(source, row, "UnitPrice", line, report, Values::decimal);
			if (blank(invoice) || date == null || quantity == null || price == null) {
				return;
			}
			String country = source.value(row, "Country");
			boolean cancellation = invoice.toUpperCase(Locale.ROOT).startsWith("C");
			if (cancellation || quantity <= 0 || price.signum() <= 0) {
				report.notCounted(cancellation ? "cancellation (invoice starting with C)" : "quantity or unit price not above 0");
				seenIn(customer, country, date, false, asOf, report);
				return;
			}
			Draft order = customer.orders.computeIfAbsent(invoice, (k) -> new Draft());
			order.counted = true;
			order.placedAt = (order.placedAt == null || date.isBefore(order.placedAt)) ? date : order.placedAt;
			order.total = order.total.add(price.multiply(BigDecimal.valueOf(quantity)));
			String sku = source.value(row, "StockCode");
			if (!blank(sku)) {
				order.addSku(book.sku(sku));
			}
			seenIn(customer, country, date, true, asOf, report);
		});
	}

	/** {@code customer_id,type,occurred_at[,apple_mpp]}: counted into each customer's tally. */
	static void events(CsvSource source, CustomerBook book, Instant asOf, Predicate<Instant> history, Thresholds thresholds,
			ImportReport report, Progress progress) {
		SlashedDates dates = new SlashedDates(source.name());
		forEachRow(source, book, report, progress, "customer_id", "missing customer_id", (row, line, customer) -> {
			String typeName = source.value(row, "type");
			EventType type = EventType.fromWireName((typeName != null) ? typeName.strip() : null).orElse(null);
			if (type == null) {
				report.skip(line, "unknown event type", typeName + "; expected one of " + EventType.wireNames());
			}
			Instant at = dated(source, row, "occurred_at", line, report, history, dates);
			Boolean mpp = parsed(source, row, "apple_mpp", line, report, (flag) -> !blank(flag) && Values.bool(flag));
			if (type == null || at == null || mpp == null) {
				return;
			}
			EventTally tally = customer.events(asOf, thresholds);
			if (at.isAfter(asOf)) {
				report.afterAsOf("events", 1);
			}
			else if (tally.ignoredWithoutConsent(type)) {
				report.withoutTrackingConsent();
			}
			tally.add(type, at, mpp);
		});
	}

	/** {@code customer_id,country,email_consent,sms_consent,tracking_consent,newsletter}. */
	static void customers(CsvSource source, CustomerBook book, ImportReport report, Progress progress) {
		forEachRow(source, book, report, progress, "customer_id", "missing customer_id", (row, line, customer) -> {
			if (customer.profile != null) {
				report.skip(line, "duplicate customer_id", customer.id);
				return;
			}
			List<String> unparseable = new ArrayList<>(0);
			Boolean email = consent(source, row, "email_consent", unparseable);
			Boolean sms = consent(source, row, "sms_consent", unparseable);
			Boolean tracking = consent(source, row, "tracking_consent", unparseable);
			Boolean newsletter = consent(source, row, "newsletter", unparseable);
			if (!unparseable.isEmpty()) {
				report.skip(line, "unparseable consent", String.join("; ", unparseable));
				return;
			}
			customer.profile = new Profile(country(source.value(row, "country"), report), email, sms, tracking, newsletter);
		});
	}

	/** The flag in {@code column}, or null after adding why it is not one to {@code unparseable}. */
	private static Boolean consent(CsvSource source, CSVRecord row, String column, List<String> unparseable) {
		try {
			return Values.bool(source.value(row, column));
		}
		catch (IllegalArgumentException ex) {
			unparseable.add(column + " " + ex.getMessage());
			return null;
		}
	}

	/** The column read by {@code parser}, or null after reporting the row as skipped. */
	private static <T> T parsed(CsvSource source, CSVRecord row, String column, long line, ImportReport report,
			java.util.function.Function<String, T> parser) {
		try {
			return parser.apply(source.value(row, column));
		}
		catch (IllegalArgumentException ex) {
			report.skip(line, "unparseable " + column, ex.getMessage());
			return null;
		}
	}

	/**
	 * The instant in {@code column}, or null after reporting the row as skipped: unparseable, or
	 * outside the bounds the REST API puts on orders and events (a 0001-01-01 is no real order).
	 * A date that shows the file writes the day first stops the import ({@link SlashedDates}).
	 */
	private static Instant dated(CsvSource source, CSVRecord row, String column, long line, ImportReport report,
			Predicate<Instant> history, SlashedDates dates) {
		dates.check(source.value(row, column), column, line);
		Instant instant = parsed(source, row, column, line, report, Values::instant);
		if (instant != null && !history.test(instant)) {
			report.skip(line, column + " out of range", "'" + source.value(row, column).strip() + "' "
					+ CustomerValidator.HISTORY_RULE);
			return null;
		}
		return instant;
	}

	/**
	 * A row that names a country tells where its customer is, even one that maps to none (UCI's
	 * "Unspecified"); a row whose country is blank tells nothing, and leaves the country the other
	 * rows give. It used to take the customer's country away, and with it the tracking consent a
	 * French customer's on-site events need. A row dated after asOf tells nothing either: it has
	 * not happened yet for the decision (PERSONAS.md section 1), as the rules ignore its order.
	 */
	private static void seenIn(Customer customer, String country, Instant at, boolean order, Instant asOf,
			ImportReport report) {
		if (!blank(country) && !at.isAfter(asOf)) {
			customer.seenIn(country(country, report), at, order);
		}
	}

	private static String country(String value, ImportReport report) {
		if (blank(value)) {
			return null;
		}
		String iso = Countries.iso(value);
		if (iso == null) {
			report.note("country '" + value.strip() + "' names no single ISO country; kept without a country");
		}
		return iso;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
