package io.personaengine.streaming;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.personaengine.PersonaEngineApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka on, and nothing listening where its brokers should be: the service starts, serves REST and
 * says where it cannot connect, in lines an operator can read.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaOutOfReachTests {

	/**
	 * Kafka's admin client logs "Rebootstrapping with Cluster(...)" at INFO at every turn of its
	 * loop while no broker answers: some 1,700 lines a second for the topic check of the start (30 s
	 * by default), which drowned the one line saying what was wrong.
	 */
	@Test
	void brokerOutOfReachIsNamedWithoutFloodingTheLog(CapturedOutput output) throws IOException, InterruptedException {
		int port = closedPort();
		try (ConfigurableApplicationContext context = new SpringApplication(PersonaEngineApplication.class).run("--server.port=0", "--persona.rules.watch=false", "--spring.main.banner-mode=off", "--persona.kafka.enabled=true",
					"--spring.kafka.bootstrap-servers=localhost:" + port, "--spring.kafka.admin.operation-timeout=3s",
					"--spring.kafka.admin.close-timeout=1s",
					// As in production: logback-test.xml keeps Kafka's client at WARN.
					"--logging.level.org.apache.kafka=INFO")) {
			assertThat(output).contains("Kafka on: customers from persona.customers at localhost:" + port
					+ " (group persona-engine, 3 consumers); decisions to persona.decisions, dead letters to persona.customers.DLT");
			assertThat(output).contains(":" + port + ") could not be established").contains("Could not configure topics");
			assertThat(output.getAll().lines().filter((line) -> line.contains("Rebootstrapping")).count()).as("lines saying Rebootstrapping")
				.isZero();
			HttpResponse<String> decided = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/api/v1/decisions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"customerId":"c-1","asOf":"2026-11-01T00:00:00Z","summary":{"orderCount":0,"totalSpent":0}}"""))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(decided.statusCode()).as("REST decides without a broker: " + decided.body()).isEqualTo(200);
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
