package io.personaengine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole service on a real port with the shipped rules folder, called over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PersonaEngineApplicationTests {

	static final HttpClient http = HttpClient.newHttpClient();

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void decidesOverHttpWithTheShippedRules() throws Exception {
		HttpResponse<String> response = post("/api/v1/decisions", """
				{"customerId": "lapsed-3", "asOf": "2026-11-01T00:00:00Z",
				 "profile": {"country": "SE", "emailConsent": true},
				 "orders": [
				   {"id": "o1", "placedAt": "2025-12-01T10:00:00Z", "total": 30},
				   {"id": "o2", "placedAt": "2026-02-01T10:00:00Z", "total": 30},
				   {"id": "o3", "placedAt": "2026-05-01T10:00:00Z", "total": 30}]}""");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode decision = json.readTree(response.body());
		assertThat(decision.get("persona").asString()).isEqualTo("LAPSED_ENTHUSIAST");
		assertThat(decision.get("recommendations").get(0).get("action").asString()).isEqualTo("WINBACK_CAMPAIGN");
		assertThat(decision.get("ruleSetVersion").asString()).hasSize(12);
	}

	@Test
	void refusesBadInputWithAProblemDocument() throws Exception {
		HttpResponse<String> response = post("/api/v1/decisions", "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"2026-01-01T00:00:00Z\",\"total\":-1}]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("orders[0].total").doesNotContain("Exception").doesNotContain("at io.");
	}

	@Test
	void publishesOpenApiWithTheCustomerSchemaAndExample() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode api = json.readTree(response.body());
		assertThat(api.get("paths").has("/api/v1/decisions")).isTrue();
		assertThat(api.get("paths").has("/api/v1/decisions/batch")).isTrue();
		assertThat(api.get("paths").has("/api/v1/personas")).isTrue();
		assertThat(api.at("/components/schemas/CustomerInput/properties/summary")).isNotNull();
		assertThat(response.body()).contains("c-1001");
		assertThat(api.at("/components/securitySchemes/admin/scheme").asString()).isEqualTo("basic");
		assertThat(api.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
		assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
	}

	@Test
	void actuatorExposesOnlyHealthInfoAndPrometheus() throws Exception {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
	}

	@Test
	void adminEndpointsAreOffByDefaultAndTheRulesStatusIsOpen() throws Exception {
		assertThat(post("/api/v1/rules/reload", "").statusCode()).isEqualTo(404);
		assertThat(post("/api/v1/rules/rollback", "").statusCode()).isEqualTo(404);
		HttpResponse<String> status = get("/api/v1/rules");
		assertThat(status.statusCode()).isEqualTo(200);
		JsonNode rules = json.readTree(status.body());
		assertThat(rules.at("/live/version").asString()).hasSize(12);
		assertThat(rules.at("/live/reason").asString()).isEqualTo("start-up");
		assertThat(rules.at("/scenarioChecks").asBoolean()).isTrue();
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
