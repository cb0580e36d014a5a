package io.personaengine.api;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.personaengine.PersonaEngineApplication;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code server.shutdown=graceful}: a request in the rules when the service is asked to stop is
 * still answered in full, and the service stops after it; so is a request whose rules are done
 * but whose response Tomcat has not written yet.
 */
class GracefulShutdownTests {

	static final Path RULES = SlowRules.folder();

	/** The copy is this class's alone: left behind, one more folder in /tmp at every run. */
	@AfterAll
	static void deleteTheRules() {
		FileSystemUtils.deleteRecursively(RULES.toFile());
	}

	@Test
	void requestInFlightWhenTheServiceStopsIsAnswered() throws Exception {
		assertAnsweredThroughTheStop(PersonaEngineApplication.class);
	}

	@Test
	void responseNotYetWrittenWhenTheServletReturnsIsAnswered() throws Exception {
		assertAnsweredThroughTheStop(PersonaEngineApplication.class, SlowWriting.class);
	}

	private static void assertAnsweredThroughTheStop(Class<?>... sources) throws Exception {
		// Arguments, not default properties: those would lose to application.yaml's port 8080.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).run("--server.port=0",
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

	/**
	 * Widens the gap in which the failure was seen on a loaded machine: Tomcat writes a response
	 * only after the servlet has returned, which is when Boot's graceful shutdown takes the
	 * service for idle. Here the response is held until the connector stops (at most a second),
	 * as a descheduled worker thread would hold it.
	 */
	@Configuration(proxyBeanMethods = false)
	static class SlowWriting {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> slowWriting() {
			return (factory) -> factory.addContextValves(new ValveBase(true) {

				@Override
				public void invoke(Request request, Response response) throws IOException, ServletException {
					getNext().invoke(request, response);
					Connector connector = request.getConnector();
					try {
						await().atMost(Duration.ofSeconds(1))
							.pollInterval(Duration.ofMillis(10))
							.until(() -> !connector.getState().isAvailable());
					}
					catch (ConditionTimeoutException ex) {
						// The stop waits for this response: it is written now.
					}
				}

			});
		}

	}

}
