package io.personaengine.api;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin operations as shipped: off, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminOperationsOffTests {

	static final String[] ADMIN_PATHS = { "/api/v1/rules/reload", "/api/v1/rules/validate", "/api/v1/rules/rollback" };

	@LocalServerPort
	int port;

	/**
	 * Off, an admin operation is a 404 saying that admin operations are off, whatever the
	 * credentials: it was a 404 "no endpoint" without any and a 401 "credentials were refused" with
	 * HTTP basic ones, which sent an operator looking for the password of something that is not on.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void adminOperationTurnedOffIsA404SayingSoWhateverTheCredentials(CapturedOutput output) throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		for (String path : ADMIN_PATHS) {
			List<HttpRequest.Builder> requests = new ArrayList<>();
			requests.add(http.request(path));
			requests.add(http.request(path).header("Authorization", basic("admin", "admin")));
			requests.add(http.request(path).header("Authorization", basic("ops", "anything")));
			requests.add(http.request(path).header("Authorization", "Basic not-base64"));
			requests.add(http.request(path).header("Authorization", "Bearer abc"));
			requests.add(http.request(path).header("Authorization", basic("admin", "admin")).header("Accept", "text/csv"));
			requests.add(http.request(path).header("Authorization", basic("admin", "admin"))
				.header("Content-Type", "multipart/form-data; boundary=x"));
			for (HttpRequest.Builder request : requests) {
				HttpResponse<String> response = http.send(request.POST(BodyPublishers.ofString("--x\r\n")).build());
				String which = path + " " + response.request().headers().map();
				assertThat(response.statusCode()).as(which).isEqualTo(404);
				assertThat(response.headers().firstValue("WWW-Authenticate")).as(which).isEmpty();
				assertThat(LiveHttp.problemFaults(response)).as(which).isEmpty();
				JsonNode problem = LiveHttp.JSON.readTree(response.body());
				assertThat(problem.path("instance").asString()).as(which).isEqualTo(path);
				assertThat(problem.path("detail").asString()).as(which)
					.isEqualTo("path: the admin operations (reload, validate, rollback) are turned off (persona.admin.enabled)");
			}
		}
		assertThat(output).doesNotContain("Admin credentials refused");
	}

	/**
	 * With the admin operations off there is no user to check HTTP basic credentials against: a
	 * client that sends some (a proxy adding them, say) to an open endpoint is answered as any
	 * other, where it got a 401 saying that an API key is required, when none is.
	 */
	@Test
	void basicCredentialsToAnOpenEndpointAreNoneOfItsBusinessWhileAdminOperationsAreOff() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		HttpResponse<String> response = http.send(http.request("/api/v1/decisions")
			.header("Authorization", basic("admin", "admin"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
