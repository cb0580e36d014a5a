package io.personaengine.api;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every bad input the hardening issue lists, and more, sent over real HTTP to the whole service
 * with the shipped rules: each must be answered with the right 4xx and an RFC 9457 problem
 * naming the field and the reason, never a 5xx, never a stack trace, never logged as an error;
 * and the service must answer a good request after each. The summary goes to the log and to
 * {@code target/hardening-summary.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.rules.watch=false", "persona.admin.enabled=true", "persona.admin.username=ops",
				"persona.admin.password=hardening-test-password" })
class HardeningTests {

	static final org.slf4j.Logger log = LoggerFactory.getLogger(HardeningTests.class);

	static final String AT = "2026-10-01T00:00:00Z";

	static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@LocalServerPort
	int port;

	@BeforeAll
	static void startListening() {
		logged.start();
	}

	/**
	 * Before each test, not once: Boot resets logback when the first context of the JVM starts,
	 * after {@code @BeforeAll}, which took an appender added there off the root logger.
	 */
	@BeforeEach
	void listenToTheLog() {
		root().detachAppender(logged);
		root().addAppender(logged);
	}

	@AfterAll
	static void stopListening() {
		root().detachAppender(logged);
	}

	@Test
	void everyBadInputIsAProblemAndTheServiceAnswersAGoodRequestAfterEach() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		assertThat(http.answersAGoodRequest()).as("good request before the bad ones").isTrue();
		logged.list.clear();
		List<String> failures = new ArrayList<>();
		int tried = 0;
		int rightProblem = 0;
		int serverErrors = 0;
		int answeredAfter = 0;
		for (BadInput bad : badInputs()) {
			tried++;
			HttpResponse<String> response = http.send(bad.request().apply(http));
			List<String> faults = new ArrayList<>(LiveHttp.problemFaults(response));
			if (response.statusCode() >= 500) {
				serverErrors++;
			}
			if (response.statusCode() != bad.status()) {
				faults.add("status " + response.statusCode() + ", expected " + bad.status());
			}
			if (faults.isEmpty() && !names(response, bad.field(), bad.reason())) {
				faults.add("no error with field '" + bad.field() + "' and a reason containing '" + bad.reason() + "'");
			}
			if (faults.isEmpty()) {
				rightProblem++;
			}
			else {
				failures.add(bad.name() + ": " + faults + " " + LiveHttp.abbreviate(response.body()));
			}
			if (http.answersAGoodRequest()) {
				answeredAfter++;
			}
			else {
				failures.add(bad.name() + ": no answer to the good request after it");
			}
		}
		// Refused admin credentials are the one bad input logged on purpose: a sign of someone guessing the password.
		List<String> loggedAsErrors = logged.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.filter((event) -> !(event.getLoggerName().equals(ApiSecurity.class.getName())
					&& event.getFormattedMessage().startsWith("Admin credentials refused: ")))
			.map((event) -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
			.toList();
		String summary = tried + " bad inputs tried, " + rightProblem + " answered with the right 4xx and a problem body naming "
				+ "the field, " + serverErrors + " 5xx, good request answered after " + answeredAfter + " of " + tried + ", "
				+ loggedAsErrors.size() + " logged at WARN or ERROR";
		log.info("Hardening summary: {}", summary);
		Files.writeString(Path.of("target", "hardening-summary.txt"), summary + "\n"
				+ String.join("\n", failures) + (failures.isEmpty() ? "" : "\n") + String.join("\n", loggedAsErrors));
		assertThat(failures).as(summary).isEmpty();
		assertThat(loggedAsErrors).as(summary).isEmpty();
		assertThat(serverErrors).isZero();
		assertThat(rightProblem).isEqualTo(tried);
		assertThat(answeredAfter).isEqualTo(tried);
		assertThat(tried).isGreaterThanOrEqualTo(100);
	}

	@Test
	void aClientThatPrefersProblemsStillGetsItsDecisionAndSegmentationAsJson() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		HttpResponse<String> response = http.send(http.request("/api/v1/decisions").header("Content-Type", "application/json")
			.header("Accept", "application/problem+json, application/json")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).contains("\"persona\"");
		Multipart orders = multipart("orders", ORDERS_CSV);
		HttpResponse<String> segmentation = http.send(http.request("/api/v1/segmentations")
			.header("Content-Type", orders.contentType())
			.header("Accept", "application/problem+json, application/json")
			.POST(BodyPublishers.ofByteArray(orders.bytes()))
			.build());
		assertThat(segmentation.statusCode()).isEqualTo(200);
		assertThat(segmentation.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(segmentation.body()).contains("\"personas\"");
	}

