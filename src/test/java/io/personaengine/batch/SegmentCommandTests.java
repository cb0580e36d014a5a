package io.personaengine.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.personaengine.JarCommands;
import io.personaengine.JarCommands.Run;
import io.personaengine.facts.CustomerIds;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.rules.ShippedRules;
import jakarta.validation.Validation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/** segment on small committed exports, broken rows included, as an analyst runs it. */
class SegmentCommandTests {

	static final String IMPORTS = "src/test/resources/imports/";

	@TempDir
	Path out;

	@Test
	void everyCustomerOfEveryFileGetsADecision() throws IOException {
		Run run = run("--orders", IMPORTS + "orders.csv", "--events", IMPORTS + "events.csv", "--customers",
				IMPORTS + "customers.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions).containsOnlyKeys("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
		assertThat(decisions.get("c1")[1]).isEqualTo("HIGH_ROLLER");
		assertThat(decisions.get("c1")[2].split(";")).contains("TOP_SPENDER", "LOYAL", "NEWSLETTER_SUBSCRIBER", "COUNTRY_GB");
		assertThat(decisions.get("c2")[1]).isEqualTo("JUST_PASSING_THROUGH");
		assertThat(decisions.get("c2")[2].split(";")).contains("COUNTRY_SE");
		assertThat(decisions.get("c2")[3].split(";")).contains("WINBACK_TEST");
		assertThat(decisions.get("c3")[1]).isEqualTo("DEAD_WEIGHT");
		assertThat(decisions.get("c5")[2].split(";")).contains("TOP_SPENDER", "DORMANT").noneMatch((s) -> s.startsWith("COUNTRY_"));
		assertThat(decisions.get("c6")[1]).isEqualTo("WINDOW_SHOPPER");
		assertThat(decisions.get("c7")[2].split(";")).contains("MPP_OPENER");
		assertThat(decisions.get("c7")[1]).as("an Apple MPP open is not engagement").isEqualTo("DEAD_WEIGHT");
		assertThat(decisions.get("c8")[1]).as("a Swede without tracking consent has no site visits").isEqualTo("DEAD_WEIGHT");
	}

	@Test
	void everySkippedRowIsReportedWithItsLineAndReason() {
		Run run = run("--orders", IMPORTS + "orders.csv", "--events", IMPORTS + "events.csv", "--customers",
				IMPORTS + "customers.csv", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.out()).contains("orders.csv (an orders CSV): 10 rows read, 5 skipped")
			.contains("line 6: unparseable placed_at ('not-a-date' is not a date and time")
			.contains("line 7: negative total (-5)")
			.contains("line 8: missing customer_id")
			.contains("line 9: unparseable total ('abc' is not a number)")
			.contains("line 10: duplicate order_id (c1/o1)")
			.contains("note: country 'Atlantis' names no single ISO country; kept without a country: 1 rows")
			.contains("events.csv (an events CSV): 6 rows read, 2 skipped")
			.contains("line 3: unknown event type (email_bounce; expected one of email_open")
			.contains("line 5: unparseable apple_mpp ('maybe' is not true or false)")
			.contains("customers.csv (a customers CSV): 4 rows read, 1 skipped")
			.contains("line 4: unparseable consent (email_consent 'yes' is not true or false)");
	}

	@Test
	void rowWithSeveralBadValuesIsSkippedOnceWithAllItsReasons() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,,not-a-date,abc
				c1,o2,2011-12-01 10:00:00,-5
				c2,o3,2011-12-01 10:00:00,10
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("orders.csv (an orders CSV): 3 rows read, 2 skipped")
			.contains("line 2: missing order_id; unparseable placed_at ('not-a-date' is not a date and time such as "
					+ "2011-12-09 12:50:00 or 2011-12-09T12:50:00Z); unparseable total ('abc' is not a number)\n")
			.contains("line 3: negative total (-5)\n")
			.as("each row counted under each of its reasons").contains("skipped, missing order_id: 1")
			.contains("skipped, unparseable placed_at: 1")
			.contains("skipped, unparseable total: 1")
			.contains("skipped, negative total: 1");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at,apple_mpp
				c1,email_bounce,yesterday,maybe
				""");
		Run eventsRun = run("--orders", orders.toString(), "--events", events.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(eventsRun.out()).contains("events.csv (an events CSV): 1 rows read, 1 skipped")
			.contains("line 2: unknown event type (email_bounce; expected one of ")
			.contains("; unparseable occurred_at ('yesterday' is not a date")
			.contains("; unparseable apple_mpp ('maybe' is not true or false)\n");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				,A,two,2011-12-01 10:00:00,x,12345,France
				""");
		Run uciRun = run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(uciRun.out()).contains("1 rows read, 1 skipped")
			.contains("line 2: missing InvoiceNo; unparseable Quantity ('two' is not a whole number); unparseable UnitPrice ('x' is not a number)\n");
		Path customers = Files.writeString(this.out.resolve("customers.csv"), """
				customer_id,country,email_consent,sms_consent,tracking_consent,newsletter
				c1,GB,yes,true,no,true
				""");
		Run customersRun = run("--orders", orders.toString(), "--customers", customers.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(customersRun.out()).contains("customers.csv (a customers CSV): 1 rows read, 1 skipped")
			.contains("line 2: unparseable consent (email_consent 'yes' is not true or false; tracking_consent 'no' is not true or false)\n");
	}

