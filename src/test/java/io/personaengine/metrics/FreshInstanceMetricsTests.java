package io.personaengine.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scrape of a service just started, without Kafka, before any decision: what a latency
 * panel of a fresh instance has to draw. The context is this class's alone (no other test
 * class has these properties) and decides nothing, and it is closed after, so no decision made
 * elsewhere can reach it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.rules.watch=false", "persona.kafka.enabled=false" })
@DirtiesContext
class FreshInstanceMetricsTests {

	@LocalServerPort
	int port;

	/**
	 * A histogram that first appeared at a source's first decision left the latency panels with
	 * no series at all before it, so "no traffic" looked like "metric missing", and rate() missed
	 * the first decision's sample. Each source served is there at count 0, with every bucket.
	 */
	@Test
	void latencyHistogramOfEverySourceServedIsScrapedAtZeroBeforeTheFirstDecision() throws Exception {
		List<String> scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body()
			.lines()
			.filter((line) -> line.startsWith("persona_decision_duration_seconds"))
			.toList();
		for (String source : List.of("rest", "batch")) {
			String label = "source=\"" + source + "\"";
			assertThat(scrape).as(source)
				.contains("persona_decision_duration_seconds_count{" + label + "} 0", "persona_decision_duration_seconds_sum{" + label + "} 0.0")
				.contains("persona_decision_duration_seconds_bucket{" + label + ",le=\"5.0E-6\"} 0",
						"persona_decision_duration_seconds_bucket{" + label + ",le=\"1.0\"} 0",
						"persona_decision_duration_seconds_bucket{" + label + ",le=\"+Inf\"} 0")
				.filteredOn((line) -> line.startsWith("persona_decision_duration_seconds_bucket{" + label))
				.hasSize(DecisionMetrics.BUCKETS.length + 1)
				.allMatch((line) -> line.endsWith("} 0"));
		}
		assertThat(scrape).as("no series says this instance decides from Kafka").noneMatch((line) -> line.contains("kafka"));
	}

}
