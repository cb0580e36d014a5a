package io.personaengine.api;

import java.io.IOException;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.personaengine.decisions.Deadline;
import io.personaengine.decisions.DecisionEngine;
import io.personaengine.decisions.DecisionTimeoutException;
import io.personaengine.decisions.RulesDidNotSettleException;
import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.FactDeriver;
import io.personaengine.rules.EndlessRecursion;
import io.personaengine.rules.LiveRules;
import io.personaengine.rules.RuleSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The time bound on a request's rules ({@code persona.decisions.timeout}, and
 * {@code segmentation-timeout} for uploads), over real HTTP with the shipped rules plus
 * {@link SlowRules}: within the bound a request is answered; past it the rules are halted and the
 * answer is a 503 problem, logged in one line at WARN; the pooled rules sessions decide correctly
 * afterwards. A rule set that loops is a 500 problem naming its version. Uploads get 5 s, so
 * that the first rules execution of one (2,000 customers, about 1 s on a loaded machine) ends
 * within it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.rules.watch=false", "persona.decisions.timeout=1s",
				"persona.decisions.segmentation-timeout=5s" })
class RequestTimeBoundTests {

	static final Path RULES = SlowRules.folder();

	final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@LocalServerPort
	int port;

	@Autowired
	LiveRules rules;

	@Autowired
	JsonMapper json;

	@DynamicPropertySource
	static void rulesFolder(DynamicPropertyRegistry registry) {
		registry.add("persona.rules.dir", RULES::toString);
	}

	@BeforeEach
	void listenToTheLog() {
		warmUp();
		this.logged.start();
		handlerLog().addAppender(this.logged);
	}

	@AfterEach
	void stopListening() {
		handlerLog().detachAppender(this.logged);
	}

	/** The copy is this class's alone: left behind, one more folder in /tmp at every run. */
	@AfterAll
	static void deleteTheRules() {
		FileSystemUtils.deleteRecursively(RULES.toFile());
	}

	@Test
	void ruleThatFinishesWithinTheBoundIsAnswered() throws Exception {
		HttpResponse<String> response = decide("slow-200");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(LiveHttp.JSON.readTree(response.body()).path("firedRules").toString()).contains("TestTakesItsTime");
		assertThat(this.logged.list).isEmpty();
	}

	@Test
	void rulesThatRunPastTheBoundAreHaltedAndAnswered503() throws Exception {
		// Without the bound, this customer runs until the firing limit, many seconds later, and is a 500.
		long start = System.nanoTime();
		HttpResponse<String> response = decide("crawl-100");
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertTimedOut(response, "1 customer");
		assertThat(millis).as("answered after %d ms", millis).isLessThan(5_000);
	}

	@Test
	void oneLongFiringIsStoppedWhenItEnds() throws Exception {
		assertTimedOut(decide("slow-1500"), "1 customer");
	}

	@Test
	void batchThatRunsPastTheBoundIsAnswered503() throws Exception {
		HttpResponse<String> response = new LiveHttp(this.port).send(json("/api/v1/decisions/batch",
				"{\"customers\":[{\"customerId\":\"c-1\"},{\"customerId\":\"crawl-100\"}]}"));
		assertTimedOut(response, "2 customers");
	}

	/** The rules decide a batch in several executions; a bound passed in a later one ends the call. */
	@Test
	void batchWhoseLastExecutionRunsPastTheBoundIsAnswered503NamingEveryCustomer() throws Exception {
		StringBuilder customers = new StringBuilder();
		for (int i = 1; i < 450; i++) {
			customers.append("{\"customerId\":\"c-").append(i).append("\"},");
		}
		HttpResponse<String> response = new LiveHttp(this.port)
			.send(json("/api/v1/decisions/batch", "{\"customers\":[" + customers + "{\"customerId\":\"crawl-100\"}]}"));
		assertTimedOut(response, "450 customers");
	}

	@Test
	void segmentationThatRunsPastItsBoundIsAnswered503() throws Exception {
		HardeningTests.Multipart upload = HardeningTests.multipart("orders",
				"customer_id,order_id,placed_at,total\nc-1,o-1,2011-01-01T00:00:00Z,10\ncrawl-100,o-2,2011-01-01T00:00:00Z,10\n");
		LiveHttp http = new LiveHttp(this.port);
		HttpResponse<String> response = http.send(http.request("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z")
			.header("Content-Type", upload.contentType())
			.POST(BodyPublishers.ofByteArray(upload.bytes()))
			.build());
		assertTimedOut(response, "2 customers", 5);
	}

