package io.personaengine.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(SegmentationController.class)
@Import({ ApiConfiguration.class, ApiSecurity.class, RealRulesConfiguration.class })
class SegmentationControllerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void summaryCountsPersonasAndSegmentsAndReportsSkippedRows() throws IOException {
		MvcTestResult result = segment("application/json", file("orders", "orders.csv"), file("events", "events.csv"),
				file("customers", "customers.csv"));
		assertThat(result).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.customers").isEqualTo(9);
			assertThat(json).extractingPath("$.personas[?(@.id=='HIGH_ROLLER')].customers").asArray().containsExactly(1);
			assertThat(json).extractingPath("$.segments[?(@.id=='TOP_SPENDER')].customers").asArray().containsExactly(2);
			assertThat(json).extractingPath("$.imports[1].rowsSkipped").isEqualTo(5);
			assertThat(json).extractingPath("$.imports[1].firstSkipped[0]").asString().startsWith("line 6: unparseable placed_at");
			assertThat(json).extractingPath("$.samples[?(@.persona=='JUST_PASSING_THROUGH')].customerIds[0]").asArray().containsExactly("c2");
		});
	}

	@Test
	void ordersAndEventsDatedAfterAsOfAreCountedAsIgnored() {
		byte[] orders = "customer_id,order_id,placed_at,total\nc1,o1,2011-12-10T00:00:00Z,10\nc1,o2,2011-12-10T00:00:01Z,10\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] events = "customer_id,type,occurred_at\nc1,email_open,2011-12-11T00:00:00Z\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(segment("application/json", new MockMultipartFile("orders", "orders.csv", "text/csv", orders),
				new MockMultipartFile("events", "events.csv", "text/csv", events)))
			.hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.imports[0].file").isEqualTo("orders.csv");
				assertThat(json).extractingPath("$.imports[0].ignoredAfterAsOf").isEqualTo(1);
				assertThat(json).extractingPath("$.imports[1].ignoredAfterAsOf").isEqualTo(1);
			});
	}

	@Test
	void decisionsStreamAsCsvByAccept() throws IOException {
		MvcTestResult result = segment("text/csv", file("orders", "orders.csv"));
		assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		assertThat(result.getResponse().getContentAsString()).startsWith("customer_id,persona,segments,actions\n")
			.contains("\nc1,HIGH_ROLLER,");
	}

	/** Without the summary, a streamed answer said nothing of the rows skipped. */
	@Test
	void streamedAnswerCountsTheRowsSkippedInAHeader() throws IOException {
		for (String accept : new String[] { "text/csv", "application/x-ndjson" }) {
			assertThat(segment(accept, file("orders", "orders.csv"), file("events", "events.csv"), file("customers", "customers.csv")))
				.as(accept)
				.hasStatusOk()
				.hasHeader(SegmentationController.ROWS_SKIPPED, "8");
		}
		byte[] headerOnly = "customer_id,order_id,placed_at,total\n".getBytes(StandardCharsets.UTF_8);
		assertThat(segment("text/csv", new MockMultipartFile("orders", "orders.csv", "text/csv", headerOnly))).hasStatusOk()
			.hasHeader(SegmentationController.ROWS_SKIPPED, "0");
	}

	@Test
	void decisionsStreamAsNdjsonByAccept() throws IOException {
		MvcTestResult result = segment("application/x-ndjson", file("orders", "orders.csv"));
		assertThat(result).hasStatusOk();
		String[] lines = result.getResponse().getContentAsString().split("\n");
		assertThat(lines).hasSize(5);
		assertThat(lines[0]).startsWith("{\"customerId\":\"c1\"").contains("\"persona\":\"HIGH_ROLLER\"");
	}

	/** RFC 9110: the highest quality wins; a type takes the quality of the most specific range naming it. */
	@Test
	void answerTypeIsNegotiatedByQuality() throws IOException {
		String csv = "text/csv;charset=UTF-8";
		String ndjson = "application/x-ndjson;charset=UTF-8";
		String json = "application/json";
		String[][] cases = { { "text/csv", csv }, { "application/x-ndjson", ndjson }, { "application/json", json },
				{ "*/*", json }, { "application/*", json }, { "text/*", csv },
				{ "application/x-ndjson;q=0.5, text/csv;q=0.9", csv }, { "text/csv;q=0.1, application/x-ndjson", ndjson },
				{ "application/x-ndjson, text/csv", ndjson }, { "*/*;q=0.1, text/csv", csv },
				{ "*/*, application/json;q=0", csv }, { "text/*;q=0.9, text/csv;q=0, application/x-ndjson;q=0.8", ndjson },
				{ "text/html, application/x-ndjson;q=0.2", ndjson },
				{ "application/problem+json, application/json;q=0.1", json } };
		for (String[] c : cases) {
			MvcTestResult result = segment(c[0], file("orders", "orders.csv"));
			assertThat(result).as(c[0]).hasStatusOk().hasContentType(c[1]);
		}
		assertThat(this.mvc.post().uri("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z").multipart()
			.file(file("orders", "orders.csv"))).as("no Accept").hasStatusOk().hasContentType(json);
	}

	@Test
	void acceptThatRefusesEveryAnswerIsNotAcceptable() throws IOException {
		for (String accept : new String[] { "text/csv;q=0", "text/html, text/csv;q=0", "*/*;q=0" }) {
			MvcTestResult result = segment(accept, file("orders", "orders.csv"));
			assertThat(result).as(accept).hasStatus(406).hasContentType("application/problem+json");
			assertThat(result.getResponse().getHeader("Accept")).as(accept)
				.isEqualTo("application/json, text/csv, application/x-ndjson");
			assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("Accept");
		}
	}

	@Test
	void clientThatTakesOnlyProblemsAmongWhatItNamesGetsTheBadRequestOfABadUpload() {
		MockMultipartFile garbage = new MockMultipartFile("orders", "orders.csv", "text/csv",
				"\u0000\u0001garbage\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertBadRequest(segment("text/csv;q=0, application/problem+json", garbage), "orders", "is not an orders CSV");
	}

	@Test
	void fileNotInItsFormatIsABadRequestNamingThePart() throws IOException {
		assertBadRequest(segment("application/json", new MockMultipartFile("orders", "events.csv", "text/csv",
				Files.readAllBytes(Path.of("src/test/resources/imports/events.csv")))), "orders", "is not an orders CSV");
	}

	@Test
	void fileThatIsNotUtf8IsABadRequestNamingThePartAndLine() throws IOException {
		byte[] latin1 = "customer_id,type,occurred_at\nm\u00fcller,email_open,2011-01-01T00:00:00Z\n"
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		assertBadRequest(segment("application/json", file("orders", "orders.csv"),
				new MockMultipartFile("events", "events.csv", "text/csv", latin1)), "events",
				"events.csv is not UTF-8 text: invalid bytes at line 2");
	}

	@Test
	void rowsWithImpossibleDatesAreSkippedAndReported() {
		byte[] orders = "customer_id,order_id,placed_at,total\nc1,o1,2011-02-30 10:00:00,10\nc1,o2,2011-02-28 10:00:00,10\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(segment("application/json", new MockMultipartFile("orders", "orders.csv", "text/csv", orders)))
			.hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.imports[0].rowsSkipped").isEqualTo(1);
				assertThat(json).extractingPath("$.imports[0].firstSkipped[0]").asString()
					.startsWith("line 2: unparseable placed_at ('2011-02-30 10:00:00' is not a date");
			});
	}

	@Test
	void gzipCutShortIsABadRequestNamingThePart() {
		assertBadRequest(segment("application/json", new MockMultipartFile("orders", "orders.csv.gz", "application/gzip",
				new byte[] { 0x1f, (byte) 0x8b })), "orders", "orders.csv.gz is not a readable gzip file: it ends too early");
	}

	@Test
	void byteOrderMarkIsSkippedAndAColumnNamedTwiceIsABadRequest() {
		byte[] excel = "\uFEFFcustomer_id,order_id,placed_at,total\r\nc1,o1,2011-12-01 10:00:00,10\r\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(segment("application/json", new MockMultipartFile("orders", "orders.csv", "text/csv", excel))).hasStatusOk()
			.bodyJson().extractingPath("$.customers").isEqualTo(1);
		byte[] twice = "customer_id,order_id,placed_at,total,total\nc1,o1,2011-12-01 10:00:00,10,20\n"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		assertBadRequest(segment("application/json", new MockMultipartFile("orders", "orders.csv", "text/csv", twice)), "orders",
				"its first line names the column total twice");
	}

	@Test
	void badOptionsAreBadRequests() throws IOException {
		assertThat(this.mvc.post().uri("/api/v1/segmentations?aov=lots").multipart().file(file("orders", "orders.csv")))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("aov");
		for (String aov : new String[] { "1e999999999", "1e3000000", "0" }) {
			assertBadRequest(this.mvc.post().uri("/api/v1/segmentations?aov=" + aov).multipart().file(file("orders", "orders.csv"))
				.exchange(), "aov", "must be auto or a number above 0 with at most 15 digits before the point and 6 after");
		}
		assertThat(this.mvc.post().uri("/api/v1/segmentations?ordersFormat=xls").multipart().file(file("orders", "orders.csv")))
			.hasStatus(400).bodyJson().extractingPath("$.errors[0].field").isEqualTo("ordersFormat");
	}

	@Test
	void asOfIsRefusedOutsideTheBoundsOfDecisionsAndAcceptedAtThem() throws IOException {
		// Now is RealRules.AS_OF, 2026-11-01T00:00:00Z.
		for (String asOf : new String[] { "1900-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2027-11-01T00:00:01Z",
				"3000-01-01T00:00:00Z" }) {
			assertBadRequest(this.mvc.post().uri("/api/v1/segmentations?asOf=" + asOf).multipart().file(file("orders", "orders.csv"))
				.exchange(), "asOf", "must be between 1970-01-01T00:00:00Z and one year from now");
		}
		for (String asOf : new String[] { "1970-01-01T00:00:00Z", "2027-11-01T00:00:00Z" }) {
			assertThat(this.mvc.post().uri("/api/v1/segmentations?asOf=" + asOf).multipart().file(file("orders", "orders.csv")))
				.hasStatusOk().bodyJson().extractingPath("$.asOf").isEqualTo(asOf);
		}
	}

	@Test
	void asOfWrittenToTheMinuteIsReadAsTheDecisionsReadIt() throws IOException {
		assertThat(this.mvc.post().uri("/api/v1/segmentations?asOf=2011-12-10T00:00Z").multipart().file(file("orders", "orders.csv")))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.asOf")
			.isEqualTo("2011-12-10T00:00:00Z");
	}

	/** Read as the next day's midnight, where the rows of the files refuse it. */
	@Test
	void asOfAt24IsRefusedAsTheRowsOfTheFilesRefuseIt() throws IOException {
		assertBadRequest(this.mvc.post().uri("/api/v1/segmentations?asOf=2011-12-09T24:00:00Z").multipart()
			.file(file("orders", "orders.csv")).exchange(), "asOf", "expected an ISO-8601 instant such as 2011-12-10T00:00:00Z "
					+ "(24:00 is refused, as it may mean the start or the end of a day: write 00:00 of the day meant)");
	}

	private MvcTestResult segment(String accept, MockMultipartFile... files) {
		var request = this.mvc.post().uri("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z").multipart();
		for (MockMultipartFile file : files) {
			request = request.file(file);
		}
		return request.header("Accept", accept).exchange();
	}

	private static void assertBadRequest(MvcTestResult result, String field, String reason) {
		assertThat(result).hasStatus(400).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.errors[0].field").isEqualTo(field);
			assertThat(json).extractingPath("$.errors[0].reason").asString().contains(reason);
		});
	}

	private static MockMultipartFile file(String part, String name) throws IOException {
		return new MockMultipartFile(part, name, "text/csv", Files.readAllBytes(Path.of("src/test/resources/imports/" + name)));
	}

}