	@Test
	void aRefusedAcceptOffersOnlyTheTypeAnAnswerComesIn() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		for (String accept : new String[] { "text/html", "application/problem+json" }) {
			HttpResponse<String> response = http.send(http.request("/api/v1/decisions").header("Content-Type", "application/json")
				.header("Accept", accept)
				.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
				.build());
			assertThat(response.statusCode()).as(accept).isEqualTo(406);
			assertThat(response.headers().firstValue("Accept")).as(accept).hasValue("application/json");
			JsonNode problem = LiveHttp.JSON.readTree(response.body());
			assertThat(problem.path("detail").asString()).as(accept)
				.isEqualTo("Accept: this endpoint answers application/json (or application/problem+json)");
			assertThat(problem.path("errors").get(0).path("reason").asString()).as(accept)
				.isEqualTo("this endpoint answers application/json (or application/problem+json)");
		}
	}

	/**
	 * RFC 9110 (12.5.1) reads q=0 as "not acceptable". Spring MVC matches a type by compatibility
	 * alone, so each of these was answered JSON; a client that takes problems still gets the 400 of a
	 * bad request.
	 */
	@Test
	void jsonRefusedAtQualityZeroIsA406OnEveryEndpoint() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		String campaign = "{\"segment\":\"ONE_HIT_WONDER\",\"delivered\":10000,\"opens\":1200,\"unsubscribes\":20,"
				+ "\"spamComplaints\":3}";
		for (String accept : new String[] { "application/json;q=0", "*/*;q=0", "application/json;q=0, */*",
				"application/json;q=0, application/problem+json" }) {
			for (HttpRequest request : new HttpRequest[] {
					http.request("/api/v1/decisions").header("Content-Type", "application/json").header("Accept", accept)
						.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build(),
					http.request("/api/v1/decisions/batch").header("Content-Type", "application/json").header("Accept", accept)
						.POST(BodyPublishers.ofString("{\"customers\":[" + DecisionController.EXAMPLE + "]}")).build(),
					http.request("/api/v1/campaigns/health").header("Content-Type", "application/json").header("Accept", accept)
						.POST(BodyPublishers.ofString(campaign)).build(),
					http.request("/api/v1/personas").header("Accept", accept).GET().build(),
					http.request("/api/v1/segments").header("Accept", accept).GET().build(),
					http.request("/api/v1/rules").header("Accept", accept).GET().build() }) {
				String name = request.uri().getPath() + " with Accept " + accept;
				HttpResponse<String> response = http.send(request);
				assertThat(response.statusCode()).as(name).isEqualTo(406);
				assertThat(LiveHttp.problemFaults(response)).as(name).isEmpty();
				assertThat(response.headers().firstValue("Accept")).as(name).hasValue("application/json");
			}
		}
		HttpResponse<String> bad = http.send(http.request("/api/v1/decisions").header("Content-Type", "application/json")
			.header("Accept", "application/json;q=0, */*")
			.POST(BodyPublishers.ofString("{\"customerId\":\"\"}"))
			.build());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(LiveHttp.JSON.readTree(bad.body()).at("/errors/0/field").asString()).isEqualTo("customerId");
		HttpResponse<String> low = http.send(http.request("/api/v1/personas").header("Accept", "application/json;q=0.1").GET().build());
		assertThat(low.statusCode()).isEqualTo(200);
	}

	/**
	 * Spring MVC's own 405, 406 and 415 left out the type; the problems written before Spring MVC
	 * (401, the firewall's 400) left out the instance. RFC 9457 reads no type as about:blank, whose
	 * title is the status phrase: a failure of the service was titled "Internal error".
	 */
	@Test
	void everyKindOfProblemNamesItsTypeAndInstance() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		record Refused(HttpRequest request, int status, String type, String title, String instance) {
		}
		String json = "application/json";
		for (Refused refused : new Refused[] {
				new Refused(http.request("/api/v1/decisions").GET().build(), 405, "about:blank", "Method Not Allowed",
						"/api/v1/decisions"),
				new Refused(http.request("/api/v1/decisions").header("Content-Type", json).header("Accept", "text/html")
					.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build(), 406, "about:blank", "Not Acceptable",
						"/api/v1/decisions"),
				new Refused(http.request("/api/v1/decisions").header("Content-Type", "text/plain")
					.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build(), 415, "about:blank",
						"Unsupported Media Type", "/api/v1/decisions"),
				new Refused(http.request("/api/v1/rules/reload").POST(BodyPublishers.noBody()).build(), 401, "about:blank",
						"Unauthorized", "/api/v1/rules/reload"),
				new Refused(http.request("/api/v1/personas;jsessionid=abc").GET().build(), 400,
						"urn:persona-engine:problem:invalid-input", "Invalid input", "/api/v1/personas;jsessionid=abc"),
				new Refused(http.request("/api/v1/personas").header("Accept", "NaN").GET().build(), 400,
						"urn:persona-engine:problem:invalid-input", "Invalid input", "/api/v1/personas"),
				new Refused(http.request(FailingFilter.PATH).GET().build(), 500, "about:blank", "Internal Server Error",
						FailingFilter.PATH) }) {
			HttpResponse<String> response = http.send(refused.request());
			String name = refused.request().method() + " " + refused.instance() + " " + refused.status();
			assertThat(response.statusCode()).as(name).isEqualTo(refused.status());
			assertThat(LiveHttp.problemFaults(response)).as(name).isEmpty();
			JsonNode problem = LiveHttp.JSON.readTree(response.body());
			assertThat(problem.path("type").asString()).as(name).isEqualTo(refused.type());
			assertThat(problem.path("title").asString()).as(name).isEqualTo(refused.title());
			assertThat(problem.path("instance").asString()).as(name).isEqualTo(refused.instance());
		}
	}

	/**
	 * Spring MVC's own problems kept Spring's detail beside our errors: "Method 'DELETE' is not
	 * supported." without what is, "Acceptable representations: [application/json]." The detail
	 * says every error in one sentence, as for the problems of ours.
	 */
	@Test
	void springsOwnProblemsSayInTheirDetailWhatTheirErrorsSay() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		for (HttpRequest request : new HttpRequest[] { http.request("/api/v1/personas").DELETE().build(),
				http.request("/api/v1/decisions").GET().build(),
				http.request("/api/v1/decisions").header("Content-Type", "application/json").header("Accept", "text/html")
					.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build(),
				http.request("/api/v1/decisions").header("Content-Type", "text/plain")
					.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build() }) {
			HttpResponse<String> response = http.send(request);
			String name = request.method() + " " + request.uri().getPath() + " " + response.statusCode();
			assertThat(response.statusCode()).as(name).isIn(405, 406, 415);
			JsonNode problem = LiveHttp.JSON.readTree(response.body());
			JsonNode error = problem.path("errors").get(0);
			assertThat(problem.path("detail").asString()).as(name)
				.isEqualTo(error.path("field").asString() + ": " + error.path("reason").asString());
		}
	}

	/** A failure of the service before Spring MVC, which ProblemErrorController answers. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingFilter {

		static final String PATH = "/api/v1/test-failure";

		@Bean
		FilterRegistrationBean<Filter> failingFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				throw new IllegalStateException("a failure of the service, for HardeningTests");
			});
			registration.addUrlPatterns(PATH);
			return registration;
		}

	}

	@Test
	void traceIsRefusedWithTheMethodsOfItsPathAndAProblemType() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		for (String[] path : new String[][] { { "/api/v1/personas", "GET" }, { "/api/v1/decisions", "POST" },
				{ "/api/v1/rules/reload", "POST" } }) {
			HttpResponse<String> response = http.send(http.request(path[0]).method("TRACE", BodyPublishers.noBody()).build());
			assertThat(response.statusCode()).as(path[0]).isEqualTo(405);
			assertThat(response.headers().allValues("Allow")).as(path[0]).containsExactly(path[1]);
			JsonNode problem = LiveHttp.JSON.readTree(response.body());
			assertThat(problem.path("type").asString()).as(path[0]).isEqualTo("about:blank");
			assertThat(problem.path("errors").get(0).path("reason").asString()).as(path[0])
				.isEqualTo("'TRACE' is not supported here; use " + path[1]);
		}
		HttpResponse<String> nowhere = http.send(http.request("/api/v1/nowhere").method("TRACE", BodyPublishers.noBody()).build());
		assertThat(nowhere.statusCode()).as("a path without endpoints, as for any other method").isEqualTo(404);
		assertThat(nowhere.headers().allValues("Allow")).as("no methods to name on a path without endpoints").isEmpty();
		assertThat(LiveHttp.problemFaults(nowhere)).isEmpty();
		assertThat(LiveHttp.JSON.readTree(nowhere.body()).path("type").asString()).isEqualTo("about:blank");
	}

	/**
	 * Spring MVC matches no path with a trailing slash to the endpoint without it: the 404's detail
	 * said "No static resource api/v1/decisions.", which told an integrator nothing. Now it says
	 * that the path is no endpoint and, when it is so, that the path without the slash is one; for
	 * TRACE too, which Tomcat refuses before Spring MVC runs.
	 */
	@Test
	void pathWithATrailingSlashIsA404SayingItIsNoEndpointAndThatThePathWithoutItIs() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		Map<HttpRequest, String> details = new LinkedHashMap<>();
		details.put(http.request("/api/v1/decisions/").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build(),
				"path: no endpoint at /api/v1/decisions/; /api/v1/decisions, without the trailing slash, is one");
		details.put(http.request("/api/v1/personas/").GET().build(),
				"path: no endpoint at /api/v1/personas/; /api/v1/personas, without the trailing slash, is one");
		details.put(http.request("/api/v1/decisions/batch/").GET().build(),
				"path: no endpoint at /api/v1/decisions/batch/; /api/v1/decisions/batch, without the trailing slash, is one");
		details.put(http.request("/api/v1/personas/").method("TRACE", BodyPublishers.noBody()).build(),
				"path: no endpoint at /api/v1/personas/; /api/v1/personas, without the trailing slash, is one");
		details.put(http.request("/api/v1/nowhere/").GET().build(), "path: no endpoint at /api/v1/nowhere/");
		details.put(http.request("/api/v1/decisionz").GET().build(), "path: no endpoint at /api/v1/decisionz");
		details.put(http.request("/error/").GET().build(), "path: no endpoint at /error/");
		for (Map.Entry<HttpRequest, String> expected : details.entrySet()) {
			HttpResponse<String> response = http.send(expected.getKey());
			String what = expected.getKey().method() + " " + expected.getKey().uri().getPath();
			assertThat(response.statusCode()).as(what).isEqualTo(404);
			assertThat(LiveHttp.problemFaults(response)).as(what).isEmpty();
			JsonNode problem = LiveHttp.JSON.readTree(response.body());
			assertThat(problem.path("detail").asString()).as(what).isEqualTo(expected.getValue());
			assertThat(problem.path("errors").get(0).path("field").asString()).as(what).isEqualTo("path");
			assertThat("path: " + problem.path("errors").get(0).path("reason").asString()).as(what)
				.isEqualTo(expected.getValue());
		}
	}

	/**
	 * Tomcat refuses TRACE before any servlet runs; the answer must still be what another refused
	 * method gets on the same path. It was a 404 on Swagger UI's files (PUT: a 405 with GET, HEAD)
	 * and a 405 with every method on the error path (PUT: a 404).
	 */
	@Test
	void traceIsAnsweredAsAnotherRefusedMethodOnEveryKindOfPath() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		assertThat(http.send(http.request("/swagger-ui/index.html").GET().build()).statusCode()).isEqualTo(200);
		for (String path : new String[] { "/swagger-ui/index.html", "/swagger-ui/nothing-here.js", "/swagger-ui.html",
				"/v3/api-docs", "/error", "/", "/api/v1/nowhere", "/api/v1/personas", "/api/v1/decisions/batch",
				"/actuator/health", "/actuator/nothing" }) {
			HttpResponse<String> put = http.send(http.request(path).PUT(BodyPublishers.noBody()).build());
			HttpResponse<String> trace = http.send(http.request(path).method("TRACE", BodyPublishers.noBody()).build());
			assertThat(trace.statusCode()).as(path).isEqualTo(put.statusCode()).isIn(404, 405);
			assertThat(trace.headers().allValues("Allow")).as(path).isEqualTo(put.headers().allValues("Allow"));
			assertThat(LiveHttp.problemFaults(trace)).as(path).isEmpty();
		}
		HttpResponse<String> file = http.send(http.request("/swagger-ui/index.html").method("TRACE", BodyPublishers.noBody())
			.build());
		assertThat(file.statusCode()).isEqualTo(405);
		assertThat(file.headers().firstValue("Allow")).hasValue("GET, HEAD");
		assertThat(LiveHttp.JSON.readTree(file.body()).path("errors").get(0).path("reason").asString())
			.isEqualTo("'TRACE' is not supported here; use GET, HEAD");
		HttpResponse<String> error = http.send(http.request("/error").method("TRACE", BodyPublishers.noBody()).build());
		assertThat(error.statusCode()).isEqualTo(404);
		assertThat(LiveHttp.JSON.readTree(error.body()).path("errors").get(0).path("reason").asString())
			.isEqualTo("no endpoint at /error");
	}

	/**
	 * Spring Security's firewall refuses a header only when it is read: by a filter (X-API-Key) or by
	 * a controller (Accept-Language). A C1 control character is sent as the byte itself, which
	 * Tomcat lets through and Java's HTTP client cannot send.
	 */
	@Test
	void aControlCharacterInAHeaderIsA400ProblemNamingTheHeaderWhoeverReadsIt() throws Exception {
		logged.list.clear();
		for (String header : new String[] { "X-API-Key", "Accept-Language" }) {
			String response = rawGet("/api/v1/personas", header + ": sv\u0085");
			assertThat(response).as(header).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json");
			// The body may come in a chunk: the problem is what lies between its braces.
			String body = response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1);
			JsonNode error = LiveHttp.JSON.readTree(body).path("errors").get(0);
			assertThat(error.path("field").asString()).as(header).isEqualTo(header);
			assertThat(error.path("reason").asString()).as(header).contains("characters that are not allowed");
		}
		assertThat(logged.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
	}

	/**
	 * A POST without its JSON body (none, only spaces, or JSON null) was told "body: the request
	 * body is missing or is not JSON", the detail naming a field that errors called "". Every
	 * endpoint that reads a JSON body, found from Spring MVC's own mappings so that a new one is not
	 * forgotten, says the body is missing and what to send, the detail saying just that.
	 */
	@Test
	void aPostWithoutItsJsonBodyIsToldTheBodyIsMissingAndWhatToSend(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		List<String> paths = mappings.getHandlerMethods().entrySet().stream()
			.filter((mapping) -> Arrays.stream(mapping.getValue().getMethodParameters())
				.anyMatch((parameter) -> parameter.hasParameterAnnotation(RequestBody.class)))
			.flatMap((mapping) -> mapping.getKey().getPatternValues().stream())
			.sorted()
			.toList();
		assertThat(paths).containsExactly("/api/v1/campaigns/health", "/api/v1/decisions", "/api/v1/decisions/batch");
		for (String path : paths) {
			for (String[] sent : new String[][] { { "", "missing" }, { " \n ", "missing" }, { "null", "null" } }) {
				HttpResponse<String> response = http.send(http.request(path).header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString(sent[0]))
					.build());
				String name = path + " with the body '" + sent[0] + "'";
				assertThat(response.statusCode()).as(name).isEqualTo(400);
				assertThat(LiveHttp.problemFaults(response)).as(name).isEmpty();
				JsonNode problem = LiveHttp.JSON.readTree(response.body());
				JsonNode error = problem.path("errors").get(0);
				assertThat(error.path("field").asString()).as(name).isEmpty();
				assertThat(error.path("reason").asString()).as(name)
					.startsWith("the request body is " + sent[1] + ": send ")
					.contains(" as a JSON object, such as {");
				assertThat(problem.path("detail").asString()).as(name).isEqualTo(error.path("reason").asString());
			}
		}
		assertThat(LiveHttp.JSON.readTree(http.send(http.request("/api/v1/decisions").header("Content-Type", "application/json")
			.POST(BodyPublishers.noBody())
			.build()).body()).path("detail").asString())
			.isEqualTo("the request body is missing: send one customer as a JSON object, such as {\"customerId\":\"c-1\"}");
	}

	/**
	 * JSON has no charset (RFC 8259, section 11) and every answer is UTF-8. A charset asked for in
	 * Accept that JSON cannot be written in (UTF-16, ISO-8859-1) was a 500 "Failed to write
	 * request", logged nowhere, after the decision was made; US-ASCII labelled UTF-8 bytes as
	 * ASCII. The charset is ignored: the answer is the one without it.
	 */
	@Test
	void aCharsetAskedForInAcceptIsIgnoredAndTheAnswerIsUtf8() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		logged.list.clear();
		for (String charset : new String[] { "utf-16", "iso-8859-1", "windows-1252", "us-ascii", "utf-8" }) {
			String accept = "application/json; charset=" + charset;
			for (HttpRequest request : new HttpRequest[] {
					http.request("/api/v1/decisions").header("Content-Type", "application/json").header("Accept", accept)
						.POST(BodyPublishers.ofString(DecisionController.EXAMPLE)).build(),
					http.request("/api/v1/campaigns/health").header("Content-Type", "application/json").header("Accept", accept)
						.POST(BodyPublishers.ofString(CampaignController.EXAMPLE)).build(),
					http.request("/api/v1/personas").header("Accept-Language", "sv").header("Accept", accept).GET().build(),
					http.request("/actuator/health").header("Accept", accept).GET().build() }) {
				String name = request.uri().getPath() + " accepting " + accept;
				HttpResponse<byte[]> response = http.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
				assertThat(response.statusCode()).as(name).isEqualTo(200);
				String type = response.headers().firstValue("Content-Type").orElse("");
				assertThat(type).as(name).matches("application/(vnd\\.spring-boot\\.actuator\\.v3\\+)?json(;charset=(?i:utf-8))?");
				assertThat(new String(response.body(), StandardCharsets.UTF_8)).as(name).doesNotContain("\uFFFD");
			}
		}
		HttpResponse<String> swedish = http.send(http.request("/api/v1/personas").header("Accept-Language", "sv")
			.header("Accept", "application/json; charset=us-ascii").GET().build());
		assertThat(swedish.body()).as("UTF-8, as the answer says").contains("Storspelare", "genomsnittligt ordervärde");
		assertThat(logged.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
	}

	/** Java's HTTP client sends a body whole: the short one goes over a socket, closed for sending after it. */
	@Test
	void bodyShorterThanItsContentLengthIsA400ProblemSayingSo() throws Exception {
		logged.list.clear();
		// Whole JSON each, so that nothing but the missing bytes is wrong with the request.
		for (String[] request : new String[][] { { "/api/v1/decisions", "{\"customerId\":\"c\"}" },
				{ "/api/v1/decisions/batch", "{\"customers\":[{\"customerId\":\"c\"}]}" } }) {
			String path = request[0];
			String response;
			try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
				socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 100\r\nConnection: close\r\n\r\n" + request[1]).getBytes(StandardCharsets.US_ASCII));
				socket.shutdownOutput();
				response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			assertThat(response).as(path).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json");
			JsonNode problem = LiveHttp.JSON.readTree(response.substring(response.indexOf('{'), response.lastIndexOf('}') + 1));
			assertThat(problem.path("type").asString()).as(path).isEqualTo("urn:persona-engine:problem:invalid-input");
			assertThat(problem.path("errors").get(0).path("field").asString()).as(path).isEmpty();
			assertThat(problem.path("errors").get(0).path("reason").asString()).as(path)
				.isEqualTo("the body ended before the 100 bytes its Content-Length announced");
		}
		assertThat(logged.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
	}

	/**
	 * A caller that hangs up in the middle of a streamed CSV segmentation is no failure of the
	 * service: it was logged at ERROR with its stack trace, and a WARN for the problem that could
	 * not be written into a CSV answer.
	 */
	@Test
	void callerHangingUpDuringAStreamedSegmentationIsNotLoggedAsAnError() throws Exception {
		Logger handler = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
		Level level = handler.getLevel();
		handler.setLevel(Level.DEBUG);
		logged.list.clear();
		try {
			StringBuilder orders = new StringBuilder("customer_id,order_id,placed_at,total\n");
			for (int i = 0; i < 60_000; i++) {
				orders.append('c').append(i).append(",o").append(i).append(",2011-06-").append(10 + i % 19)
					.append(" 12:00:00,").append(5 + i % 400).append(".50\n");
			}
			String boundary = UUID.randomUUID().toString();
			byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"orders\"; filename=\"orders.csv\"\r\n"
					+ "Content-Type: text/csv\r\n\r\n" + orders + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
			try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
				socket.setReceiveBufferSize(4096);
				socket.getOutputStream().write(("POST /api/v1/segmentations?asOf=2011-12-10T00:00:00Z HTTP/1.1\r\nHost: localhost\r\n"
						+ "Accept: text/csv\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
						+ body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().write(body);
				byte[] start = new byte[12];
				assertThat(socket.getInputStream().readNBytes(start, 0, 12)).isEqualTo(12);
				assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
				// A reset rather than a polite close: the service's next write fails at once.
				socket.setSoLinger(true, 0);
			}
			await().atMost(Duration.ofMinutes(2))
				.until(() -> List.copyOf(logged.list).stream().anyMatch((event) -> event.getLoggerName().equals(handler.getName())));
			assertThat(List.copyOf(logged.list)).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
		}
		finally {
			handler.setLevel(level);
		}
	}

	/** The whole answer to a GET with one more header line, sent as ISO-8859-1 bytes. */
	private String rawGet(String path, String headerLine) throws Exception {
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headerLine
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void actuatorExposesOnlyHealthInfoAndPrometheus() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		for (String open : new String[] { "/actuator/health", "/actuator/info", "/actuator/prometheus" }) {
			assertThat(http.send(http.request(open).GET().build()).statusCode()).as(open).isEqualTo(200);
		}
		for (String closed : new String[] { "/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/threaddump", "/actuator/loggers", "/actuator/mappings", "/actuator/shutdown" }) {
			assertThat(http.send(http.request(closed).GET().build()).statusCode()).as(closed).isEqualTo(404);
		}
	}

	static List<BadInput> badInputs() {
		List<BadInput> bad = new ArrayList<>();
		// Malformed JSON and bodies that are no customer
		decide(bad, "truncated JSON", "{\"customerId\":", "customerId", "malformed JSON");
		decide(bad, "lone brace", "{", "", "malformed JSON");
		decide(bad, "plain words", "not json at all", "", "malformed JSON");
		decide(bad, "array instead of object", "[]", "", "expected an object");
		decide(bad, "string instead of object", "\"c-1\"", "", "expected an object");
		decide(bad, "number instead of object", "42", "", "expected an object");
		decide(bad, "JSON null", "null", "", "the request body is null");
		decide(bad, "empty body", "", "", "the request body is missing");
		decide(bad, "trailing garbage", "{\"customerId\":\"c\"} {", "", "malformed JSON");
		decide(bad, "single quotes", "{'customerId':'c'}", "", "malformed JSON");
		decide(bad, "comment in JSON", "{/* hi */\"customerId\":\"c\"}", "", "malformed JSON");
		decide(bad, "duplicate key", "{\"customerId\":\"a\",\"customerId\":\"b\"}", "customerId", "duplicate property");
		decide(bad, "unknown property", "{\"customerId\":\"c\",\"appleMPP\":true}", "appleMPP", "unknown property");
		decide(bad, "arrays nested 100000 deep", "[".repeat(100_000) + "]".repeat(100_000), "", "expected an object");
		decide(bad, "objects nested 100000 deep in a property", "{\"customerId\":\"c\",\"profile\":{\"country\":"
				+ "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_001), "profile.country", "expected a string");
		decide(bad, "number with 5000 digits", "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"" + AT + "\",\"total\":"
				+ "9".repeat(5000) + "}]}", "orders[0]", "too large");
		decide(bad, "invalid UTF-8", new byte[] { '{', '"', 'c', 'u', 's', 't', 'o', 'm', 'e', 'r', 'I', 'd', '"', ':', '"',
				(byte) 0xC3, (byte) 0x28, '"', '}' }, "customerId", "malformed JSON");
		// Wrong types
		decide(bad, "customerId as number", "{\"customerId\":123}", "customerId", "expected a string");
		decide(bad, "customerId as object", "{\"customerId\":{}}", "customerId", "expected a string");
		decide(bad, "customerId as array", "{\"customerId\":[\"c\"]}", "customerId", "expected a string");
		decide(bad, "customerId as boolean", "{\"customerId\":true}", "customerId", "expected a string");
		decide(bad, "orders as object", "{\"customerId\":\"c\",\"orders\":{}}", "orders", "expected an array");
		decide(bad, "orders as string", "{\"customerId\":\"c\",\"orders\":\"o-1\"}", "orders", "expected an array");
		decide(bad, "events as number", "{\"customerId\":\"c\",\"events\":1}", "events", "expected an array");
		decide(bad, "profile as array", "{\"customerId\":\"c\",\"profile\":[]}", "profile", "expected an object");
		decide(bad, "total as string", order("\"total\":\"12.50\""), "orders[0].total", "invalid value '12.50': expected a number");
		decide(bad, "total as boolean", order("\"total\":true"), "orders[0].total", "expected a number");
		decide(bad, "consent as string", "{\"customerId\":\"c\",\"profile\":{\"emailConsent\":\"yes\"}}", "profile.emailConsent",
				"expected true or false");
		decide(bad, "consent as number", "{\"customerId\":\"c\",\"profile\":{\"smsConsent\":1}}", "profile.smsConsent",
				"expected true or false");
		decide(bad, "appleMpp as string", event("email_open", AT, ",\"appleMpp\":\"true\""), "events[0].appleMpp",
				"expected true or false");
		decide(bad, "quantity as fraction", item("\"quantity\":1.5"), "orders[0].items[0].quantity", "expected a whole number");
		decide(bad, "quantity as string", item("\"quantity\":\"2\""), "orders[0].items[0].quantity", "invalid value '2': expected a whole number");
		decide(bad, "event type as number", "{\"customerId\":\"c\",\"events\":[{\"type\":5,\"occurredAt\":\"" + AT + "\"}]}",
				"events[0].type", "expected one of");
		decide(bad, "summary count as fraction", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":2.5}}", "summary.orderCount",
				"expected a whole number");
		decide(bad, "summary count beyond int", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":99999999999}}",
				"summary.orderCount", "");
		decide(bad, "placedAt as epoch number", order("\"placedAt\":1767225600,\"total\":1", false), "orders[0].placedAt",
				"ISO-8601");
		decide(bad, "asOf as object", "{\"customerId\":\"c\",\"asOf\":{}}", "asOf", "ISO-8601");
		// Missing, empty and over-long ids
		decide(bad, "missing customerId", "{\"orders\":[]}", "customerId", "must not be blank");
		decide(bad, "empty customerId", "{\"customerId\":\"\"}", "customerId", "must not be blank");
		decide(bad, "blank customerId", "{\"customerId\":\"   \"}", "customerId", "must not be blank");
		decide(bad, "null customerId", "{\"customerId\":null}", "customerId", "must not be blank");
		decide(bad, "empty object", "{}", "customerId", "must not be blank");
		// Taken as they came: " 42" was another customer than "42", and a NUL was part of an id.
		decide(bad, "customerId with a space before it", "{\"customerId\":\" 42\"}", "customerId",
				"must not start or end with whitespace: ' 42' would be another customer than '42'");
		decide(bad, "customerId with a no-break space after it", "{\"customerId\":\"42\\u00a0\"}", "customerId",
				"must not start or end with whitespace");
		decide(bad, "customerId with a NUL", "{\"customerId\":\"4\\u00002\"}", "customerId",
				"must not contain control characters; character 2 is U+0000");
		decide(bad, "customerId with a line break", "{\"customerId\":\"c\\n1\"}", "customerId",
				"must not contain control characters; character 2 is U+000A");
		decide(bad, "customerId with a right-to-left override", "{\"customerId\":\"\u202ec-1\"}", "customerId",
				"character 1 is U+202E");
		batch(bad, "batch customer with a tab after its id", "{\"customers\":[{\"customerId\":\"c-1\"},{\"customerId\":\"c-2\\t\"}]}",
				400, "customers[1].customerId", "must not contain control characters; character 4 is U+0009");
		decide(bad, "customerId of 129 characters", "{\"customerId\":\"" + "c".repeat(129) + "\"}", "customerId", "size must be");
		decide(bad, "customerId of 1 MB", "{\"customerId\":\"" + "c".repeat(1 << 20) + "\"}", "customerId", "size must be");
		decide(bad, "order id of 129 characters", order("\"id\":\"" + "o".repeat(129) + "\",\"total\":1"), "orders[0].id",
				"size must be");
		decide(bad, "discount code of 129 characters", order("\"total\":1,\"discountCode\":\"" + "d".repeat(129) + "\""),
				"orders[0].discountCode", "size must be");
		decide(bad, "sku of 129 characters", item("\"sku\":\"" + "s".repeat(129) + "\""), "orders[0].items[0].sku", "size must be");
		decide(bad, "collection of 129 characters", item("\"collection\":\"" + "k".repeat(129) + "\""),
				"orders[0].items[0].collection", "size must be");
		// Negative, non-finite and absurd numbers
		decide(bad, "negative total", order("\"total\":-5"), "orders[0].total", "greater than or equal to 0");
		decide(bad, "slightly negative total", order("\"total\":-0.000001"), "orders[0].total", "greater than or equal to 0");
		decide(bad, "NaN total", order("\"total\":NaN"), "orders[0].total", "not a finite number");
		decide(bad, "Infinity total", order("\"total\":Infinity"), "orders[0].total", "not a finite number");
		decide(bad, "-Infinity total", order("\"total\":-Infinity"), "orders[0].total", "not a finite number");
		decide(bad, "NaN total as string", order("\"total\":\"NaN\""), "orders[0].total", "expected a number");
		decide(bad, "total 1e400", order("\"total\":1e400"), "orders[0].total", "");
		decide(bad, "total 1e100000000", order("\"total\":1e100000000"), "orders[0].total", "");
		decide(bad, "total with 7 decimals", order("\"total\":1.0000001"), "orders[0].total", "numeric value out of bounds");
		// Numbers that are valid JSON, quoted as written, never as "malformed JSON" nor in Java's words.
		decide(bad, "count past an int", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":99999999999999999999}}",
				"summary.orderCount", "invalid value '99999999999999999999': expected a whole number from -2147483648 to 2147483647");
		decide(bad, "count with an exponent", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":1e2}}", "summary.orderCount",
				"invalid value '1e2': expected a whole number");
		decide(bad, "quantity 1e999999999", item("\"quantity\":1e999999999"), "orders[0].items[0].quantity",
				"invalid value '1e999999999': expected a whole number");
		decide(bad, "total 0e-2147483648", order("\"total\":0e-2147483648"), "orders[0].total",
				"invalid value '0e-2147483648': its exponent is out of range");
		// Bean Validation's @Digits counted this one's digits in an int, overflowed and let it through to a 500.
		decide(bad, "total 1E+2147483647", order("\"total\":1E+2147483647"), "orders[0].total", "numeric value out of bounds");
		decide(bad, "unit price 12E+2147483646", item("\"unitPrice\":12E+2147483646"), "orders[0].items[0].unitPrice",
				"numeric value out of bounds");
		decide(bad, "summary total 1E+2147483647", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":1,"
				+ "\"daysSinceLastOrder\":3,\"totalSpent\":1E+2147483647}}", "summary.totalSpent", "numeric value out of bounds");
		decide(bad, "negative unit price", item("\"unitPrice\":-1"), "orders[0].items[0].unitPrice", "greater than or equal to 0");
		decide(bad, "negative quantity", item("\"quantity\":-1"), "orders[0].items[0].quantity", "greater than or equal to 0");
		decide(bad, "negative summary count", "{\"customerId\":\"c\",\"summary\":{\"engagementCount90d\":-1}}",
				"summary.engagementCount90d", "greater than or equal to 0");
		decide(bad, "negative summary total", "{\"customerId\":\"c\",\"summary\":{\"totalSpent\":-10}}", "summary.totalSpent",
				"greater than or equal to 0");
		decide(bad, "inconsistent summary", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":1,\"discountedOrders\":2,"
				+ "\"daysSinceLastOrder\":3}}", "summary.discountedOrders", "must not exceed orderCount");
		decide(bad, "summary with raw history", "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"" + AT
				+ "\",\"total\":1}],\"summary\":{\"orderCount\":1,\"daysSinceLastOrder\":3}}", "summary", "not both");
		// Dates in wrong formats
		for (String date : new String[] { "01/11/2026", "2026-11-01", "2026-11-01T00:00:00", "2026-13-01T00:00:00Z",
				"2026-02-30T00:00:00Z", "2026-11-01 00:00:00Z", "yesterday", "", "2026-11-01T25:00:00Z", "20261101T000000Z",
				"Sun, 01 Nov 2026 00:00:00 GMT" }) {
			decide(bad, "asOf '" + date + "'", "{\"customerId\":\"c\",\"asOf\":\"" + date + "\"}", "asOf", "ISO-8601");
			decide(bad, "placedAt '" + date + "'", order("\"placedAt\":\"" + date + "\",\"total\":1", false),
					"orders[0].placedAt", "ISO-8601");
		}
		decide(bad, "occurredAt in another format", event("email_open", "2026/10/01", ""), "events[0].occurredAt", "ISO-8601");
		// Instants out of range
		for (String asOf : new String[] { "1900-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2100-01-01T00:00:00Z",
				"9999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z" }) {
			decide(bad, "asOf " + asOf, "{\"customerId\":\"c\",\"asOf\":\"" + asOf + "\"}", "asOf", "must be between");
		}
		decide(bad, "order in the year 3000", order("\"placedAt\":\"3000-01-01T00:00:00Z\",\"total\":1", false),
				"orders[0].placedAt", "must be between");
		decide(bad, "event before 1970", event("site_visit", "1960-01-01T00:00:00Z", ""), "events[0].occurredAt",
				"must be between");
		// Unknown event types and impossible events
		for (String type : new String[] { "email_bounce", "EMAIL_OPEN", "Email_Open", "", "purchase", "site visit" }) {
			decide(bad, "event type '" + type + "'", event(type, AT, ""), "events[0].type", "expected one of");
		}
		decide(bad, "event without type", "{\"customerId\":\"c\",\"events\":[{\"occurredAt\":\"" + AT + "\"}]}", "events[0].type",
				"must not be null");
		decide(bad, "event without occurredAt", "{\"customerId\":\"c\",\"events\":[{\"type\":\"email_open\"}]}",
				"events[0].occurredAt", "must not be null");
		decide(bad, "MPP flag on a click", event("email_click", AT, ",\"appleMpp\":true"), "events[0].appleMpp",
				"only an email_open");
		decide(bad, "null event", "{\"customerId\":\"c\",\"events\":[null]}", "events[0]", "must not be null");
		// Orders
		decide(bad, "duplicate order ids", "{\"customerId\":\"c\",\"orders\":[{\"id\":\"o-1\",\"placedAt\":\"" + AT
				+ "\",\"total\":1},{\"id\":\"o-1\",\"placedAt\":\"" + AT + "\",\"total\":2}]}", "orders[1].id", "duplicate order id");
		decide(bad, "empty order id", "{\"customerId\":\"c\",\"orders\":[{\"id\":\"\",\"placedAt\":\"" + AT
				+ "\",\"total\":1}]}", "orders[0].id", "must not be blank");
		decide(bad, "blank order ids twice", "{\"customerId\":\"c\",\"orders\":[{\"id\":\" \",\"placedAt\":\"" + AT
				+ "\",\"total\":1},{\"id\":\"\\t\",\"placedAt\":\"" + AT + "\",\"total\":2}]}", "orders[1].id",
				"must not be blank");
		decide(bad, "order with items but no total", "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"" + AT
				+ "\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":5}]}]}", "orders[0].total", "must not be null");
		decide(bad, "order without placedAt", "{\"customerId\":\"c\",\"orders\":[{\"total\":1}]}", "orders[0].placedAt",
				"must not be null");
		decide(bad, "unknown order status", order("\"total\":1,\"status\":\"shipped\""), "orders[0].status", "expected one of");
		decide(bad, "null order", "{\"customerId\":\"c\",\"orders\":[null]}", "orders[0]", "must not be null");
		decide(bad, "null item", "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"" + AT + "\",\"total\":1,\"items\":[null]}]}",
				"orders[0].items[0]", "must not be null");
		// Profile
		for (String country : new String[] { "UK", "EL", "XX", "SWE", "S", "1E", "" }) {
			decide(bad, "country '" + country + "'", "{\"customerId\":\"c\",\"profile\":{\"country\":\"" + country + "\"}}",
					"profile.country", "ISO 3166-1");
		}
		// Too many things for one customer
		decide(bad, "100,000 events for one customer", manyEvents(100_000), "events", "at most 50000 events");
		decide(bad, "10,001 orders for one customer", manyOrders(10_001), "orders", "at most 10000 orders");
		// Batches
		batch(bad, "batch over its limit", batchOf(1001), 413, "customers", "1001");
		batch(bad, "batch with an invalid customer", "{\"customers\":[{\"customerId\":\"a\"},{\"customerId\":\"\"}]}", 400,
				"customers[1].customerId", "must not be blank");
		batch(bad, "batch with a null customer", "{\"customers\":[null]}", 400, "customers[0]", "required");
		batch(bad, "batch customers as object", "{\"customers\":{}}", 400, "customers", "expected an array");
		batch(bad, "batch as array", "[{\"customerId\":\"a\"}]", 400, "", "expected an object");
		batch(bad, "batch asOf in 1900", "{\"asOf\":\"1900-01-01T00:00:00Z\",\"customers\":[{\"customerId\":\"a\"}]}", 400, "asOf",
				"must be between");
		batch(bad, "batch asOf not ISO", "{\"asOf\":\"tomorrow\",\"customers\":[]}", 400, "asOf", "ISO-8601");
		batch(bad, "batch with unknown property", "{\"customer\":[]}", 400, "customer", "unknown property");
		batch(bad, "batch customer with bad event", "{\"customers\":[{\"customerId\":\"a\",\"events\":[{\"type\":\"x\","
				+ "\"occurredAt\":\"" + AT + "\"}]}]}", 400, "customers[0].events[0].type", "expected one of");
		// Size of the body
		bad.add(new BadInput("body of 50 MB", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(new byte[50 * 1024 * 1024]))
			.build(), 413, "", "body larger than"));
		bad.add(new BadInput("body of 11 MB sent chunked", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(hugeCustomer(11 * 1024 * 1024))))
			.build(), 413, "", "body larger than"));
		batch(bad, "batch body of 20 MB", "{\"customers\":[{\"customerId\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}]}", 413, "",
				"body larger than");
		// Content types, methods and paths
		for (String type : new String[] { "text/plain", "application/xml", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "application/octet-stream", "text/csv" }) {
			bad.add(post("decision as " + type, "/api/v1/decisions", type, DecisionController.EXAMPLE.getBytes(StandardCharsets.UTF_8),
					415, "Content-Type", "not supported"));
		}
		bad.add(new BadInput("decision without a content type", (http) -> http.request("/api/v1/decisions")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build(), 415, "Content-Type", "the header is missing; send application/json"));
		bad.add(post("decision in a charset Java does not know", "/api/v1/decisions", "application/json;charset=foo",
				DecisionController.EXAMPLE.getBytes(StandardCharsets.UTF_8), 415, "Content-Type",
				"charset 'foo' is not supported; send UTF-8"));
		bad.add(post("decision with a content type that is no media type", "/api/v1/decisions", "json",
				DecisionController.EXAMPLE.getBytes(StandardCharsets.UTF_8), 415, "Content-Type",
				"'json' is not a media type; send application/json"));
		bad.add(post("campaign health as text/plain", "/api/v1/campaigns/health", "text/plain", "{}".getBytes(), 415, "Content-Type",
				"not supported"));
		// Read as they came, a gzipped body was "malformed JSON: Illegal character ((CTRL-CHAR, code 31))".
		bad.add(new BadInput("decision sent gzipped", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.header("Content-Encoding", "gzip")
			.POST(BodyPublishers.ofByteArray(gzip(DecisionController.EXAMPLE)))
			.build(), 415, "Content-Encoding", "'gzip' is not supported; send the body as it is, without Content-Encoding"));
		Multipart upload = multipart("orders", ORDERS_CSV);
		bad.add(new BadInput("segmentation sent with a content coding", (http) -> http.request("/api/v1/segmentations")
			.header("Content-Type", upload.contentType())
			.header("Content-Encoding", "br")
			.POST(BodyPublishers.ofByteArray(upload.bytes()))
			.build(), 415, "Content-Encoding", "'br' is not supported"));
		bad.add(new BadInput("decision accepting only XML", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.header("Accept", "application/xml")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build(), 406, "Accept", "application/json"));
		bad.add(new BadInput("invalid decision accepting only problems", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.header("Accept", "application/problem+json")
			.POST(BodyPublishers.ofString("{\"customerId\":\"\"}"))
			.build(), 400, "customerId", "must not be blank"));
		bad.add(new BadInput("invalid campaign counts accepting only problems", (http) -> http.request("/api/v1/campaigns/health")
			.header("Content-Type", "application/json")
			.header("Accept", "application/problem+json")
			.POST(BodyPublishers.ofString("{\"delivered\":0}"))
			.build(), 400, "delivered", "must be greater than 0"));
		bad.add(new BadInput("valid decision accepting only problems", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.header("Accept", "application/problem+json")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build(), 406, "Accept", "this endpoint answers application/json"));
		bad.add(new BadInput("Accept header that is no media type", (http) -> http.request("/api/v1/decisions")
			.header("Content-Type", "application/json")
			.header("Accept", "NaN, text/csv")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build(), 400, "Accept", "not a list of media types"));
		bad.add(new BadInput("GET on the decision endpoint",
				(http) -> http.request("/api/v1/decisions").GET().build(), 405, "method", "GET"));
		bad.add(new BadInput("DELETE on the catalogue",
				(http) -> http.request("/api/v1/personas").DELETE().build(), 405, "method", "DELETE"));
		bad.add(post("unknown path", "/api/v1/decisionz", "application/json", "{}".getBytes(), 404, "path", "/api/v1/decisionz"));
		// Requests refused before Spring MVC: by Spring Security's firewall, by Tomcat
		get(bad, "encoded dots in the path", "/api/v1/%2e%2e/personas", 400, "path", "contains '%2e', which is refused");
		get(bad, "jsessionid in the path", "/api/v1/personas;jsessionid=abc", 400, "path", "contains ';', which is refused");
		get(bad, "double slash in the path", "/api/v1//personas", 400, "path", "contains '//', which is refused");
		get(bad, "encoded NUL in the path", "/api/v1/personas%00", 400, "", "could not be read as HTTP");
		bad.add(new BadInput("TRACE", (http) -> http.request("/api/v1/personas").method("TRACE", BodyPublishers.noBody())
			.build(), 405, "method", "'TRACE' is not supported"));
		bad.add(new BadInput("TRACE from a browser", (http) -> http.request("/api/v1/personas").header("Accept", "text/html")
			.method("TRACE", BodyPublishers.noBody())
			.build(), 405, "method", "'TRACE' is not supported"));
		bad.add(new BadInput("method that HTTP does not have", (http) -> http.request("/api/v1/personas")
			.method("FOO", BodyPublishers.noBody())
			.build(), 400, "method", "'FOO' is not an HTTP method this service answers"));
		bad.add(new BadInput("header over 8 KB", (http) -> http.request("/api/v1/personas").header("X-Big", "a".repeat(9000))
			.GET()
			.build(), 400, "", "headers over 8 KB"));
		// Campaign health
		campaign(bad, "campaign counts missing", "{\"delivered\":10}", "opens", "required");
		campaign(bad, "campaign counts negative", "{\"delivered\":10,\"opens\":-1,\"appleMppOpens\":0,\"unsubscribes\":0,"
				+ "\"spamComplaints\":0}", "opens", "");
		campaign(bad, "campaign nothing delivered", "{\"delivered\":0,\"opens\":0,\"appleMppOpens\":0,\"unsubscribes\":0,"
				+ "\"spamComplaints\":0}", "delivered", "");
		campaign(bad, "campaign delivered as string", "{\"delivered\":\"10\"}", "delivered", "expected a whole number");
		campaign(bad, "campaign without its win-back persona", "{\"delivered\":10,\"opens\":1,\"unsubscribes\":0,"
				+ "\"spamComplaints\":0}", "segment", "is required: the win-back persona");
		campaign(bad, "campaign to a persona without guardrails", "{\"delivered\":10,\"opens\":1,\"unsubscribes\":0,"
				+ "\"spamComplaints\":0,\"segment\":\"HIGH_ROLLER\"}", "segment", "'HIGH_ROLLER' is not a win-back persona");
		campaign(bad, "campaign excluding MPP opens without their count", "{\"delivered\":10,\"opens\":1,"
				+ "\"unsubscribes\":0,\"spamComplaints\":0,\"segment\":\"FALSE_START\",\"excludeAppleMppOpens\":true}",
				"appleMppOpens", "required when excludeAppleMppOpens");
		campaign(bad, "campaign unknown segment", "{\"delivered\":10,\"opens\":1,\"appleMppOpens\":0,\"unsubscribes\":0,"
				+ "\"spamComplaints\":0,\"segment\":\"VIP\"}", "segment", "");
		// Segmentation uploads
		segment(bad, "segmentation without orders part", "", multipart("events", "customer_id,type,occurred_at\n"), 400, "orders",
				"");
		segment(bad, "segmentation with garbage orders", "", multipart("orders", "\u0000\u0001garbage\n1,2\n"), 400, "orders", "");
		segment(bad, "segmentation with unknown ordersFormat", "?ordersFormat=xlsx", multipart("orders", ORDERS_CSV), 400,
				"ordersFormat", "must be orders or uci");
		segment(bad, "segmentation with asOf not ISO", "?asOf=2011-12-10", multipart("orders", ORDERS_CSV), 400, "asOf",
				"ISO-8601");
		for (String asOf : new String[] { "1900-01-01T00:00:00Z", "3000-01-01T00:00:00Z" }) {
			segment(bad, "segmentation with asOf " + asOf, "?asOf=" + asOf, multipart("orders", ORDERS_CSV), 400, "asOf",
					"must be between 1970-01-01T00:00:00Z and one year from now");
		}
		// Parameters and parts Spring MVC dropped without a word: the export was segmented as of now, without its events, or half of it.
		segment(bad, "segmentation with asOf misspelt", "?as_of=2011-12-10T00:00:00Z", multipart("orders", ORDERS_CSV), 400, "as_of",
				"unknown parameter 'as_of': this endpoint takes the parameters ordersFormat, asOf, aov, sampleSeed and the parts orders, events, customers");
		segment(bad, "segmentation with asOf twice", "?asOf=2011-12-10T00:00:00Z&asOf=2011-12-11T00:00:00Z",
				multipart("orders", ORDERS_CSV), 400, "asOf", "given 2 times: the parameter is read once, so send it once");
		segment(bad, "segmentation with the events part misspelt", "", multiparts("orders", ORDERS_CSV, "event", "customer_id,type,occurred_at\n"),
				400, "event", "unknown part 'event'");
		segment(bad, "segmentation with two orders parts", "", multiparts("orders", ORDERS_CSV, "orders", ORDERS_CSV), 400, "orders",
				"given 2 times: the part is read once, so send it once");
		bad.add(new BadInput("decision with asOf as a parameter", (http) -> http.request("/api/v1/decisions?asOf=2026-11-01T00:00:00Z")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build(), 400, "asOf", "unknown parameter 'asOf': this endpoint takes no parameters"));
		bad.add(new BadInput("personas with a language parameter", (http) -> http.request("/api/v1/personas?lang=sv").GET().build(), 400,
				"lang", "unknown parameter 'lang': this endpoint takes no parameters"));
		segment(bad, "segmentation with negative aov", "?aov=-5", multipart("orders", ORDERS_CSV), 400, "aov", "above 0");
		segment(bad, "segmentation with aov NaN", "?aov=NaN", multipart("orders", ORDERS_CSV), 400, "aov", "above 0");
		segment(bad, "segmentation with aov 1e999999999", "?aov=1e999999999", multipart("orders", ORDERS_CSV), 400, "aov",
				"at most 15 digits");
		segment(bad, "segmentation with gzip cut short", "", multipart("orders", new byte[] { 0x1f, (byte) 0x8b }), 400,
				"orders", "not a readable gzip file");
		segment(bad, "segmentation with Latin-1 orders", "", multipart("orders", (ORDERS_CSV + "m\u00fcller,o9,2011-01-01,1\n")
			.getBytes(StandardCharsets.ISO_8859_1)), 400, "orders", "not UTF-8 text");
		segment(bad, "segmentation with a quote left open over 1,000,000 characters", "", multipart("orders", ORDERS_CSV
				+ "c-2,o-2,\"2011-01-01" + "x".repeat(1_100_000)), 400, "orders", "orders.csv: the row at line 3 is longer than 1,000,000 characters");
		segment(bad, "segmentation without closing boundary", "", unterminated(multipart("orders", ORDERS_CSV)), 400, "",
				"malformed multipart");
		bad.add(segmentAcceptingOnlyProblems("invalid segmentation accepting only problems",
				multipart("orders", "\u0000\u0001garbage\n1,2\n"), 400, "orders", "is not an orders CSV"));
		bad.add(segmentAcceptingOnlyProblems("valid segmentation accepting only problems", multipart("orders", ORDERS_CSV), 406,
				"Accept", "this endpoint answers application/json, text/csv, application/x-ndjson"));
		bad.add(segmentAccepting("segmentation refusing CSV with q=0", "text/csv;q=0", multipart("orders", ORDERS_CSV), 406,
				"Accept", "this endpoint answers application/json, text/csv, application/x-ndjson"));
		bad.add(post("segmentation as JSON", "/api/v1/segmentations", "application/json", "{}".getBytes(), 415, "Content-Type",
				"not supported"));
		// Credentials
		bad.add(post("reload without credentials", "/api/v1/rules/reload", "application/json", new byte[0], 401, "Authorization",
				"admin credentials"));
		bad.add(new BadInput("reload with a wrong password", (http) -> http.request("/api/v1/rules/reload")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("ops:wrong".getBytes()))
			.POST(BodyPublishers.noBody())
			.build(), 401, "Authorization", "the admin credentials were refused"));
		bad.add(new BadInput("reload with a malformed Authorization", (http) -> http.request("/api/v1/rules/reload")
			.header("Authorization", "Basic !!!not-base64")
			.POST(BodyPublishers.noBody())
			.build(), 401, "Authorization", "not valid HTTP basic"));
		bad.add(new BadInput("reload with a bearer token", (http) -> http.request("/api/v1/rules/reload")
			.header("Authorization", "Bearer abc")
			.POST(BodyPublishers.noBody())
			.build(), 401, "Authorization", "no other scheme is accepted"));
		return bad;
	}

	static final String ORDERS_CSV = "customer_id,order_id,placed_at,total\nc-1,o-1,2011-01-01T00:00:00Z,10\n";

	record BadInput(String name, Function<LiveHttp, HttpRequest> request, int status, String field, String reason) {
	}

	private static boolean names(HttpResponse<String> response, String field, String reason) {
		JsonNode errors = LiveHttp.JSON.readTree(response.body()).path("errors");
		for (JsonNode error : errors) {
			if (error.path("field").asString().equals(field) && error.path("reason").asString().contains(reason)) {
				return true;
			}
		}
		return false;
	}

	private static void get(List<BadInput> bad, String name, String path, int status, String field, String reason) {
		bad.add(new BadInput(name, (http) -> http.request(path).GET().build(), status, field, reason));
	}

	private static void decide(List<BadInput> bad, String name, String body, String field, String reason) {
		decide(bad, name, body.getBytes(StandardCharsets.UTF_8), field, reason);
	}

	private static void decide(List<BadInput> bad, String name, byte[] body, String field, String reason) {
		bad.add(post(name, "/api/v1/decisions", "application/json", body, 400, field, reason));
	}

	private static void batch(List<BadInput> bad, String name, String body, int status, String field, String reason) {
		bad.add(post(name, "/api/v1/decisions/batch", "application/json", body.getBytes(StandardCharsets.UTF_8), status, field,
				reason));
	}

	private static void campaign(List<BadInput> bad, String name, String body, String field, String reason) {
		bad.add(post(name, "/api/v1/campaigns/health", "application/json", body.getBytes(StandardCharsets.UTF_8), 400, field,
				reason));
	}

	private static void segment(List<BadInput> bad, String name, String query, Multipart body, int status, String field,
			String reason) {
		bad.add(post(name, "/api/v1/segmentations" + query, body.contentType(), body.bytes(), status, field, reason));
	}

	private static BadInput segmentAcceptingOnlyProblems(String name, Multipart body, int status, String field, String reason) {
		return segmentAccepting(name, "application/problem+json", body, status, field, reason);
	}

	private static BadInput segmentAccepting(String name, String accept, Multipart body, int status, String field,
			String reason) {
		return new BadInput(name, (http) -> http.request("/api/v1/segmentations")
			.header("Content-Type", body.contentType())
			.header("Accept", accept)
			.POST(BodyPublishers.ofByteArray(body.bytes()))
			.build(), status, field, reason);
	}

	private static BadInput post(String name, String path, String contentType, byte[] body, int status, String field,
			String reason) {
		return new BadInput(name, (http) -> http.request(path)
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofByteArray(body))
			.build(), status, field, reason);
	}

	private static byte[] gzip(String text) {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static String order(String fields) {
		return order(fields, true);
	}

	private static String order(String fields, boolean withPlacedAt) {
		return "{\"customerId\":\"c\",\"orders\":[{" + (withPlacedAt ? "\"placedAt\":\"" + AT + "\"," : "") + fields + "}]}";
	}

	private static String item(String fields) {
		return "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"" + AT + "\",\"total\":5,\"items\":[{" + fields + "}]}]}";
	}

	private static String event(String type, String at, String more) {
		return "{\"customerId\":\"c\",\"events\":[{\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\"" + more + "}]}";
	}

	private static String manyEvents(int count) {
		return "{\"customerId\":\"c\",\"events\":[" + String.join(",",
				java.util.Collections.nCopies(count, "{\"type\":\"email_open\",\"occurredAt\":\"" + AT + "\"}")) + "]}";
	}

	private static String manyOrders(int count) {
		StringBuilder body = new StringBuilder("{\"customerId\":\"c\",\"orders\":[");
		for (int i = 0; i < count; i++) {
			body.append((i > 0) ? "," : "").append("{\"placedAt\":\"").append(AT).append("\",\"total\":1}");
		}
		return body.append("]}").toString();
	}

	private static String batchOf(int count) {
		return "{\"customers\":[" + String.join(",", java.util.Collections.nCopies(count, "{\"customerId\":\"a\"}")) + "]}";
	}

	private static byte[] hugeCustomer(int size) {
		return ("{\"customerId\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	record Multipart(String contentType, byte[] bytes) {
	}

	static Multipart multipart(String part, String content) {
		return multipart(part, content.getBytes(StandardCharsets.UTF_8));
	}

	/** Text parts, as pairs of a name and its content. */
	static Multipart multiparts(String... namesAndContents) {
		String boundary = UUID.randomUUID().toString();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		for (int i = 0; i < namesAndContents.length; i += 2) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + namesAndContents[i] + "\"; filename=\""
					+ namesAndContents[i] + i + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + namesAndContents[i + 1] + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	static Multipart multipart(String part, byte[] content) {
		String boundary = UUID.randomUUID().toString();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + part
				+ ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
	}

	static Multipart unterminated(Multipart multipart) {
		String body = new String(multipart.bytes(), StandardCharsets.UTF_8);
		// Cut inside the part's headers: the parser cannot tell where the part begins.
		return new Multipart(multipart.contentType(),
				body.substring(0, body.indexOf("\r\n\r\n")).getBytes(StandardCharsets.UTF_8));
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