	/**
	 * Past the bound after rows were sent, the status line (200) cannot be taken back: the answer
	 * is cut short without its last chunk and the connection closed, so that no client takes it
	 * for whole. It was logged as an ERROR and two WARNs, with the stack trace twice.
	 */
	@Test
	void streamedSegmentationThatRunsPastItsBoundAfterRowsWereSentEndsWithoutItsLastChunk() throws Exception {
		assertCutShortAfterRowsWereSent("crawl-100", Level.WARN, "Segmentation timed out", "did not finish deciding");
	}

	/**
	 * A rule set that loops after rows were sent is cut short the same way, and logged in one line
	 * at ERROR naming the rule set, the customer and the rule. It was an ERROR, a WARN "Failure in
	 * @ExceptionHandler" and Tomcat's ERROR, both with a stack trace.
	 */
	@Test
	void streamedSegmentationWhoseRulesLoopAfterRowsWereSentEndsWithoutItsLastChunk() throws Exception {
		assertCutShortAfterRowsWereSent("loop", Level.ERROR, "Segmentation failed", "rule set " + this.rules.current().version(),
				"did not settle for customer loop: ", "rule \"TestLoopsForever\" (slow.drl:" + SlowRules.line("TestLoopsForever") + ")");
	}

	/**
	 * A rule that throws after rows were sent: cut short, one line at ERROR naming the rule set and
	 * the rule with its file and line, as a decision that is not streamed.
	 */
	@Test
	void streamedSegmentationWhoseRuleThrowsAfterRowsWereSentEndsWithoutItsLastChunk() throws Exception {
		assertCutShortAfterRowsWereSent("throw-1", Level.ERROR, "Segmentation failed", "rule set " + this.rules.current().version(),
				"slow.drl:" + SlowRules.line("TestThrows") + ": rule \"TestThrows\" failed in its then part",
				"IllegalStateException: thrown by a rule for tests");
	}

