package io.personaengine.streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Kafka on, {@code /actuator/health} says whether the service is taking customers from the
 * topic: UP while its consumers are connected to a broker, DOWN (503) once the broker is gone,
 * while decisions over REST go on. The broker is this class's own and is stopped by the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.kafka.enabled=true", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"persona.rules.watch=false", "management.endpoint.health.show-components=always" })
@EmbeddedKafka(partitions = 1)
@DirtiesContext
class KafkaHealthTests {

	static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void healthIsUpWhileTheConsumersAreConnectedAndDownOnceTheBrokerIsGone() throws Exception {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(health())
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(200))
			.satisfies((response) -> assertThat(response.body()).contains("\"kafka\":{\"status\":\"UP\"}")));
		this.broker.destroy();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(health())
			.satisfies((response) -> assertThat(response.statusCode()).isEqualTo(503))
			.satisfies((response) -> assertThat(response.body()).contains("\"kafka\":{\"status\":\"DOWN\"}")));
		assertThat(decide().statusCode()).as("REST decides on without the broker").isEqualTo(200);
		// An orchestrator neither restarts nor drains an instance for its broker.
		assertThat(health("/liveness").statusCode()).isEqualTo(200);
		assertThat(health("/readiness").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> health() throws Exception {
		return health("");
	}

	private HttpResponse<String> health(String group) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health" + group)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> decide() throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/decisions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"h-1\",\"summary\":{\"orderCount\":0}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
