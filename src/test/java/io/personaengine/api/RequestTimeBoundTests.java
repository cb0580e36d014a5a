package io.personaengine.api;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time bound on a request's rules ({@code persona.decisions.timeout}, and
 * {@code segmentation-timeout} for uploads), over real HTTP with the shipped rules plus
 * {@link SlowRules}: within the bound a request is answered; past it the rules are halted and the
 * answer is a 503 problem, logged in one line at WARN; the pooled rules sessions decide correctly
 * afterwards. A rule set that loops is a 500 problem naming its version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.rules.watch=false", "persona.decisions.timeout=1s",
				"persona.decisions.segmentation-timeout=1s" })
class RequestTimeBoundTests {

	static final Path RULES = SlowRules.folder();

	final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void rulesFolder(DynamicPropertyRegistry registry) {
		registry.add("persona.rules.dir", RULES::toString);
	}

	@BeforeEach
	void listenToTheLog() throws Exception {
		// Warm: a first request in a fresh JVM can take a good part of the bound by itself.
		assertThat(new LiveHttp(this.port).answersAGoodRequest()).isTrue();
		this.logged.start();
		handlerLog().addAppender(this.logged);
	}

	@AfterEach
	void stopListening() {
		handlerLog().detachAppender(this.logged);
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

	@Test
	void segmentationThatRunsPastItsBoundIsAnswered503() throws Exception {
		HardeningTests.Multipart upload = HardeningTests.multipart("orders",
				"customer_id,order_id,placed_at,total\nc-1,o-1,2011-01-01T00:00:00Z,10\ncrawl-100,o-2,2011-01-01T00:00:00Z,10\n");
		LiveHttp http = new LiveHttp(this.port);
		HttpResponse<String> response = http.send(http.request("/api/v1/segmentations?asOf=2011-12-10T00:00:00Z")
			.header("Content-Type", upload.contentType())
			.POST(BodyPublishers.ofByteArray(upload.bytes()))
			.build());
		assertTimedOut(response, "2 customers");
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
	void ruleSetThatLoopsIsA500ProblemNamingItsVersion() throws Exception {
		HttpResponse<String> response = decide("loop");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
		assertThat(LiveHttp.problemFaults(response)).isEmpty();
		JsonNode problem = LiveHttp.JSON.readTree(response.body());
		String version = problem.path("ruleSetVersion").asString();
		assertThat(version).isNotBlank();
		assertThat(problem.path("type").asString()).isEqualTo("urn:persona-engine:problem:rules-did-not-settle");
		assertThat(problem.path("errors").get(0).path("reason").asString()).contains("rule set " + version);
		assertThat(this.logged.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).contains(version);
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		});
		assertThat(new LiveHttp(this.port).answersAGoodRequest()).isTrue();
	}

	private void assertTimedOut(HttpResponse<String> response, String customers) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(LiveHttp.problemFaults(response)).isEmpty();
		JsonNode problem = LiveHttp.JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("urn:persona-engine:problem:decision-timeout");
		assertThat(problem.path("detail").asString()).contains(customers);
		assertThat(problem.path("errors").get(0).path("reason").asString())
			.contains("did not finish within 1000 ms (rule set " + problem.path("ruleSetVersion").asString() + ")");
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

	private static Logger handlerLog() {
		return (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
	}

}