	/**
	 * Uploads 2,000 customers the rules decide at once, then {@code last}, as CSV and as NDJSON:
	 * the first rules execution takes 2,000 customers, so those rows are sent before {@code last}
	 * is decided. Each answer must be a 200 cut short, without its last chunk, with every row decided
	 * before the failure in it, whole, and nothing written into it past the rows, and be logged in
	 * exactly one line, at {@code level}, without a stack trace, saying {@code logged}. Then the
	 * service must answer a good request.
	 */
	private void assertCutShortAfterRowsWereSent(String last, Level level, String... logged) throws Exception {
		StringBuilder orders = new StringBuilder("customer_id,order_id,placed_at,total\n");
		for (int i = 0; i < 2_000; i++) {
			orders.append("c-").append(i).append(",o-").append(i).append(",2011-06-01T00:00:00Z,10\n");
		}
		// The same without the last customer ends whole. It also warms the service up: in a fresh
		// JVM, the first such upload may not be decided within the bound.
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
			String whole = rawPost("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z", "text/csv",
					HardeningTests.multipart("orders", orders.toString()));
			assertThat(whole).startsWith("HTTP/1.1 200 ");
			assertThat(Chunked.decode(whole.substring(whole.indexOf("\r\n\r\n") + 4)).ended()).isTrue();
		});
		orders.append(last).append(",o-x,2011-06-01T00:00:00Z,10\n");
		ListAppender<ILoggingEvent> everything = new ListAppender<>();
		everything.start();
		root().addAppender(everything);
		try {
			for (String accept : new String[] { "text/csv", "application/x-ndjson" }) {
				everything.list.clear();
				HardeningTests.Multipart upload = HardeningTests.multipart("orders", orders.toString());
				String response = rawPost("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z", accept, upload);
				assertThat(response).as(accept).startsWith("HTTP/1.1 200 ").contains("Transfer-Encoding: chunked");
				Chunked body = Chunked.decode(response.substring(response.indexOf("\r\n\r\n") + 4));
				assertThat(body.text()).as(accept).contains("c-0").doesNotContain(last, "about:blank", "\"title\"");
				assertThat(body.ended()).as(accept + ": the answer must not end as a whole one").isFalse();
				assertEveryRowWhole(accept, body.text(), 2_000);
				await().atMost(Duration.ofSeconds(10)).until(() -> List.copyOf(everything.list).stream()
					.anyMatch((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)));
				assertThat(List.copyOf(everything.list)).as(accept)
					.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
					.singleElement()
					.satisfies((event) -> {
						assertThat(event.getLevel()).isEqualTo(level);
						assertThat(event.getFormattedMessage()).contains(logged).contains(accept);
						assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
					});
			}
		}
		finally {
			root().detachAppender(everything);
		}
		assertThat(new LiveHttp(this.port).answersAGoodRequest()).isTrue();
	}

	/**
	 * The rows of an answer cut short: one for each of the {@code decided} customers decided before
	 * the failure ({@code c-0} on), each whole, the last one too. They were lost as long as they
	 * sat in the controller's output buffer, and the last one sent could be cut in the middle.
	 */
	private static void assertEveryRowWhole(String accept, String text, int decided) throws IOException {
		assertThat(text).as(accept + ": the last row must be whole").endsWith("\n");
		List<String> ids = new ArrayList<>();
		if (accept.equals("text/csv")) {
			assertThat(text).startsWith("customer_id,persona,segments,actions\n");
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(text))) {
				assertThat(row.size()).as(accept + " row " + row.getRecordNumber()).isEqualTo(4);
				ids.add(row.get("customer_id"));
			}
		}
		else {
			for (String line : text.split("\n")) {
				JsonNode decision = LiveHttp.JSON.readTree(line);
				assertThat(decision.has("persona")).as(accept + ": " + LiveHttp.abbreviate(line)).isTrue();
				ids.add(decision.path("customerId").asString());
			}
		}
		assertThat(ids).as(accept)
			.containsExactlyInAnyOrderElementsOf(IntStream.range(0, decided).mapToObj((i) -> "c-" + i).toList());
	}

	/** Everything the service sends until it closes the connection, as ISO-8859-1 text. */
	private String rawPost(String path, String accept, HardeningTests.Multipart upload) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(60_000);
			// Closed after the answer, so that everything sent can be read to the end of the stream.
			socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: " + accept
					+ "\r\nContent-Type: " + upload.contentType() + "\r\nContent-Length: " + upload.bytes().length + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().write(upload.bytes());
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/** A chunked body as received, and whether it came to its last (empty) chunk. */
	record Chunked(String text, boolean ended) {

		static Chunked decode(String raw) {
			StringBuilder text = new StringBuilder();
			int at = 0;
			while (true) {
				int line = raw.indexOf("\r\n", at);
				if (line < 0) {
					return new Chunked(text.toString(), false);
				}
				int size = Integer.parseInt(raw.substring(at, line).strip(), 16);
				if (size == 0) {
					return new Chunked(text.toString(), raw.startsWith("\r\n", line + 2));
				}
				int end = line + 2 + size;
				text.append(raw, line + 2, Math.min(end, raw.length()));
				if (end + 2 > raw.length()) {
					return new Chunked(text.toString(), false);
				}
				at = end + 2;
			}
		}

	}

	@Test
	void pooledSessionsDecideAsBeforeAfterATimeout() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		String before = decideExample(http);
		for (int i = 0; i < 3; i++) {
			assertThat(decide("crawl-50").statusCode()).isEqualTo(503);
			// More than the pool holds, so that every pooled session has been halted once.
			for (int j = 0; j < 4; j++) {
				assertThat(decideExample(http)).isEqualTo(before);
			}
		}
	}

	@Test
	void ruleSetThatLoopsIsA500ProblemNamingItsVersionTheCustomerAndTheLoopingRule() throws Exception {
		HttpResponse<String> response = decide("loop");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(LiveHttp.problemFaults(response)).isEmpty();
		JsonNode problem = LiveHttp.JSON.readTree(response.body());
		String version = problem.path("ruleSetVersion").asString();
		assertThat(version).isNotBlank();
		assertThat(problem.path("type").asString()).isEqualTo("urn:persona-engine:problem:rules-did-not-settle");
		assertThat(problem.path("detail").asString()).startsWith("rule set " + version + " did not settle for customer loop:"
				+ " rules matching no customer fired 1,001 times, more than the 1,000 allowed for 1 customer; rule"
				+ " \"TestLoopsForever\" (slow.drl:" + SlowRules.line("TestLoopsForever") + "), which fired 1,001 of those times,");
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).contains(version, "customer loop", "\"TestLoopsForever\"");
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
		assertThat(new LiveHttp(this.port).answersAGoodRequest()).isTrue();
	}

	/**
	 * The rule a loop is blamed on is found by running the customer's rules again, following what
	 * each firing derived from: a recount held to the request's bound as well. Here the rules reach
	 * the firing limit in milliseconds, then each firing takes 10 ms, so only that recount crawls:
	 * about 10 s run to its end. Stopped at the bound, it names the rule that fired most for the
	 * customer, saying that it only fired most: what the recount would have named is not known.
	 * Repeated, as a rerun in the same JVM repeats it: each starts with the customer's firings
	 * uncounted, or the rules would crawl from the first firing and time out instead.
	 */
	@RepeatedTest(2)
	void loopingRuleInARequestIsNamedWithinItsDeadline() throws Exception {
		SlowRules.uncounted("recount-10");
		long start = System.nanoTime();
		HttpResponse<String> response = decide("recount-10");
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		JsonNode problem = LiveHttp.JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:persona-engine:problem:rules-did-not-settle");
		assertThat(problem.path("detail").asString()).contains("did not settle for customer recount-10: ",
				"rule \"TestLoopsSlowerPastTheLimit\" (slow.drl:" + SlowRules.line("TestLoopsSlowerPastTheLimit")
						+ ") fired most (",
				" of those times; finding the rule that re-triggers itself was stopped at the time bound)");
		// The bound is 1 s; the rest is a margin for a loaded machine, well short of the recount's 10 s.
		assertThat(millis).as("answered after %d ms", millis).isLessThan(5_000);
	}

	/** It was titled "Internal error", while its type, about:blank, asks for the status phrase. */
	@Test
	void ruleThatThrowsIsA500ProblemTitledWithItsStatus() throws Exception {
		HttpResponse<String> response = decide("throw");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(LiveHttp.problemFaults(response)).isEmpty();
		JsonNode problem = LiveHttp.JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("about:blank");
		assertThat(problem.path("title").asString()).isEqualTo("Internal Server Error");
		assertThat(this.logged.list).singleElement().satisfies((event) -> assertThat(event.getLevel()).isEqualTo(Level.ERROR));
		assertThat(new LiveHttp(this.port).answersAGoodRequest()).isTrue();
	}

	/**
	 * A rule that throws is a fault of the live rules, for an operator to fix in {@code rules/}, as
	 * a rule set that loops is: one line at ERROR naming the rule set, the rule with its file and
	 * line, and why, as a streamed segmentation logs it. It was "Decision failed" with the stack
	 * trace of Drools' ConsequenceException, which names no file.
	 */
	@Test
	void ruleThatThrowsIsLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace() throws Exception {
		assertLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace("throw", "TestThrows",
				"IllegalStateException: thrown by a rule for tests");
	}

	/**
	 * A then part that calls itself without end overflows the stack, an Error Drools does not wrap:
	 * it was logged as a bug of the service, "Decision failed: POST /api/v1/decisions" with a
	 * thousand lines of stack trace and no rule named. Now said as any rule that throws, and a
	 * good request is still answered.
	 */
	@Test
	void ruleThatCallsItselfWithoutEndIsLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace() throws Exception {
		assertLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace("recurse", "TestCallsItselfWithoutEnd",
				EndlessRecursion.SAID);
	}

	/**
	 * A decision, a batch and a segmentation of a customer {@code prefix}-1, -2 and -3, for whom
	 * {@code rule} fails in its then part: each a 500 problem, logged in one line at ERROR naming
	 * the rule set, the rule with its file and line, and {@code why}.
	 */
	private void assertLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace(String prefix, String rule, String why)
			throws Exception {
		String version = this.rules.current().version();
		HardeningTests.Multipart upload = HardeningTests.multipart("orders",
				"customer_id,order_id,placed_at,total\nc-1,o-1,2011-01-01T00:00:00Z,10\n" + prefix
						+ "-3,o-2,2011-01-01T00:00:00Z,10\n");
		LiveHttp http = new LiveHttp(this.port);
		List<HttpRequest> requests = List.of(json("/api/v1/decisions", "{\"customerId\":\"" + prefix + "-1\"}"),
				json("/api/v1/decisions/batch",
						"{\"customers\":[{\"customerId\":\"c-1\"},{\"customerId\":\"" + prefix + "-2\"}]}"),
				http.request("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z")
					.header("Content-Type", upload.contentType())
					.POST(BodyPublishers.ofByteArray(upload.bytes()))
					.build());
		ListAppender<ILoggingEvent> everything = new ListAppender<>();
		everything.start();
		root().addAppender(everything);
		try {
			for (HttpRequest request : requests) {
				everything.list.clear();
				HttpResponse<String> response = http.send(request);
				String path = request.uri().getPath();
				assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(500);
				assertThat(LiveHttp.problemFaults(response)).as(path).isEmpty();
				assertThat(List.copyOf(everything.list)).as(path)
					.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
					.singleElement()
					.satisfies((event) -> {
						assertThat(event.getLevel()).isEqualTo(Level.ERROR);
						assertThat(event.getFormattedMessage()).startsWith("Decision failed: rule set " + version + " failed: ")
							.contains("slow.drl:" + SlowRules.line(rule) + ": rule \"" + rule + "\" failed in its then part")
							.endsWith(": " + why)
							.doesNotContain("\n");
						assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
					});
				if (path.equals("/api/v1/decisions")) {
					assertThat(everything.list).as("one customer is named, not counted")
						.anySatisfy((event) -> assertThat(event.getFormattedMessage())
							.contains("failed in its then part while deciding customer " + prefix + "-1: "));
				}
			}
		}
		finally {
			root().detachAppender(everything);
		}
		assertThat(http.answersAGoodRequest()).isTrue();
	}

	/** An eval that throws was logged as a bug of the service, "Decision failed" with Drools' stack trace and no rule. */
	@Test
	void ruleThatThrowsInAnEvalIsLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace() throws Exception {
		HttpResponse<String> response = decide("evalthrow-1");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).startsWith("Decision failed: rule set " + this.rules.current().version() + " failed: ")
				.contains("slow.drl:" + SlowRules.line("TestThrowsInAnEval") + ": rule \"TestThrowsInAnEval\" failed in its eval "
						+ "while deciding customer evalthrow-1: StringIndexOutOfBoundsException");
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
	}

	/**
	 * MVEL runs a {@code from} and wraps what it throws, an Error too, in an exception that names no
	 * rule: it was logged as a bug of the service, "Decision failed" with its stack trace.
	 */
	@Test
	void fromThatCallsAFunctionThrowingAnErrorIsLoggedInOneErrorLineNamingTheRuleWithoutAStackTrace() throws Exception {
		HttpResponse<String> response = decide("fromassert-1");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(LiveHttp.problemFaults(response)).isEmpty();
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).isEqualTo("Decision failed: rule set " + this.rules.current().version()
					+ " failed: slow.drl:" + SlowRules.line("TestAssertsInAFrom") + ": rule \"TestAssertsInAFrom\" failed in its "
					+ "from while deciding customer fromassert-1: AssertionError: asserted for fromassert-1");
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
		assertThat(new LiveHttp(this.port).answersAGoodRequest()).isTrue();
	}

	/**
	 * A rule that throws in a batch is named with the first customer of the request it throws for,
	 * as a segmentation names it: Drools names only the one it happened to fire for first. It said
	 * "while deciding 3 customers".
	 */
	@Test
	void ruleThatThrowsInABatchIsLoggedNamingTheFirstCustomerItThrowsFor() throws Exception {
		HttpResponse<String> response = new LiveHttp(this.port).send(json("/api/v1/decisions/batch",
				"{\"customers\":[{\"customerId\":\"c-1\"},{\"customerId\":\"throw-2\"},{\"customerId\":\"throw-3\"}]}"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(this.logged.list).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage()).contains("slow.drl:" + SlowRules.line("TestThrows")
					+ ": rule \"TestThrows\" failed in its then part while deciding customer throw-2: IllegalStateException"));
	}

	/**
	 * A line break in a customer id ended the logged line, and what followed it could pass for a
	 * line of its own: such an id is refused now before any rule runs. A backslash, which an id may
	 * hold, is doubled in the line, so that {@code throw\n1} written out cannot pass for an escaped
	 * line break.
	 */
	@Test
	void customerIdWithALineBreakIsRefusedAndOneWithABackslashIsLoggedWithItDoubled() throws Exception {
		HttpResponse<String> refused = decide("throw\\n1");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		HttpResponse<String> response = decide("throw\\\\n1");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		HttpResponse<String> batch = new LiveHttp(this.port).send(json("/api/v1/decisions/batch",
				"{\"customers\":[{\"customerId\":\"c-1\"},{\"customerId\":\"throw\\\\n2\"}]}"));
		assertThat(batch.statusCode()).as(batch.body()).isEqualTo(500);
		assertThat(this.logged.list).extracting(ILoggingEvent::getFormattedMessage)
			.satisfiesExactly(
					(alone) -> assertThat(alone).contains("in its then part while deciding customer throw\\\\n1: "),
					(inABatch) -> assertThat(inABatch).contains("in its then part while deciding customer throw\\\\n2: "));
	}

	/**
	 * That customer is found by deciding each alone again, within the request's bound: here the
	 * rule throws for the batch before any other rule fires, but crawl-10 alone crawls to the
	 * firing limit, about 10 s. Past the bound, the rule is named without a customer.
	 */
	@Test
	void ruleThatThrowsInABatchIsNamedWithinTheRequestsBoundWhenFindingItsCustomerTakesLonger() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = new LiveHttp(this.port).send(json("/api/v1/decisions/batch",
				"{\"customers\":[{\"customerId\":\"crawl-10\"},{\"customerId\":\"throw-4\"}]}"));
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(this.logged.list).singleElement()
			.satisfies((event) -> assertThat(event.getFormattedMessage())
				.contains(": rule \"TestThrows\" failed in its then part while deciding 2 customers: IllegalStateException"));
		// The bound is 1 s; the rest is a margin for a loaded machine, well short of crawl-10's 10 s alone.
		assertThat(millis).as("answered after %d ms", millis).isLessThan(5_000);
	}

	/**
	 * A fresh JVM on a loaded machine can take longer than the bound for a first decision by
	 * itself (classes loaded, code not yet compiled). So every rule the tests fire, the example
	 * customer's and those of {@link SlowRules}, is run straight through the engine, where no bound
	 * applies (the crawl with one of its own); then the whole HTTP path is tried until a decision is
	 * answered within the bound, however many tries a cold JVM takes.
	 */
	private void warmUp() {
		RuleSet ruleSet = this.rules.current();
		DecisionEngine.decide(ruleSet, List.of(facts(ruleSet, this.json.readValue(DecisionController.EXAMPLE, CustomerInput.class)),
				facts(ruleSet, customer("slow-1"))));
		assertThatExceptionOfType(RulesDidNotSettleException.class)
			.isThrownBy(() -> DecisionEngine.decide(ruleSet, List.of(facts(ruleSet, customer("loop")))));
		assertThatExceptionOfType(DecisionTimeoutException.class).isThrownBy(() -> DecisionEngine.decide(ruleSet,
				List.of(facts(ruleSet, customer("crawl-1"))), Deadline.in(Duration.ofMillis(20))));
		LiveHttp http = new LiveHttp(this.port);
		await().atMost(Duration.ofMinutes(2)).until(http::answersAGoodRequest);
	}

	private static CustomerInput customer(String id) {
		return new CustomerInput(id, null, null, null, null, null);
	}

	private static CustomerFacts facts(RuleSet ruleSet, CustomerInput customer) {
		return FactDeriver.derive(customer, ruleSet.thresholds(), Instant.now());
	}

	private void assertTimedOut(HttpResponse<String> response, String customers) {
		assertTimedOut(response, customers, 1);
	}

	private void assertTimedOut(HttpResponse<String> response, String customers, long boundSeconds) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(LiveHttp.problemFaults(response)).isEmpty();
		JsonNode problem = LiveHttp.JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:persona-engine:problem:decision-timeout");
		assertThat(problem.path("detail").asString()).startsWith("rule set " + problem.path("ruleSetVersion").asString()
				+ " did not finish deciding " + customers + " within " + boundSeconds + " s");
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
	}

	private HttpResponse<String> decide(String customerId) throws Exception {
		return new LiveHttp(this.port).send(json("/api/v1/decisions", "{\"customerId\":\"" + customerId + "\"}"));
	}

	private String decideExample(LiveHttp http) throws Exception {
		HttpResponse<String> response = http.send(json("/api/v1/decisions", DecisionController.EXAMPLE));
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private HttpRequest json(String path, String body) {
		return new LiveHttp(this.port).request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	private static Logger handlerLog() {
		return (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
	}

}