	/**
	 * Read by the header's columns, 1234,56 was an order of 1234 and the 56 was dropped without a
	 * word. A trailing comma leaves only blanks past them, and pandas' index column a blank name.
	 */
	@Test
	void rowWithValuesPastTheHeaderIsSkippedAndReportedNotReadWithOneDropped() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,2011-12-01 10:00:00,1234,56
				c2,o2,2011-12-01 10:00:00,13,
				c3,o3,2011-12-01 10:00:00,14,,
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("orders.csv (an orders CSV): 3 rows read, 1 skipped")
			.contains("skipped, more values than columns: 1")
			.contains("line 2: more values than columns (5 values where the first line names 4 columns, '56' beyond them: a comma "
					+ "in a value that is not quoted, such as a decimal comma (write 1234.56, or quote the value)?)\n");
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions).containsOnlyKeys("c1", "c2", "c3");
		assertThat(decisions.get("c1")[1]).as("a customer without orders").isEqualTo("DEAD_WEIGHT");
		Path pandas = Files.writeString(this.out.resolve("pandas.csv"), """
				,customer_id,order_id,placed_at,total
				0,c1,o1,2011-12-01 10:00:00,12.5
				""");
		Run indexed = run("--orders", pandas.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(indexed.out()).contains("pandas.csv (an orders CSV): 1 rows read, 0 skipped");
	}

	/** A row short of its last values said "newsletter 'null' is not true or false". */
	@Test
	void consentMissingFromAShortRowOrLeftBlankIsSaidEmptyNotNull() throws IOException {
		Path customers = Files.writeString(this.out.resolve("customers.csv"), """
				customer_id,country,email_consent,sms_consent,tracking_consent,newsletter
				c1,GB,true,false,true
				c2,GB,true,false,true,
				""");
		Run run = run("--orders", IMPORTS + "orders.csv", "--customers", customers.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("line 2: unparseable consent (newsletter empty, where true or false is needed)\n")
			.contains("line 3: unparseable consent (newsletter empty, where true or false is needed)\n")
			.doesNotContain("null");
	}

	@Test
	void skippedRowIsReportedAtTheLineOfTheFileWhereItStarts() throws IOException {
		// Records 2, 3 and 4 of the file, but lines 4, 6 and 7: a quoted value spans two lines, a line is blank.
		String csv = """
				customer_id,order_id,placed_at,total,discount_code
				c1,o1,2011-12-01 10:00:00,10,"SUMMER
				SALE"
				c1,o2,not-a-date,10,

				c2,o3,2011-12-01 10:00:00,abc,
				c3,o4,"2011-12-01
				10:00:00",10,
				c4,o5,2011-12-01 10:00:00,-1,
				""";
		for (String lineBreak : new String[] { "\n", "\r\n", "\r" }) {
			Path orders = Files.writeString(this.out.resolve("orders.csv"), "\n\n" + csv.replace("\n", lineBreak));
			Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z");
			String as = "line breaks " + lineBreak.replace("\r", "CR").replace("\n", "LF") + ", two blank lines before the header";
			assertThat(run.exit()).as(as + run.err()).isZero();
			assertThat(run.out()).as(as).contains("5 rows read, 4 skipped")
				.contains("line 6: unparseable placed_at ('not-a-date'")
				.contains("line 8: unparseable total ('abc'")
				.as("the line break in a quoted value written out as it is in the file")
				.contains("line 9: unparseable placed_at ('2011-12-01" + lineBreak.replace("\r", "\\r").replace("\n", "\\n") + "10:00:00'")
				.contains("line 11: negative total (-1)");
		}
	}

	@Test
	void rowOfTheLongestLengthIsReadAndOneCharacterMoreStopsTheImportNamingItsLine() throws IOException {
		String header = "customer_id,order_id,placed_at,total,note\n";
		String start = "c1,o1,2011-12-01 10:00:00,10,";
		String longest = start + "x".repeat(CsvSource.MAX_RECORD - start.length() - 1) + "\n";
		assertThat(longest).hasSize(CsvSource.MAX_RECORD);
		Path within = Files.writeString(this.out.resolve("orders.csv"), header + longest + longest.replace("o1", "o2"));
		Run read = run("--orders", within.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(read.exit()).as(read.err()).isZero();
		assertThat(read.out()).contains("orders.csv (an orders CSV): 2 rows read, 0 skipped");
		// One more, in the middle of the file and at its end without a line break.
		Path beyond = Files.writeString(this.out.resolve("orders.csv"), header + "x" + longest + longest.replace("o1", "o2"));
		Run refused = run("--orders", beyond.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(refused.exit()).isEqualTo(2);
		assertThat(refused.err()).contains("orders.csv: the row at line 2 is longer than 1,000,000 characters")
			.doesNotContain("Exception");
		assertThat(refused.out()).isEmpty();
		Path last = Files.writeString(this.out.resolve("orders.csv"), header + "\n" + longest.replace("\n", "xx"));
		Run lastRefused = run("--orders", last.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(lastRefused.exit()).isEqualTo(2);
		assertThat(lastRefused.err()).contains("orders.csv: the row at line 3 is longer than 1,000,000 characters");
	}

	@Test
	void quoteLeftOpenStopsTheImportAtTheLineWhereItsRowStartsWithoutReadingTheRest() throws IOException {
		Path orders = this.out.resolve("orders.csv");
		try (var writer = Files.newBufferedWriter(orders)) {
			writer.write("customer_id,order_id,placed_at,total,discount_code\nc1,o1,2011-12-01 10:00:00,10,\n");
			writer.write("c1,o2,2011-12-01 10:00:00,10,\"SUMMER\n");
			// 40 MB of rows after the open quote, all of them in its value: held whole, they were memory run out.
			String row = "c2,o3,2011-12-01 10:00:00,10,\n";
			for (int i = 0; i < 40_000_000 / row.length(); i++) {
				writer.write(row);
			}
		}
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("orders.csv: the row at line 3 is longer than 1,000,000 characters, which no row of an "
				+ "export is: is a quote left open (the rest of the file is then one value)?").doesNotContain("Exception");
		Path header = Files.writeString(this.out.resolve("header.csv"), "\n\"customer_id" + ",x".repeat(CsvSource.MAX_RECORD));
		Run headerRun = run("--orders", header.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(headerRun.exit()).isEqualTo(2);
		assertThat(headerRun.err()).contains("header.csv: the header at line 2 is longer than 1,000,000 characters");
	}

	@Test
	void ordersAndEventsDatedAfterAsOfAreCountedAsIgnored() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,2011-12-09 23:59:59,10
				c1,o2,2011-12-10 00:00:00,10
				c1,o3,2011-12-10 00:00:01,10
				c2,o4,2012-01-01,10
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				c1,email_open,2011-12-10T00:00:00Z
				c1,email_open,2011-12-11T00:00:00Z
				""");
		Run run = run("--orders", orders.toString(), "--events", events.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("orders.csv (an orders CSV): 4 rows read, 0 skipped\n      ignored, orders dated after asOf: 2\n")
			.contains("events.csv (an events CSV): 2 rows read, 0 skipped\n      ignored, events dated after asOf: 1\n");
		// A UCI order is an invoice: two rows, one order.
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,A,1,2011-12-01 10:00:00,2.5,12345,France
				581587,A,1,2011-12-11 10:00:00,2.5,12345,France
				581587,B,2,2011-12-11 10:00:00,2.5,12345,France
				""");
		Run uciRun = run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(uciRun.out()).contains("3 rows read, 0 skipped\n      ignored, orders dated after asOf: 1\n");
		Run none = run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-12T00:00:00Z");
		assertThat(none.out()).doesNotContain("after asOf");
	}

	@Test
	void ordersAndEventsDatedOutsideTheBoundsOfDecisionsAreSkippedAndReported() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,0001-01-01,10
				c1,o2,1969-12-31 23:59:59,10
				c1,o3,1970-01-01 00:00:00,10
				c2,o4,3000-01-01,10
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				c1,email_open,0001-01-01T00:00:00Z
				c1,email_open,2011-12-01T00:00:00Z
				""");
		Run run = run("--orders", orders.toString(), "--events", events.toString(), "--as-of", "2011-12-10T00:00:00Z", "--out",
				this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("""
				orders.csv (an orders CSV): 4 rows read, 3 skipped
				      skipped, placed_at out of range: 3
				        line 2: placed_at out of range ('0001-01-01' must be between 1970-01-01T00:00:00Z and 100 years from now)
				        line 3: placed_at out of range ('1969-12-31 23:59:59' must be between 1970-01-01T00:00:00Z and 100 years from now)
				        line 5: placed_at out of range ('3000-01-01' must be between 1970-01-01T00:00:00Z and 100 years from now)
				""").contains("""
				events.csv (an events CSV): 2 rows read, 1 skipped
				      skipped, occurred_at out of range: 1
				        line 2: occurred_at out of range ('0001-01-01T00:00:00Z' must be between 1970-01-01T00:00:00Z and 100 years from now)
				""").doesNotContain("after asOf");
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions).as("customers of skipped rows are decided, without those orders").containsOnlyKeys("c1", "c2");
		assertThat(decisions.get("c2")[1]).isEqualTo("DEAD_WEIGHT");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,A,1,0001-01-01 10:00:00,2.5,12345,France
				""");
		Run uciRun = run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(uciRun.out()).contains("1 rows read, 1 skipped\n      skipped, InvoiceDate out of range: 1\n");
	}

	@Test
	void onSiteEventsOfCustomersWithoutTheTrackingConsentTheyNeedAreCountedAsIgnored() throws IOException {
		Path customers = Files.writeString(this.out.resolve("customers.csv"), """
				customer_id,country,email_consent,sms_consent,tracking_consent,newsletter
				se,SE,true,true,false,false
				us,US,true,true,false,false
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				se,site_visit,2011-12-01T00:00:00Z
				se,add_to_cart,2011-12-01T00:00:00Z
				se,email_open,2011-12-01T00:00:00Z
				se,site_visit,2011-12-11T00:00:00Z
				us,site_visit,2011-12-01T00:00:00Z
				""");
		Run run = run("--orders", IMPORTS + "orders.csv", "--events", events.toString(), "--customers", customers.toString(),
				"--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("""
				events.csv (an events CSV): 5 rows read, 0 skipped
				      ignored, events dated after asOf: 1
				      ignored, on-site events without the tracking consent the customer's country requires: 2
				""");
	}

	@Test
	void orderRowWithoutACountryLeavesTheCountryOfTheOtherRowsAndTheConsentItRequires() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total,discount_code,country
				fr,o1,2011-11-01T00:00:00Z,40.00,,FR
				fr,o2,2011-12-01T00:00:00Z,40.00,,
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				fr,site_visit,2011-12-05T00:00:00Z
				""");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,85123A,HOLDER,6,2011-11-01 08:26:00,2.55,12346.0,France
				536366,85123A,HOLDER,6,2011-12-01 08:26:00,2.55,12346.0,
				536367,85123A,HOLDER,6,2011-11-01 08:26:00,2.55,12347.0,France
				536368,85123A,HOLDER,6,2011-12-01 08:26:00,2.55,12347.0,Unspecified
				""");
		Run run = run("--orders", orders.toString(), "--events", events.toString(), "--as-of", "2011-12-10T00:00:00Z",
				"--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(decisions(this.out.resolve("d.csv")).get("fr")[2].split(";")).contains("COUNTRY_FR");
		assertThat(run.out()).contains("ignored, on-site events without the tracking consent the customer's country requires: 1");
		Run uciRun = run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z", "--out",
				this.out.resolve("u.csv").toString());
		assertThat(uciRun.exit()).as(uciRun.err()).isZero();
		Map<String, String[]> decisions = decisions(this.out.resolve("u.csv"));
		assertThat(decisions.get("12346")[2].split(";")).contains("COUNTRY_FR");
		assertThat(decisions.get("12347")[2].split(";")).as("Unspecified is a country named, as the latest order's")
			.noneMatch((s) -> s.startsWith("COUNTRY_"));
	}

	/** PERSONAS.md: what is dated after asOf has not happened yet, so it does not say where a customer is either. */
	@Test
	void rowsDatedAfterAsOfDoNotSetTheCountry() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total,discount_code,country
				fr,o1,2011-11-01T00:00:00Z,40.00,,FR
				fr,o2,2011-12-10T00:00:01Z,40.00,,US
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				fr,site_visit,2011-12-05T00:00:00Z
				""");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,85123A,HOLDER,6,2011-11-01 08:26:00,2.55,12346.0,France
				536366,85123A,HOLDER,6,2011-12-10 00:00:00,2.55,12346.0,Germany
				536367,85123A,HOLDER,6,2011-12-10 00:00:01,2.55,12346.0,USA
				C536368,85123A,HOLDER,-6,2011-12-11 08:26:00,2.55,12346.0,Japan
				536369,85123A,HOLDER,6,2011-12-11 08:26:00,2.55,12347.0,France
				""");
		Run run = run("--orders", orders.toString(), "--events", events.toString(), "--as-of", "2011-12-10T00:00:00Z",
				"--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(decisions(this.out.resolve("d.csv")).get("fr")[2].split(";")).contains("COUNTRY_FR")
			.doesNotContain("COUNTRY_US");
		assertThat(run.out()).as("France's consent rule still holds the customer's on-site events")
			.contains("ignored, on-site events without the tracking consent the customer's country requires: 1");
		Run uciRun = run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z", "--out",
				this.out.resolve("u.csv").toString());
		assertThat(uciRun.exit()).as(uciRun.err()).isZero();
		Map<String, String[]> decisions = decisions(this.out.resolve("u.csv"));
		assertThat(decisions.get("12346")[2].split(";")).as("the invoice exactly at asOf counts; later rows do not")
			.contains("COUNTRY_DE")
			.noneMatch((s) -> s.equals("COUNTRY_US") || s.equals("COUNTRY_JP"));
		assertThat(decisions.get("12347")[2].split(";")).as("seen only after asOf: no country yet")
			.noneMatch((s) -> s.startsWith("COUNTRY_"));
	}

	/** The EU writes Greece EL and the United Kingdom UK: both need tracking consent for on-site events. */
	@Test
	void euCodesElAndUkAreGreeceAndTheUnitedKingdomAndTheirOnSiteEventsNeedConsent() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total,discount_code,country
				gr,o1,2011-11-01T00:00:00Z,40.00,,EL
				gb,o2,2011-11-01T00:00:00Z,40.00,,UK
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				gr,site_visit,2011-12-05T00:00:00Z
				gb,site_visit,2011-12-05T00:00:00Z
				""");
		Run run = run("--orders", orders.toString(), "--events", events.toString(), "--as-of", "2011-12-10T00:00:00Z",
				"--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions.get("gr")[2].split(";")).contains("COUNTRY_GR");
		assertThat(decisions.get("gb")[2].split(";")).contains("COUNTRY_GB");
		assertThat(run.out()).contains("ignored, on-site events without the tracking consent the customer's country requires: 2");
	}

	@Test
	void uciLineItemsBecomeInvoicesAndCancellationsAreNotOrders() throws IOException {
		Run run = run("--orders", IMPORTS + "online-retail.csv", "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z",
				"--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("8 rows read, 3 skipped")
			.contains("line 5: no CustomerID")
			.contains("line 8: unparseable InvoiceDate ('yesterday'")
			.contains("line 9: unparseable Quantity ('two' is not a whole number)")
			.contains("read, not an order: cancellation (invoice starting with C): 1")
			.contains("read, not an order: quantity or unit price not above 0: 1");
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions).containsOnlyKeys("17850", "14527", "12345", "12346", "12347", "12348");
		assertThat(decisions.get("17850")[1]).isEqualTo("POTENTIAL_BRAND_ENTHUSIAST");
		assertThat(decisions.get("17850")[2].split(";")).contains("COUNTRY_GB", "ONE_TIME_BUYER");
		assertThat(decisions.get("14527")[2].split(";")).contains("PROSPECT", "COUNTRY_GB");
		assertThat(decisions.get("12345")[2].split(";")).contains("PROSPECT", "COUNTRY_IE");
		assertThat(decisions.get("12346")[2].split(";")).contains("COUNTRY_FR", "ONE_TIME_BUYER");
	}

	/** pandas writes whole numbers with a blank among them as floats: 17850.0 here and 17850 there were two customers. */
	@Test
	void customerIdWrittenAsAFloatIsTheWholeNumberInEveryFile() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				17850.0,o1,2011-12-01 10:00:00,100
				,o2,2011-12-01 10:00:00,100
				c1.0,o3,2011-12-01 10:00:00,100
				17851.5,o4,2011-12-01 10:00:00,100
				""");
		Path customers = Files.writeString(this.out.resolve("customers.csv"), """
				customer_id,country,email_consent,sms_consent,tracking_consent,newsletter
				17850,GB,true,false,false,true
				""");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				17850.00,email_open,2011-12-05 10:00:00
				""");
		Run run = run("--orders", orders.toString(), "--customers", customers.toString(), "--events", events.toString(), "--as-of",
				"2011-12-10T00:00:00Z", "--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions).as("only a whole number written as a float is read as one").containsOnlyKeys("17850", "c1.0", "17851.5");
		assertThat(decisions.get("17850")[2].split(";")).as("the order, the country and the newsletter of one customer")
			.contains("ONE_TIME_BUYER", "COUNTRY_GB", "NEWSLETTER_SUBSCRIBER");
		Run uci = run("--orders", IMPORTS + "online-retail.csv", "--orders-format", "uci", "--customers", customers.toString(),
				"--as-of", "2011-12-10T00:00:00Z", "--out", this.out.resolve("uci.csv").toString());
		assertThat(uci.exit()).as(uci.err()).isZero();
		assertThat(decisions(this.out.resolve("uci.csv")).get("17850")[2].split(";")).contains("ONE_TIME_BUYER", "NEWSLETTER_SUBSCRIBER");
	}

	/**
	 * REST refuses an id with a NUL, a line break or a bidirectional control in it, or past 128
	 * characters: the imports took each as a customer. A no-break space, a byte order mark or a
	 * zero-width space at an end, which REST refuses too, the imports trim as they trim a space.
	 */
	@Test
	void rowWhoseIdRestRefusesIsSkippedWithRestsReasonAndIsNoCustomer() throws IOException {
		List<String> refused = List.of("c\u00001", "c\u001b[31m1", "c\u202e1", "c\u200f1", "c".repeat(129),
				"c\n1");
		StringBuilder csv = new StringBuilder("customer_id,order_id,placed_at,total\n");
		Map<String, Integer> lines = new LinkedHashMap<>();
		int line = 2;
		for (String id : refused) {
			lines.put(id, line);
			csv.append('"').append(id).append("\",o").append(line).append(",2011-12-01 10:00:00,10\n");
			line += id.split("\n", -1).length;
		}
		csv.append("c-ok,o1,2011-12-01 10:00:00,10\n").append("c".repeat(128)).append(",o2,2011-12-01 10:00:00,10\n")
			.append("\" c2 \",o3,2011-12-01 10:00:00,10\n17850.0,o4,2011-12-01 10:00:00,10\n\"\tc3\u0000\",o5,2011-12-01 10:00:00,10\n")
			.append("\u00a0c4,o6,2011-12-01 10:00:00,10\nc4\ufeff,o7,2011-12-01 10:00:00,10\nc4\u200b,o8,2011-12-01 10:00:00,10\n");
		Path orders = Files.writeString(this.out.resolve("orders.csv"), csv);
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("orders.csv (an orders CSV): 14 rows read, 6 skipped").contains("skipped, invalid customer_id: 6");
		CustomerValidator rest = new CustomerValidator(Validation.buildDefaultValidatorFactory().getValidator(),
				CustomerValidator.Limits.DEFAULT);
		lines.forEach((id, at) -> {
			Instant asOf = Instant.parse("2011-12-10T00:00:00Z");
			String restSays = rest.violations(new CustomerInput(id, asOf, null, null, null, null), asOf).get(0).reason();
			assertThat(run.out()).as(CustomerIds.inMessage(id))
				.contains("line " + at + ": invalid customer_id (" + CustomerIds.inMessage(restSays) + ")\n");
		});
		assertThat(decisions(this.out.resolve("d.csv"))).as("ends trimmed as every value's, 17850.0 read as 17850, as before")
			.containsOnlyKeys("c-ok", "c".repeat(128), "c2", "17850", "c3", "c4");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,A,1,2011-12-01 10:00:00,2.55,"178\u000050",United Kingdom
				""");
		assertThat(run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z").out())
			.contains("line 2: invalid CustomerID (must not contain control characters; character 4 is U+0000)\n")
			.contains(" 0 customers");
	}

	/**
	 * A spreadsheet writes a long id as 1.23457E+11 (123456789012, its last digits gone) and one
	 * formatted as scientific as 1.785E+04: each was a customer of its own, the exponent form its id.
	 */
	@Test
	void customerIdWrittenInExponentFormIsSkippedSayingItMayHaveLostDigits() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				1.23457E+11,o1,2011-12-01 10:00:00,100
				1.785E+04,o2,2011-12-01 10:00:00,100
				1.23457e+11,o3,2011-12-01 10:00:00,100
				1E+11,o4,2011-12-01 10:00:00,100
				"1,785E+04",o5,2011-12-01 10:00:00,100
				1.785E4,o6,2011-12-01 10:00:00,100
				1.5e-3,o7,2011-12-01 10:00:00,100
				12e45,o8,2011-12-01 10:00:00,100
				c1.5E+10,o9,2011-12-01 10:00:00,100
				1.E+5,o10,2011-12-01 10:00:00,100
				17850,o11,2011-12-01 10:00:00,100
				4711E-001,o12,2011-12-01 10:00:00,100
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--out", this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("12 rows read, 7 skipped")
			.contains("skipped, customer_id in exponent form: 7")
			.contains("line 2: customer_id in exponent form ('1.23457E+11': a spreadsheet wrote the id as a number in exponent form "
					+ "and may have lost digits of it; format the column as text and export again)\n")
			.contains("line 3: customer_id in exponent form ('1.785E+04': ")
			.contains("line 6: customer_id in exponent form ('1,785E+04': ")
			.contains("line 8: customer_id in exponent form ('1.5e-3': ");
		assertThat(decisions(this.out.resolve("d.csv")))
			.as("a point or a plus needed: 12e45 may be a hexadecimal id, 4711E-001 a code no spreadsheet writes for a number")
			.containsOnlyKeys("12e45", "c1.5E+10", "1.E+5", "17850", "4711E-001");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,A,1,2011-12-01 10:00:00,2.55,1.7850E+04,United Kingdom
				""");
		assertThat(run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z").out())
			.contains("line 2: CustomerID in exponent form ('1.7850E+04': a spreadsheet wrote the id")
			.contains(" 0 customers");
	}

	@Test
	void summaryCountsPersonasWithRevenueAndTheAutoAov() {
		Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--aov", "auto");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("Store AOV: 228.00 (auto: revenue / orders of the export)")
			.as("c1 averages 200.00, below the export's 228.00").containsPattern("\\nBRAND_ENTHUSIAST +1 +\\d+\\.\\d% +600\\.00 +200\\.00");
	}

	/** 600.00 over 9 orders is 66.666...; rounded to 66.6666666667, "at" was below it. */
	@Test
	void customerWhoseAverageIsExactlyTheAutoAovIsHighValue() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				at,o1,2011-12-01T00:00:00Z,66.67
				at,o2,2011-12-02T00:00:00Z,66.67
				at,o3,2011-12-03T00:00:00Z,66.66
				below,o1,2011-12-01T00:00:00Z,66.67
				below,o2,2011-12-02T00:00:00Z,66.67
				below,o3,2011-12-03T00:00:00Z,66.65
				above,o1,2011-12-01T00:00:00Z,66.67
				above,o2,2011-12-02T00:00:00Z,66.67
				above,o3,2011-12-03T00:00:00Z,66.67
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--aov", "auto", "--out",
				this.out.resolve("d.csv").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("Store AOV: 66.67 (auto: revenue / orders of the export)");
		Map<String, String[]> decisions = decisions(this.out.resolve("d.csv"));
		assertThat(decisions.get("at")[1]).as("200.00 in 3 orders averages the store's 600.00 in 9").isEqualTo("HIGH_ROLLER");
		assertThat(decisions.get("below")[1]).isEqualTo("BRAND_ENTHUSIAST");
		assertThat(decisions.get("above")[1]).isEqualTo("HIGH_ROLLER");
	}

	@Test
	void winbackSamplesAreTheSameOnEveryRunWithTheSameSeed() throws IOException {
		run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--samples-dir", this.out.resolve("a").toString());
		run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--samples-dir", this.out.resolve("b").toString());
		Path first = this.out.resolve("a/JUST_PASSING_THROUGH.csv");
		assertThat(Files.readAllLines(first)).containsExactly("customer_id,draw", "c2,1");
		assertThat(Files.readString(first)).isEqualTo(Files.readString(this.out.resolve("b/JUST_PASSING_THROUGH.csv")));
		assertThat(this.out.resolve("a/ONE_HIT_WONDER.csv")).exists();
		assertThat(this.out.resolve("a/FALSE_START.csv")).exists();
	}

	/** Found only after every customer was decided, it was a stack trace and status 70. */
	@Test
	void samplesDirThatCannotBeWrittenIsRefusedInALineBeforeAnythingIsRead() throws IOException {
		Path file = Files.writeString(this.out.resolve("file"), "");
		// The orders are in the wrong format: reading them first would have said so instead.
		Run isAFile = run("--orders", IMPORTS + "events.csv", "--samples-dir", file.toString());
		assertThat(isAFile.exit()).isEqualTo(2);
		assertThat(isAFile.err().strip()).isEqualTo("--samples-dir " + file + " is a file, not a folder");
		Run underAFile = run("--orders", IMPORTS + "events.csv", "--samples-dir", file.resolve("s").toString());
		assertThat(underAFile.exit()).isEqualTo(2);
		assertThat(underAFile.err().strip()).isEqualTo("cannot write --samples-dir " + file.resolve("s") + ": " + file
				+ " is not a folder");
		Run made = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--samples-dir",
				this.out.resolve("new/groups").toString());
		assertThat(made.exit()).as(made.err()).isZero();
		assertThat(this.out.resolve("new/groups/JUST_PASSING_THROUGH.csv")).exists();
		try (var files = Files.list(this.out.resolve("new/groups"))) {
			assertThat(files.map((f) -> f.getFileName().toString())).as("no probe left")
				.containsExactlyInAnyOrder("FALSE_START.csv", "JUST_PASSING_THROUGH.csv", "ONE_HIT_WONDER.csv");
		}
		Assumptions.assumeTrue(Files.isDirectory(Path.of("/sys")), "a Linux /sys, which takes no new folder, even from root");
		Run sys = run("--orders", IMPORTS + "events.csv", "--samples-dir", "/sys/groups");
		assertThat(sys.exit()).isEqualTo(2);
		assertThat(sys.err().strip()).isEqualTo("cannot write --samples-dir /sys/groups: the folder /sys cannot be written "
				+ "(permission denied)");
	}

	/**
	 * Written as "c,2 "x",1" the id split into two columns and the draw was lost. (A line break in
	 * an id is refused, as REST refuses it.)
	 */
	@Test
	void winbackSampleKeepsAnIdWithACommaAndAQuoteWhole() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"),
				"customer_id,order_id,placed_at,total\n\"c,2 \"\"x\"\" y\",o4,2011-03-01T00:00:00Z,40.00\n");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--samples-dir",
				this.out.resolve("s").toString());
		assertThat(run.exit()).as(run.err()).isZero();
		try (CSVParser sample = CSVFormat.DEFAULT.builder()
			.setHeader()
			.get()
			.parse(Files.newBufferedReader(this.out.resolve("s/JUST_PASSING_THROUGH.csv")))) {
			assertThat(sample.getRecords()).singleElement().satisfies((row) -> {
				assertThat(row.get("customer_id")).isEqualTo("c,2 \"x\" y");
				assertThat(row.get("draw")).isEqualTo("1");
			});
		}
	}

	@Test
	void fileInAnotherFormatIsRefusedWithAMessageAndExitTwo() {
		Run run = run("--orders", IMPORTS + "events.csv", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("events.csv is not an orders CSV")
			.contains("customer_id,order_id,placed_at,total")
			.contains("missing order_id,placed_at,total")
			.doesNotContain("Exception");
	}

	/** "missing customer_id,order_id,placed_at,total" alone sent the owner looking for columns that are there. */
	@Test
	void fileSeparatedBySemicolonsOrTabsIsRefusedSayingSoAndHowToSaveIt() throws IOException {
		Path semicolons = Files.writeString(this.out.resolve("excel.csv"),
				"\uFEFFcustomer_id;order_id;placed_at;total\r\nc1;o1;2011-12-01;1234,56\r\n");
		Run run = run("--orders", semicolons.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().strip()).isEqualTo("excel.csv is not an orders CSV: its first line should name the columns "
				+ "customer_id,order_id,placed_at,total, but it has customer_id;order_id;placed_at;total (missing "
				+ "customer_id,order_id,placed_at,total): its columns are separated by semicolons (';'), not commas; save it as CSV "
				+ "with commas (in Excel: CSV UTF-8 (Comma delimited))");
		Path tabs = Files.writeString(this.out.resolve("sheet.tsv"), "customer_id\ttype\toccurred_at\nc1\tsite_visit\t2011-12-01\n");
		Run tabbed = run("--orders", IMPORTS + "orders.csv", "--events", tabs.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(tabbed.exit()).isEqualTo(2);
		assertThat(tabbed.err()).contains(": its columns are separated by tabs, not commas;");
		Run otherFormat = run("--orders", IMPORTS + "events.csv");
		assertThat(otherFormat.err()).as("no hint for a file of another format").doesNotContain("separated by");
	}

	/** Quoted, the names stopped the parser first: "Invalid character between encapsulated token and delimiter". */
	@Test
	void fileSeparatedBySemicolonsOrTabsWithQuotedNamesIsRefusedSayingSoAndHowToSaveIt() throws IOException {
		Path semicolons = Files.writeString(this.out.resolve("excel.csv"), "\uFEFF\"InvoiceNo\";\"StockCode\";\"Description\";"
				+ "\"Quantity\";\"InvoiceDate\";\"UnitPrice\";\"CustomerID\";\"Country\"\r\n"
				+ "\"536365\";\"85123A\";\"WHITE\";6;\"2010-12-01 08:26:00\";2,55;17850;\"United Kingdom\"\r\n");
		Run run = run("--orders", semicolons.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().lines()).containsExactly("excel.csv is not an Online Retail (UCI) line-item CSV: its columns are "
				+ "separated by semicolons (';'), not commas; save it as CSV with commas (in Excel: CSV UTF-8 (Comma delimited))");
		Path tabs = Files.writeString(this.out.resolve("sheet.tsv"), "\"customer_id\"\t\"type\"\t occurred_at\nc1\tsite_visit\t2011-12-01\n");
		Run tabbed = run("--orders", IMPORTS + "orders.csv", "--events", tabs.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(tabbed.exit()).isEqualTo(2);
		assertThat(tabbed.err().lines()).containsExactly("sheet.tsv is not an events CSV: its columns are separated by tabs, not "
				+ "commas; save it as CSV with commas (in Excel: CSV UTF-8 (Comma delimited))");
		Path otherFormat = Files.writeString(this.out.resolve("other.csv"), "\"id\";\"when\"\n1;2011-12-01\n");
		assertThat(run("--orders", otherFormat.toString()).err()).as("no hint for a file of another format")
			.contains("other.csv could not be read as an orders CSV: Invalid character between encapsulated token and delimiter")
			.doesNotContain("separated by");
	}

	/**
	 * The header was peeked at for its separator up to 4,096 characters: a longer one, as an export
	 * of many columns has, was cut short of its last names and got no hint.
	 */
	@Test
	void headerPastFourThousandAndNinetySixCharactersSeparatedBySemicolonsGetsTheHint() throws IOException {
		for (int length : new int[] { 4_096, 4_097, 100_000 }) {
			String names = ";customer_id;order_id;placed_at;total";
			String header = "x".repeat(length - names.length()) + names;
			Path semicolons = Files.writeString(this.out.resolve("wide.csv"), header + "\nx;c1;o1;2011-12-01;10\n");
			Run run = run("--orders", semicolons.toString(), "--as-of", "2011-12-10T00:00:00Z");
			assertThat(run.exit()).as(length + " characters").isEqualTo(2);
			assertThat(run.err()).as(length + " characters")
				.contains(": its columns are separated by semicolons (';'), not commas; save it as CSV with commas");
		}
		String quoted = "\"InvoiceNo\";\"StockCode\";\"Description\";\"Quantity\";\"InvoiceDate\";\"UnitPrice\";\"CustomerID\";\"Country\"";
		String header = "\"" + "x".repeat(4_097 - quoted.length() - 3) + "\";" + quoted;
		assertThat(header).hasSize(4_097);
		Path excel = Files.writeString(this.out.resolve("excel.csv"), header + "\r\n\"x\";\"536365\";\"85123A\";\"WHITE\";6;"
				+ "\"2010-12-01 08:26:00\";2,55;17850;\"United Kingdom\"\r\n");
		Run run = run("--orders", excel.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().lines()).containsExactly("excel.csv is not an Online Retail (UCI) line-item CSV: its columns are "
				+ "separated by semicolons (';'), not commas; save it as CSV with commas (in Excel: CSV UTF-8 (Comma delimited))");
	}

	@Test
	void byteOrderMarkOfExcelsCsvUtf8IsNotPartOfTheHeader() throws IOException {
		Path excel = Files.writeString(this.out.resolve("orders.csv"),
				"\uFEFFcustomer_id,order_id,placed_at,total\r\nc1,o1,2011-12-01 10:00:00,10\r\n");
		Run run = run("--orders", excel.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("orders.csv (an orders CSV): 1 rows read, 0 skipped").contains(" 1 customers");
	}

	@Test
	void headerNamingAColumnTwiceIsRefusedNamingTheColumn() throws IOException {
		Path twice = Files.writeString(this.out.resolve("orders.csv"),
				"customer_id,order_id,placed_at,total,Total\nc1,o1,2011-12-01 10:00:00,10,20\n");
		Run run = run("--orders", twice.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("orders.csv is not an orders CSV: its first line names the column Total twice")
			.doesNotContain("Exception");
	}

	@Test
	void missingFileAndBadOptionsAreRefusedWithoutAStackTrace() {
		Run missing = run("--orders", "no/such/file.csv");
		assertThat(missing.exit()).isEqualTo(2);
		assertThat(missing.err()).contains("cannot read no/such/file.csv").doesNotContain("Exception");
		Run badAsOf = run("--orders", IMPORTS + "orders.csv", "--as-of", "soon");
		assertThat(badAsOf.exit()).isEqualTo(2);
		assertThat(badAsOf.err()).contains("--as-of: 'soon' is not a date");
		Run badAov = run("--orders", IMPORTS + "orders.csv", "--aov", "lots");
		assertThat(badAov.err()).contains("--aov must be auto or a number above 0");
	}

	/**
	 * As the jar says it: the reason, then where the options are told, on standard error. picocli's
	 * whole usage of segment (some 35 lines) followed the reason and scrolled it away.
	 */
	@Test
	void badOptionIsSaidInALineFollowedByWhereToFindTheOptionsNotTheWholeUsage() {
		Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "soon");
		assertThat(run.exit()).isEqualTo(2);
		List<String> lines = run.err().lines().toList();
		assertThat(lines).hasSize(2).last(STRING).isEqualTo(TRY_HELP);
		assertThat(lines.get(0)).startsWith("--as-of: 'soon' is not a date");
		assertThat(run.out()).isEmpty();
		Run missing = run("--as-of", "2011-12-10T00:00:00Z");
		assertThat(missing.exit()).isEqualTo(2);
		assertThat(missing.err().lines()).containsExactly("Missing required option: '--orders=<orders>'", TRY_HELP);
	}

	/** picocli's guesses for a misspelt option are kept: they are the line that helps. */
	@Test
	void misspeltOptionIsSaidWithPicocliGuessesAndWhereToFindTheOptions() {
		Run run = run("--orders", IMPORTS + "orders.csv", "--as-off", "2011-12-10");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().lines()).containsExactly("Unknown options: '--as-off', '2011-12-10'", "Possible solutions: --as-of",
				TRY_HELP);
		assertThat(run.out()).isEmpty();
	}

	/** A file that cannot be read or written is no command line to write again: no pointer to --help. */
	@Test
	void fileThatCannotBeReadOrWrittenIsSaidInOneLineWithoutPointingToTheOptions() {
		Run missing = run("--orders", this.out.resolve("missing.csv").toString());
		assertThat(missing.exit()).isEqualTo(2);
		assertThat(missing.err().lines()).containsExactly("cannot read " + this.out.resolve("missing.csv") + ": no such file");
		Run folder = run("--orders", IMPORTS + "orders.csv", "--out", this.out.toString());
		assertThat(folder.exit()).isEqualTo(2);
		assertThat(folder.err().lines()).containsExactly("--out " + this.out + " is a folder, not a file");
	}

	/**
	 * A path drops a trailing slash: --out newdir/ wrote a file named newdir. Empty, an option named
	 * the current folder: --samples-dir "" wrote the groups there.
	 */
	@Test
	void outputNamingAFolderAndEmptyFileOrFolderNamesAreRefusedInALineBeforeAnythingIsWritten() throws IOException {
		Path samples = Files.createDirectories(this.out.resolve("samples"));
		for (String folder : new String[] { "newdir/", "newdir/.", "newdir/.." }) {
			String given = this.out.resolve(folder).toString() + (folder.endsWith("/") ? "/" : "");
			Run run = run("--orders", IMPORTS + "events.csv", "--out", given, "--samples-dir", samples.toString());
			assertThat(run.exit()).as(folder).isEqualTo(2);
			assertThat(run.err().lines()).as(folder).containsExactly("--out " + given + " names a folder, not a file: name the file "
					+ "to write, such as " + Path.of(given).resolve("decisions.csv"));
		}
		assertThat(this.out.resolve("newdir")).doesNotExist();
		Map<String, String> empty = Map.of("--samples-dir", "folder (. for the current one)", "--rules", "folder (. for the current one)",
				"--out", "file", "--customers", "file", "--events", "file");
		empty.forEach((option, what) -> {
			List<String> args = new ArrayList<>(List.of("--orders", IMPORTS + "events.csv", "--as-of", "2011-12-10T00:00:00Z"));
			args.addAll(List.of(option, ""));
			Run run = run(args.toArray(String[]::new));
			assertThat(run.exit()).as(option).isEqualTo(2);
			assertThat(run.err().lines()).as(option).containsExactly(option + " is empty: name a " + what);
		});
		assertThat(run("--orders", "").err().lines()).containsExactly("--orders is empty: name a file");
		assertThat(samples).isEmptyDirectory();
		Run folder = run("--orders", IMPORTS + "orders.csv", "--out", samples + "/", "--as-of", "2011-12-10T00:00:00Z");
		assertThat(folder.err().lines()).containsExactly("--out " + samples + "/ names a folder, not a file: name the file to write, "
				+ "such as " + samples.resolve("decisions.csv"));
		Run file = run("--orders", IMPORTS + "orders.csv", "--out", this.out.resolve("d.csv").toString(), "--samples-dir", samples + "/",
				"--as-of", "2011-12-10T00:00:00Z");
		assertThat(file.exit()).as(file.err()).isZero();
		assertThat(this.out.resolve("d.csv")).exists();
		assertThat(samples.resolve("JUST_PASSING_THROUGH.csv")).exists();
	}

	/** Standard input to many tools; here it was "no such file" alone, with no word of /dev/stdin. */
	@Test
	void dashForStandardInputIsRefusedSayingToGiveDevStdin() {
		Run dash = run("--orders", "-");
		assertThat(dash.exit()).isEqualTo(2);
		assertThat(dash.err().lines()).containsExactly("cannot read -: no such file (for standard input, give /dev/stdin)");
	}

	static final String TRY_HELP = "Try 'java -jar persona-engine.jar segment --help' for the options.";

	@Test
	void asOfIsRefusedOutsideTheBoundsOfDecisionsAndAcceptedAtThem() {
		java.time.ZonedDateTime inAYear = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusYears(1);
		String[] refused = { "1900-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1969-12-31", inAYear.plusMinutes(1).toInstant().toString(),
				"3000-01-01T00:00:00Z" };
		for (String asOf : refused) {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", asOf);
			assertThat(run.exit()).as(asOf).isEqualTo(2);
			assertThat(run.err()).as(asOf)
				.contains("--as-of must be between 1970-01-01T00:00:00Z and one year from now; not " + asOf)
				.doesNotContain("Exception");
			assertThat(run.out()).as(asOf).isEmpty();
		}
		for (String asOf : new String[] { "1970-01-01T00:00:00Z", "1970-01-01", inAYear.minusMinutes(1).toInstant().toString() }) {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", asOf);
			assertThat(run.exit()).as(asOf + run.err()).isZero();
		}
	}

	/**
	 * 09/12/2011 10:00 was read month first, 12 September, without a word: a single value has no
	 * other dates to tell the way round it is written by. Refused whichever way it reads, either way
	 * (12/12) or one way only (12/13, 13/12): a job's --as-of of the day's date fails on its first run.
	 */
	@Test
	void asOfWithSlashesIsRefusedSayingToWriteItYearFirstWhicheverWayItReads() {
		Map<String, String> yearFirst = Map.of("09/12/2011 10:00",
				"2011-09-12T10:00:00Z (month first) or 2011-12-09T10:00:00Z (day first)", "12/11/2011 10:00",
				"2011-12-11T10:00:00Z (month first) or 2011-11-12T10:00:00Z (day first)", "12/12/2011 10:00", "2011-12-12T10:00:00Z",
				"12/13/2011 10:00", "2011-12-13T10:00:00Z", "13/12/2011 10:00", "2011-12-13T10:00:00Z", "13/13/2011 10:00",
				"such as 2011-12-09T10:00:00Z", "1/2/2011", "2011-01-02T00:00:00Z (month first) or 2011-02-01T00:00:00Z (day first)");
		yearFirst.forEach((asOf, written) -> {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", asOf);
			assertThat(run.exit()).as(asOf).isEqualTo(2);
			assertThat(run.err().lines()).as(asOf).containsExactly("--as-of takes no date with slashes, which some countries read "
					+ "month first and others day first: write " + asOf + " year first, " + written, TRY_HELP);
			assertThat(run.out()).as(asOf).isEmpty();
		});
		// Year first already: only the dashes are missing, and no reading other than its own is offered.
		Map<String, String> withDashes = Map.of("2011/12/09", "2011-12-09T00:00:00Z", "2024/03/05 08:00", "2024-03-05T08:00:00Z",
				"2011/13/09", "such as 2011-12-09T10:00:00Z");
		withDashes.forEach((asOf, written) -> {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", asOf);
			assertThat(run.exit()).as(asOf).isEqualTo(2);
			assertThat(run.err().lines()).as(asOf).containsExactly("--as-of takes no date with slashes, which some countries read "
					+ "month first and others day first: write " + asOf + " with dashes, " + written, TRY_HELP);
		});
		for (String asOf : new String[] { "2011-12-09T10:00:00Z", "2011-12-09 10:00:00", "2011-12-09" }) {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", asOf);
			assertThat(run.exit()).as(asOf + run.err()).isZero();
		}
	}

	@Test
	void aovBeyondTheBoundsOfTotalsIsRefusedBeforeAnythingIsRead() {
		for (String aov : new String[] { "1e999999999", "1E+2147483647", "1e3000000", "1234567890123456", "0.0000001", "0", "-5" }) {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--aov", aov);
			assertThat(run.exit()).as(aov).isEqualTo(2);
			assertThat(run.err()).as(aov)
				.contains("--aov must be auto or a number above 0 with at most 15 digits before the point and 6 after; not " + aov)
				.doesNotContain("Exception");
			assertThat(run.out()).as(aov).isEmpty();
		}
		Run fifteenDigits = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--aov", "123456789012345.250000");
		assertThat(fifteenDigits.exit()).as(fifteenDigits.err()).isZero();
		assertThat(fifteenDigits.out()).contains("Store AOV: 123456789012345.25 (given)");
	}

	/** Its digits before the point, counted in an int, overflowed to below zero: the total was read and adding it threw. */
	@Test
	void totalWithAnExponentPastAnIntIsSkippedAsUnparseable() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,2011-12-01 10:00:00,1E+2147483647
				c2,o2,2011-12-01 10:00:00,10
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("line 2: unparseable total ('1E+2147483647' has more than 15 digits before or 6 after the point)")
			.contains("2 rows read, 1 skipped");
	}

	@Test
	void impossibleDatesAreSkippedAndReportedAndRefusedAsAsOf() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,2011-02-30 10:00:00,10
				c1,o2,2/30/2011 10:00,10
				c1,o3,2011-12-01 24:00:00,10
				c1,o4,12/1/2010 8:26,10
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("4 rows read, 3 skipped")
			.contains("line 2: unparseable placed_at ('2011-02-30 10:00:00' is not a date")
			.contains("line 3: unparseable placed_at ('2/30/2011 10:00' is not a date")
			.contains("line 4: unparseable placed_at ('2011-12-01 24:00:00' is not a date");
		Run asOf = run("--orders", orders.toString(), "--as-of", "2011-02-30 10:00:00");
		assertThat(asOf.exit()).isEqualTo(2);
		assertThat(asOf.err()).contains("--as-of: '2011-02-30 10:00:00' is not a date");
	}

	/**
	 * A European export writes 9 December 2011 as 09/12/2011: read month first, it was 12 September
	 * without a word, and only 13/12/2011 was skipped, as if the rest of the file were right.
	 */
	@Test
	void fileWrittenDayFirstIsRefusedAtItsFirstDayPastTheTwelfthLeavingTheOutputAsItWas() throws IOException {
		Path decisions = Files.writeString(this.out.resolve("d.csv"), "kept\n");
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,09/12/2011 10:00,100
				c2,o2,13/12/2011 10:00,100
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-20T00:00:00Z", "--out", decisions.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err().strip()).isEqualTo("orders.csv writes its dates day first: line 3 has placed_at '13/12/2011 10:00', "
				+ "and 13 is no month. Dates with slashes are read month first, as the UCI export writes them, which reads the other "
				+ "dates of such a file as wrong days (09/12/2011 as 12 September); save its dates as year-month-day (2011-12-13 10:00)");
		assertThat(decisions).hasContent("kept");
		Path events = Files.writeString(this.out.resolve("events.csv"), """
				customer_id,type,occurred_at
				c1,email_open,25/11/2011 08:00
				c1,email_open,10/11/2011 08:00
				""");
		// The day past the 12th first, then a date that would be read wrong: stopped at the second.
		assertThat(run("--orders", IMPORTS + "orders.csv", "--events", events.toString(), "--as-of", "2011-12-20T00:00:00Z").err())
			.startsWith("events.csv writes its dates day first: line 2 has occurred_at '25/11/2011 08:00', and 25 is no month.")
			.contains("(2011-11-25 08:00)");
		Path uci = Files.writeString(this.out.resolve("uci.csv"), """
				InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
				536365,A,1,01/12/2010 08:26,2.55,17850,United Kingdom
				536366,A,1,14/12/2010 08:26,2.55,17850,United Kingdom
				""");
		assertThat(run("--orders", uci.toString(), "--orders-format", "uci", "--as-of", "2011-12-20T00:00:00Z").err())
			.startsWith("uci.csv writes its dates day first: line 3 has InvoiceDate '14/12/2010 08:26', and 14 is no month.");
	}

	/** Once a date past the 12th shows a file month first, a date that could only be day first is one bad row. */
	@Test
	void dayFirstDateInAFileShownMonthFirstIsOneSkippedRow() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,12/13/2011 10:00,100
				c2,o2,13/12/2011 10:00,100
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-20T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("2 rows read, 1 skipped").contains("line 3: unparseable placed_at ('13/12/2011 10:00'");
	}

	/** A day-first date with no date beside it that reads either way has misread nothing: one bad row, as before. */
	@Test
	void strayDayFirstDateAmongDatesWrittenYearFirstIsOneSkippedRow() throws IOException {
		Path orders = Files.writeString(this.out.resolve("orders.csv"), """
				customer_id,order_id,placed_at,total
				c1,o1,2011-12-01 10:00:00,100
				c2,o2,13/12/2011 10:00,100
				c3,o3,2011-12-02 10:00:00,100
				""");
		Run run = run("--orders", orders.toString(), "--as-of", "2011-12-20T00:00:00Z");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).contains("3 rows read, 1 skipped").contains("line 3: unparseable placed_at ('13/12/2011 10:00'");
	}

	/**
	 * The UCI export writes its dates month first, its first rows (to 12/8/2010) as if day first too:
	 * read exactly as the same rows written year first, with the figures they have always had.
	 */
	@Test
	void uciExportWrittenMonthFirstIsReadAsTheSameRowsWrittenYearFirst() throws IOException {
		Path monthFirst = Path.of(IMPORTS + "online-retail-month-first.csv");
		Path yearFirst = Files.createDirectories(this.out.resolve("iso")).resolve(monthFirst.getFileName());
		DateTimeFormatter written = DateTimeFormatter.ofPattern("M/d/uuuu H:mm");
		try (CSVParser rows = CSVParser.parse(monthFirst, StandardCharsets.UTF_8, CSVFormat.DEFAULT.builder().setHeader().get());
				CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(yearFirst), CSVFormat.DEFAULT.builder()
					.setHeader(rows.getHeaderNames().toArray(String[]::new)).setRecordSeparator('\n').get())) {
			for (CSVRecord row : rows) {
				List<String> values = new ArrayList<>(row.toList());
				int date = rows.getHeaderNames().indexOf("InvoiceDate");
				values.set(date, LocalDateTime.parse(values.get(date), written).toString().replace('T', ' ') + ":00");
				printer.printRecord(values);
			}
		}
		Path decided = this.out.resolve("d.csv");
		Path decidedIso = this.out.resolve("iso.csv");
		Run read = run("--orders", monthFirst.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z", "--out",
				decided.toString());
		Run iso = run("--orders", yearFirst.toString(), "--orders-format", "uci", "--as-of", "2011-12-10T00:00:00Z", "--out",
				decidedIso.toString());
		assertThat(read.exit()).as(read.err()).isZero();
		assertThat(Files.readString(yearFirst)).contains("536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,");
		assertThat(read.out().replace(decided.toString(), decidedIso.toString())).isEqualTo(iso.out());
		assertThat(decided).hasSameTextualContentAs(decidedIso);
		assertThat(read.out()).contains("online-retail-month-first.csv (an Online Retail (UCI) line-item CSV): 28 rows read, 1 skipped")
			.contains("read, not an order: cancellation (invoice starting with C): 5")
			.containsPattern("\nBRAND_ENTHUSIAST +2 +33\\.3% +547\\.97 +42\\.15\n")
			.containsPattern("\nLAPSED_HIGH_ROLLER +1 +16\\.7% +876\\.00 +292\\.00\n")
			.containsPattern("\nONE_HIT_WONDER +1 +16\\.7% +77,183\\.60 +77,183\\.60\n");
		Map<String, String[]> decisions = decisions(decided);
		assertThat(decisions.keySet()).containsExactly("17850", "12583", "13748", "15100", "18074", "12346");
		assertThat(decisions.get("17850")[1]).isEqualTo("LAPSED_ENTHUSIAST");
		assertThat(decisions.get("12583")[1]).isEqualTo("BRAND_ENTHUSIAST");
		assertThat(decisions.get("15100")[2]).isEqualTo("COUNTRY_GB;DORMANT;TOP_SPENDER");
	}

	@Test
	void rulesThatDoNotCompileAreReportedWithFileAndLineAndLeaveTheOutputFileAlone() throws IOException {
		Path rules = this.out.resolve("rules");
		Files.createDirectories(rules);
		Files.writeString(rules.resolve("broken.drl"), "package io.personaengine.rules;\nrule \"Broken\"\nwhen\n    $c : NoSuchFact()\nthen\nend\n");
		Path decisions = Files.writeString(this.out.resolve("d.csv"), "yesterday's decisions\n");
		Run run = run("--orders", IMPORTS + "orders.csv", "--rules", rules.toString(), "--out", decisions.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("do not compile:").contains("broken.drl:4").doesNotContain("\tat ");
		assertThat(decisions).hasContent("yesterday's decisions");
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).as("no partial output left behind")
				.containsExactlyInAnyOrder("rules", "d.csv");
		}
	}

	@Test
	void outputIsWrittenWholeWithNothingLeftBeside() throws IOException {
		Path decisions = Files.writeString(this.out.resolve("d.csv"), "yesterday's decisions\n");
		Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(decisions(decisions)).containsKey("c1").hasSize(5);
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("d.csv");
		}
	}

	/** Made as a temporary file, the decisions went into place rw------- whatever the umask or the file replaced. */
	@Test
	void outputIsMadeAsAnyNewFileIsAndAFileReplacedKeepsItsPermissions() throws IOException {
		Assumptions.assumeTrue(this.out.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
		Set<PosixFilePermission> asAnyNewFile = Files.getPosixFilePermissions(Files.createFile(this.out.resolve("reference")));
		Path fresh = this.out.resolve("fresh.csv");
		Run made = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", fresh.toString());
		assertThat(made.exit()).as(made.err()).isZero();
		assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(asAnyNewFile);
		Path shared = Files.writeString(this.out.resolve("shared.csv"), "yesterday's decisions\n");
		Set<PosixFilePermission> teamReads = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
		Files.setPosixFilePermissions(shared, teamReads);
		Run replaced = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", shared.toString());
		assertThat(replaced.exit()).as(replaced.err()).isZero();
		assertThat(Files.readString(shared)).startsWith("customer_id,persona,segments,actions\n");
		assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(teamReads);
	}

	/**
	 * A read-only file is replaced as an editor replaces it, by a new file moved over it, which
	 * needs only the folder to be writable: its permissions, given to the new file before it was
	 * opened, kept that from being written (status 70). Root writes whatever the permissions say,
	 * so the test runs only for another user.
	 */
	@Test
	void readOnlyFileReplacedIsWrittenAndStaysReadOnly() throws IOException {
		Assumptions.assumeTrue(this.out.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
		Path kept = Files.writeString(this.out.resolve("kept.csv"), "yesterday's decisions\n");
		Set<PosixFilePermission> readOnly = java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--");
		Files.setPosixFilePermissions(kept, readOnly);
		Assumptions.assumeFalse(Files.isWritable(kept), "a user for whom permissions count, not root");
		Run replaced = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", kept.toString());
		assertThat(replaced.exit()).as(replaced.err()).isZero();
		assertThat(Files.readString(kept)).startsWith("customer_id,persona,segments,actions\n");
		assertThat(Files.getPosixFilePermissions(kept)).isEqualTo(readOnly);
	}

	@Test
	void outputThatCannotBeWrittenIsRefusedNamingItsFolderBeforeAnythingIsRead() throws IOException {
		// The orders are in the wrong format: reading them first would have said so instead.
		Run missingFolder = run("--orders", IMPORTS + "events.csv", "--out", this.out.resolve("no/such/d.csv").toString());
		assertThat(missingFolder.exit()).isEqualTo(2);
		assertThat(missingFolder.err()).contains("cannot write --out " + this.out.resolve("no/such/d.csv") + ": there is no folder "
				+ this.out.resolve("no/such")).doesNotContain("\tat ").doesNotContain(".partial");
		assertThat(missingFolder.err()).as("refused before reading").doesNotContain("is not an orders CSV");
		Path file = Files.writeString(this.out.resolve("file"), "");
		Run underFile = run("--orders", IMPORTS + "orders.csv", "--out", file.resolve("d.csv").toString());
		assertThat(underFile.exit()).isEqualTo(2);
		assertThat(underFile.err()).contains(": " + file + " is not a folder").doesNotContain(".partial");
		Run folder = run("--orders", IMPORTS + "orders.csv", "--out", this.out.toString());
		assertThat(folder.exit()).isEqualTo(2);
		assertThat(folder.err()).contains("is a folder, not a file");
	}

	/** Moved over the export at the end, the decisions replaced the orders they were made from. */
	@Test
	void outputNamingAnInputFileIsRefusedBeforeAnythingIsReadLeavingTheInputAsItWas() throws IOException {
		String export = Files.readString(Path.of(IMPORTS + "orders.csv"));
		Path orders = Files.writeString(this.out.resolve("orders.csv"), export);
		Path customers = Files.copy(Path.of(IMPORTS + "customers.csv"), this.out.resolve("customers.csv"));
		Path link = Files.createSymbolicLink(this.out.resolve("latest.csv"), Path.of("orders.csv"));
		for (Path out : new Path[] { orders, link, this.out.resolve("x/../orders.csv") }) {
			Run run = run("--orders", orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--out", out.toString());
			assertThat(run.exit()).as(out.toString()).isEqualTo(2);
			assertThat(run.err().strip()).isEqualTo("--out " + out + " is the --orders file: the decisions would replace it; "
					+ "write them to another file");
			assertThat(Files.readString(orders)).isEqualTo(export);
		}
		Run run = run("--orders", orders.toString(), "--customers", customers.toString(), "--out", customers.toString());
		assertThat(run.err()).contains("is the --customers file");
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactlyInAnyOrder("orders.csv", "customers.csv",
					"latest.csv");
		}
	}

	/**
	 * A pipe or a device (a FIFO here, as /dev/stdout or /dev/null would be) is written as it goes:
	 * moving the temporary file over it replaced it by a plain file, /dev/null included for root.
	 */
	@Test
	void outputToAPipeIsWrittenIntoItWithoutReplacingIt() throws Exception {
		Path fifo = this.out.resolve("decisions.fifo");
		org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
				"mkfifo");
		java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				return Files.readString(fifo);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", fifo.toString());
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(Files.isRegularFile(fifo)).as("still a pipe").isFalse();
		assertThat(read.get(30, java.util.concurrent.TimeUnit.SECONDS)).startsWith("customer_id,persona,segments,actions\n")
			.contains("\nc1,");
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("decisions.fifo");
		}
	}

	@Test
	void outputThroughASymbolicLinkWritesTheFileItPointsToAndKeepsTheLink() throws Exception {
		Path real = Files.writeString(this.out.resolve("decisions.csv"), "yesterday's decisions\n");
		Path link = Files.createSymbolicLink(this.out.resolve("latest.csv"), Path.of("decisions.csv"));
		Path dangling = Files.createSymbolicLink(this.out.resolve("next.csv"), Path.of("tomorrow.csv"));
		for (Path out : new Path[] { link, dangling }) {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", out.toString());
			assertThat(run.exit()).as(run.err()).isZero();
			assertThat(Files.isSymbolicLink(out)).as(out + " still a link").isTrue();
		}
		assertThat(Files.readString(real)).startsWith("customer_id,persona,segments,actions\n").contains("\nc1,");
		assertThat(Files.readString(this.out.resolve("tomorrow.csv"))).startsWith("customer_id,persona,segments,actions\n");
	}

	/** sysfs takes no new file, even from root, for whom a folder's permissions do not count. */
	@Test
	void outputInAFolderThatTakesNoNewFileIsRefusedNamingTheFolderAndWhy() {
		Path sys = Path.of("/sys");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(sys), "a Linux /sys");
		Run run = run("--orders", IMPORTS + "events.csv", "--out", "/sys/d.csv");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("cannot write --out /sys/d.csv: the folder /sys cannot be written (permission denied)")
			.doesNotContain(".partial")
			.as("refused before reading")
			.doesNotContain("is not an orders CSV");
	}

	@Test
	void rulesFolderThatDoesNotExistIsReportedAsRulesNotAsAnInput() {
		Run run = run("--orders", IMPORTS + "orders.csv", "--rules", this.out.resolve("no-rules").toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("cannot be read:").contains("not a folder").doesNotContain("Cannot read the input");
	}

	/**
	 * The orders are in the wrong format: read first, they would be said instead. The rules
	 * compiling alongside failed at once, but reading heeded it only at its next check, 4,096 rows on.
	 */
	@Test
	void rulesFolderThatIsNotThereOrIsAFileIsToldBeforeAnyInputIsRead() throws IOException {
		Path file = Files.writeString(this.out.resolve("rules.txt"), "");
		for (Path rules : List.of(this.out.resolve("no-rules"), file)) {
			Run run = run("--orders", IMPORTS + "events.csv", "--rules", rules.toString(), "--out",
					this.out.resolve("d.csv").toString());
			assertThat(run.exit()).as(run.err()).isEqualTo(2);
			assertThat(run.err().lines()).containsExactly("The rules in " + rules + " cannot be read:",
					"  " + rules + ": not a folder (set persona.rules.dir or --rules)");
		}
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).containsExactly("rules.txt");
		}
	}

	/** Root reads any folder: there the permissions do not bite, and the test is skipped. */
	@Test
	void rulesFolderThatCannotBeReadIsToldBeforeAnyInputIsRead() throws IOException {
		Path rules = Files.createDirectories(this.out.resolve("rules"));
		Files.writeString(rules.resolve("thresholds.yaml"), "");
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(rules);
		Files.setPosixFilePermissions(rules, Set.of());
		try {
			Assumptions.assumeFalse(Files.isReadable(rules), "a folder without permissions cannot be read (not as root)");
			Run run = run("--orders", IMPORTS + "events.csv", "--rules", rules.toString());
			assertThat(run.exit()).as(run.err()).isEqualTo(2);
			assertThat(run.err().lines()).containsExactly("The rules in " + rules + " cannot be read:",
					"  " + rules + ": cannot be read: " + rules);
		}
		finally {
			Files.setPosixFilePermissions(rules, permissions);
		}
	}

	@Test
	void readingStopsAtTheNextCheckOnceTheCheckFails() throws IOException {
		Path big = this.out.resolve("orders.csv");
		StringBuilder csv = new StringBuilder("customer_id,order_id,placed_at,total\n");
		for (int i = 0; i < 20_000; i++) {
			csv.append("c").append(i).append(",o").append(i).append(",2011-01-01T00:00:00Z,10\n");
		}
		Files.writeString(big, csv);
		int[] checks = { 0 };
		Progress progress = new Progress(null).checking(() -> {
			if (++checks[0] == 2) {
				throw new IllegalStateException("the rules failed meanwhile");
			}
		});
		assertThatThrownBy(() -> Segmentation.run(() -> {
			throw new AssertionError("rules are not needed while reading");
		}, new Segmentation.Input("orders.csv", Files.size(big), () -> Files.newInputStream(big)),
				Segmentation.OrdersFormat.ORDERS, null, null,
				new Segmentation.Options(java.time.Instant.parse("2011-12-10T00:00:00Z"), null, "s",
						java.time.Instant.now()), progress, (d) -> {
				}, io.personaengine.metrics.DecisionMetrics.NONE))
			.hasMessage("the rules failed meanwhile");
		assertThat(checks[0]).as("checked every 4,096 rows, stopped at the second check").isEqualTo(2);
	}

	/** Three customers whose rules take about 400 ms each (SlowRules.work): 1.2 s of deciding. */
	static final String SLOW_ORDERS = """
			customer_id,order_id,placed_at,total
			slow-400,o1,2011-11-20T10:00:00Z,150.00
			slow-401,o2,2011-11-21T10:00:00Z,40.00
			slow-402,o3,2011-11-22T10:00:00Z,60.00
			""";

	/** Its nanoseconds overflowed a long: status 70 and a stack trace. */
	@Test
	void timeoutOfMoreThanNanosecondsCanCountRunsAsOneThatDoesNotPass() {
		for (String timeout : new String[] { "9999999999d", "PT2562048H" }) {
			Run run = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--timeout", timeout);
			assertThat(run.exit()).as(timeout + ": " + run.err()).isZero();
			assertThat(run.out()).contains("orders.csv (an orders CSV): 10 rows read");
		}
	}

	@Test
	void slowRulesPastTheTimeoutStopTheRunWithExitFourAndOneLineLeavingTheOutputAsItWas() throws IOException {
		Path decisions = Files.writeString(this.out.resolve("d.csv"), "yesterday's decisions\n");
		Run run = run("--orders", slowOrders().toString(), "--as-of", "2011-12-10T00:00:00Z", "--rules", slowRules().toString(),
				"--out", decisions.toString(), "--timeout", "300ms");
		assertThat(run.exit()).as(run.err()).isEqualTo(4);
		// The rules compile alongside the reading: the bound may pass before they are ready.
		assertThat(run.err().lines()).singleElement(STRING)
			.matches("segment stopped after --timeout 300ms (with 0 of 3 customers decided|with orders\\.csv read \\(3 rows\\)"
					+ "(, the rules still compiling)?); nothing was written to " + java.util.regex.Pattern.quote(decisions.toString())
					+ "\\. Raise --timeout to give it longer\\.");
		assertThat(run.out()).as("no summary of a run that was stopped").isEmpty();
		assertThat(decisions).hasContent("yesterday's decisions");
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).as("no partial output left behind")
				.containsExactlyInAnyOrder("rules", "orders.csv", "d.csv");
		}
	}

	/** A pipe or a device is given decisions as they are made: a stopped run does not say it got none. */
	@Test
	void runStoppedWhileWritingIntoADeviceDoesNotSayNothingWasWrittenThere() throws IOException {
		Run run = run("--orders", slowOrders().toString(), "--as-of", "2011-12-10T00:00:00Z", "--rules", slowRules().toString(),
				"--out", "/dev/null", "--timeout", "300ms");
		assertThat(run.exit()).as(run.err()).isEqualTo(4);
		assertThat(run.err().lines()).singleElement(STRING)
			.endsWith("; /dev/null was written to as the run went: the decisions written before stay there. Raise --timeout to give it longer.");
	}

	@Test
	void slowRulesWithinAGenerousTimeoutDecideEveryCustomer() throws IOException {
		Path decisions = this.out.resolve("d.csv");
		Run run = run("--orders", slowOrders().toString(), "--as-of", "2011-12-10T00:00:00Z", "--rules", slowRules().toString(),
				"--out", decisions.toString(), "--timeout", "1m");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(decisions(decisions)).containsOnlyKeys("slow-400", "slow-401", "slow-402");
	}

	/**
	 * A read that waits for input is where the run cannot check the bound, which holds there too:
	 * here a pipe held open and never written, as {@code --orders /dev/stdin} with nothing on it.
	 */
	// The read this bounds ignores interrupts: JUnit must give up from a thread of its own, or a
	// regression would hang the build instead of failing it.
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	@Test
	void timeoutStopsARunWhoseInputIsAPipeNobodyWritesToLeavingTheOutputAsItWas() throws IOException {
		Path decisions = Files.writeString(this.out.resolve("d.csv"), "yesterday's decisions\n");
		try (FileChannel pipe = heldOpenPipe("orders.csv")) {
			Run run = run("--orders", this.out.resolve("orders.csv").toString(), "--as-of", "2011-12-10T00:00:00Z", "--out",
					decisions.toString(), "--timeout", "3s");
			assertThat(run.exit()).as(run.err()).isEqualTo(4);
			assertThat(run.err().lines()).singleElement(STRING)
				.isEqualTo("segment stopped after --timeout 3s while reading orders.csv, before its first row; nothing was "
						+ "written to " + decisions + ". Raise --timeout to give it longer.");
			assertThat(run.out()).isEmpty();
		}
		assertThat(decisions).hasContent("yesterday's decisions");
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).as("no partial output left behind")
				.containsExactlyInAnyOrder("orders.csv", "d.csv");
		}
	}

	/** A bound that passes while an input is read names the file and the row the run got to. */
	// The read this bounds ignores interrupts: JUnit must give up from a thread of its own, or a
	// regression would hang the build instead of failing it.
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	@Test
	void timeoutThatPassesWhileReadingNamesTheFileAndTheRowItGotTo() throws IOException {
		try (FileChannel pipe = heldOpenPipe("orders.csv")) {
			pipe.write(java.nio.ByteBuffer.wrap("""
					customer_id,order_id,placed_at,total
					c1,o1,2011-01-01T00:00:00Z,10
					c2,o2,2011-01-01T00:00:00Z,10
					c3,o3,2011-01-01T00:00:00Z,10
					""".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			Run run = run("--orders", this.out.resolve("orders.csv").toString(), "--as-of", "2011-12-10T00:00:00Z", "--timeout",
					"3s");
			assertThat(run.exit()).as(run.err()).isEqualTo(4);
			assertThat(run.err().lines()).singleElement(STRING)
				.isEqualTo("segment stopped after --timeout 3s while reading orders.csv, at row 3. Raise --timeout to give it "
						+ "longer.");
			assertThat(run.out()).isEmpty();
		}
	}

	/**
	 * An input that is a pipe, as {@code --orders /dev/stdin} or {@code <(zcat orders.csv.gz)} are,
	 * is read as a file is: Java 17's stream of a file channel asked the pipe its position, which
	 * it has none of, and the run stopped at once ("Illegal seek").
	 */
	// The read this bounds ignores interrupts: JUnit must give up from a thread of its own, or a
	// regression would hang the build instead of failing it.
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	@Test
	void inputThatIsAPipeIsReadLikeAFile() throws IOException {
		Path fifo = pipe("orders.csv");
		byte[] orders = Files.readAllBytes(Path.of(IMPORTS + "orders.csv"));
		// Opening a pipe to write waits for its reader: the command, here.
		java.util.concurrent.CompletableFuture.runAsync(() -> {
			try {
				Files.write(fifo, orders);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		Run piped = run("--orders", fifo.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(piped.exit()).as(piped.err()).isZero();
		assertThat(piped.out()).isEqualTo(run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z").out());
	}

	/**
	 * A named pipe {@code name} in the test's folder, open here for reading and writing (which does
	 * not wait for a reader as writing alone would): a command that reads it gets what is written
	 * into it, then waits for more until this is closed.
	 */
	private FileChannel heldOpenPipe(String name) throws IOException {
		return FileChannel.open(pipe(name), StandardOpenOption.READ, StandardOpenOption.WRITE);
	}

	private Path pipe(String name) throws IOException {
		Path fifo = this.out.resolve(name);
		try {
			Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new java.io.InterruptedIOException("mkfifo");
		}
		return fifo;
	}

	/**
	 * /dev/stdout leads through /proc/self/fd/1 to a pipe, whose name (pipe:[123]) is no path:
	 * following it failed the command. The summary goes to standard error, so the stream stays a CSV.
	 */
	@Test
	void outToStandardOutputThroughAPipeStreamsTheCsvAndTellsTheSummaryOnStandardError() throws Exception {
		Run run = JarCommands.forked(List.of(), ProcessBuilder.Redirect.PIPE, "segment", "--orders", IMPORTS + "orders.csv", "--as-of",
				"2011-12-10T00:00:00Z", "--out", "/dev/stdout");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(run.out()).startsWith("customer_id,persona,segments,actions\n").contains("\nc1,").doesNotContain("Decisions:");
		assertThat(run.err()).contains("Decisions: /dev/stdout (");
	}

	/**
	 * With standard output sent to a file (>> file), /dev/stdout is that file: moving the run's
	 * file over it replaced the shell's file, and what it held was lost.
	 */
	@Test
	void outToStandardOutputSentToAFileIsAppendedToItAsTheShellOpenedIt() throws Exception {
		Path file = Files.writeString(this.out.resolve("all.txt"), "kept\n");
		Run run = JarCommands.forked(List.of(), ProcessBuilder.Redirect.appendTo(file.toFile()), "segment", "--orders",
				IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--out", "/dev/stdout");
		assertThat(run.exit()).as(run.err()).isZero();
		assertThat(Files.readString(file)).startsWith("kept\ncustomer_id,persona,segments,actions\n").contains("\nc1,");
		try (var files = Files.list(this.out)) {
			assertThat(files.map((f) -> f.getFileName().toString())).as("no temporary file left").containsExactly("all.txt");
		}
	}

	/** /dev/stdout sent to a file is a regular file by its path: what was written through it stays, and is said to. */
	@Test
	void runStoppedWhileWritingToStandardOutputSentToAFileDoesNotSayNothingWasWritten() throws Exception {
		Path file = this.out.resolve("all.txt");
		Run run = JarCommands.forked(List.of(), ProcessBuilder.Redirect.appendTo(file.toFile()), "segment", "--orders",
				slowOrders().toString(), "--as-of", "2011-12-10T00:00:00Z", "--rules", slowRules().toString(), "--out",
				"/dev/stdout", "--timeout", "2s");
		assertThat(run.exit()).as(run.err()).isEqualTo(4);
		assertThat(run.err().lines().filter((line) -> line.startsWith("segment stopped"))).singleElement(STRING)
			.endsWith("; /dev/stdout was written to as the run went: the decisions written before stay there. Raise --timeout to give it longer.");
	}

	@Test
	void timeoutOfZeroOrLessOrWithoutAUnitIsRefusedBeforeAnythingIsRead() {
		// The orders are in the wrong format: reading them first would have said so instead.
		Map<String, String> refused = Map.of("0", "--timeout must be longer than 0 (leave it out for no bound); not 0",
				"-5s", "--timeout must be longer than 0 (leave it out for no bound); not -5s",
				"PT0S", "--timeout must be longer than 0 (leave it out for no bound); not PT0S",
				"10", "--timeout 10 has no unit: say 30s, 10m or PT10M",
				"soon", "--timeout: 'soon' is not a duration such as 30s, 10m or PT10M");
		refused.forEach((timeout, message) -> {
			Run run = run("--orders", IMPORTS + "events.csv", "--timeout", timeout);
			assertThat(run.exit()).as(timeout).isEqualTo(2);
			assertThat(run.err().lines().toList()).as(timeout).first(STRING).isEqualTo(message);
			assertThat(run.err()).as(timeout).doesNotContain("is not an orders CSV").doesNotContain("\tat ");
		});
		Run iso = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z", "--timeout", "PT10M");
		assertThat(iso.exit()).as(iso.err()).isZero();
	}

	private Path slowOrders() throws IOException {
		return Files.writeString(this.out.resolve("orders.csv"), SLOW_ORDERS);
	}

	/** The shipped rules and one that spends the milliseconds a customer id names, in a folder of their own. */
	private Path slowRules() throws IOException {
		Path rules = this.out.resolve("rules");
		ShippedRules.copyTo(rules, (file) -> !file.startsWith("tests/"));
		Files.writeString(rules.resolve("slow.drl"), """
				package io.personaengine.rules;

				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.api.SlowRules;

				rule "TakesItsTime"
				when
				    $c : CustomerFacts( customerId.startsWith("slow-") )
				then
				    SlowRules.work($c.getCustomerId());
				end
				""");
		return rules;
	}

	@Test
	void corruptGzipIsRefusedWithAMessageAndExitTwo() throws IOException {
		Path broken = this.out.resolve("orders.csv.gz");
		Files.write(broken, new byte[] { 0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
		Run run = run("--orders", broken.toString());
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).contains("orders.csv.gz is not a readable gzip file: Unsupported compression method")
			.doesNotContain("\tat ");
	}

	@Test
	void gzipCutShortIsRefusedWithAMessageAndExitTwo() throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (var zip = new java.util.zip.GZIPOutputStream(bytes)) {
			zip.write(Files.readAllBytes(Path.of(IMPORTS + "orders.csv")));
		}
		// Right after the magic number, within the 10-byte header, within the compressed data.
		for (int length : new int[] { 2, 9, 20 }) {
			Path cut = Files.write(this.out.resolve("orders.csv.gz"), java.util.Arrays.copyOf(bytes.toByteArray(), length));
			Run run = run("--orders", cut.toString(), "--as-of", "2011-12-10T00:00:00Z");
			assertThat(run.exit()).as(length + " bytes").isEqualTo(2);
			assertThat(run.err()).as(length + " bytes")
				.contains("orders.csv.gz is not a readable gzip file: it ends too early")
				.doesNotContain("Exception");
		}
	}

	@Test
	void bytesThatAreNotUtf8StopTheImportNamingFileAndLine() throws IOException {
		// Latin-1 names: replaced by U+FFFD they were one customer, m?ller.
		StringBuilder rows = new StringBuilder("customer_id,order_id,placed_at,total\n");
		for (int i = 1; i <= 2_000; i++) {
			rows.append("c").append(i).append(",o").append(i).append(",2011-01-01T00:00:00Z,10\n");
		}
		Path latin1 = this.out.resolve("orders.csv");
		Files.write(latin1, (rows + "m\u00fcller,o9001,2011-01-01T00:00:00Z,10\nm\u00f6ller,o9002,2011-01-01T00:00:00Z,10\n")
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		Run run = run("--orders", latin1.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(run.exit()).isEqualTo(2);
		assertThat(run.err()).as("past what the decoder reads ahead of the parser")
			.contains("orders.csv is not UTF-8 text: invalid bytes at line 2002")
			.doesNotContain("Exception");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void gzippedInputIsReadLikePlain() throws IOException {
		Path gz = this.out.resolve("orders.csv.gz");
		try (var zip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
			zip.write(Files.readAllBytes(Path.of(IMPORTS + "orders.csv")));
		}
		Run plain = run("--orders", IMPORTS + "orders.csv", "--as-of", "2011-12-10T00:00:00Z");
		Run zipped = run("--orders", gz.toString(), "--as-of", "2011-12-10T00:00:00Z");
		assertThat(zipped.out().replace("orders.csv.gz", "orders.csv")).isEqualTo(plain.out());
	}

	/** segment with {@code args}, as the jar runs it. */
	static Run run(String... args) {
		return JarCommands.run(Stream.concat(Stream.of("segment"), Stream.of(args)).toArray(String[]::new));
	}

	static Map<String, String[]> decisions(Path csv) throws IOException {
		List<String> lines = Files.readAllLines(csv);
		assertThat(lines.get(0)).isEqualTo("customer_id,persona,segments,actions");
		Map<String, String[]> decisions = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			String[] fields = line.split(",", -1);
			decisions.put(fields[0], fields);
		}
		return decisions;
	}

}
