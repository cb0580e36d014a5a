package io.personaengine.api;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.personaengine.PersonaEngineApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code server.shutdown=graceful}: a request in the rules when the service is asked to stop is
 * still answered in full, and the service stops after it.
 */
class GracefulShutdownTests {

	static final Path RULES = SlowRules.folder();

	@Test
	void requestInFlightWhenTheServiceStopsIsAnswered() throws Exception {
		// Arguments, not default properties: those would lose to application.yaml's port 8080.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PersonaEngineApplication.class).run("--server.port=0",
				"--persona.rules.watch=false", "--persona.rules.dir=" + RULES, "--persona.decisions.timeout=30s");
		LiveHttp http = new LiveHttp(((WebServerApplicationContext) context).getWebServer().getPort());
		int started = SlowRules.started.get();
		CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
			try {
				return http.send(http.request("/api/v1/decisions").header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("{\"customerId\":\"slow-1500\"}"))
					.build());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(30, TimeUnit.SECONDS).until(() -> SlowRules.started.get() > started || inFlight.isDone());
		assertThat(inFlight).as("still in the rules when the service is asked to stop").isNotDone();
		context.close();
		assertThat(context.isActive()).isFalse();
		HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(LiveHttp.JSON.readTree(response.body()).path("firedRules").toString()).contains("TestTakesItsTime");
	}

}
