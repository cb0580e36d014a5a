package io.personaengine.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;

import io.personaengine.decisions.ConclusionWithABug;
import io.personaengine.rules.DeepRules;
import io.personaengine.rules.ShippedRules;
import io.personaengine.scenarios.ThreeTypos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules lifecycle over real HTTP, as an operator drives it: on a copy of the shipped rules,
 * with the admin endpoints on and a key on the decision endpoints. Each test starts from the
 * shipped rules, live, and may run alone or in any order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.admin.enabled=true", "persona.admin.username=ops", "persona.admin.password=s3cret-for-tests",
				"persona.api.key=client-key-for-tests", "persona.rules.watch=false" })
class RulesAdministrationTests {

	static final Path RULES = copyOfShippedRules();

	static final HttpClient http = HttpClient.newHttpClient();

	static final JsonMapper json = JsonMapper.builder().build();

	static final String CUSTOMER_AVERAGING_90 = """
			{"customerId":"c-90","asOf":"2026-11-01T00:00:00Z",
			 "summary":{"orderCount":3,"totalSpent":270.00,"daysSinceLastOrder":12}}""";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void rulesFolder(DynamicPropertyRegistry registry) {
		registry.add("persona.rules.dir", RULES::toString);
	}

	/** The copy is this class's alone: left behind, one more folder in /tmp at every run. */
	@AfterAll
	static void deleteTheRules() {
		FileSystemUtils.deleteRecursively(RULES.toFile());
	}

	/**
	 * The folder put back as shipped, whatever a test saved in it (a break, an edit, a new file),
	 * and reloaded, so that the shipped rules are live; the history keeps what earlier tests loaded.
	 */
	@BeforeEach
	void shippedRulesAreLive() throws Exception {
		FileSystemUtils.deleteRecursively(RULES);
		ShippedRules.copyTo(RULES, (path) -> true);
		HttpResponse<String> reloaded = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(json.readTree(reloaded.body()).path("outcome").asString()).as(reloaded.body())
			.isIn("LOADED", "UNCHANGED");
	}

	@Test
	void adminOperationsNeedCredentials() throws Exception {
		for (String path : new String[] { "/api/v1/rules/reload", "/api/v1/rules/rollback" }) {
			HttpResponse<String> response = send(post(path).build());
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying((v) -> assertThat(v).startsWith("Basic"));
			assertThat(response.body()).contains("admin credentials are required");
			assertThat(response.headers().firstValue("Content-Type")).as("the same media type as every other problem")
				.hasValue("application/problem+json");
		}
		HttpResponse<String> wrong = send(post("/api/v1/rules/reload").header("Authorization", basic("ops", "wrong")).build());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(LiveHttp.problemFaults(wrong)).isEmpty();
		HttpResponse<String> client = send(post("/api/v1/rules/reload").header("X-API-Key", "client-key-for-tests").build());
		assertThat(client.statusCode()).isEqualTo(403);
		assertThat(LiveHttp.problemFaults(client)).isEmpty();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void refusedAdminCredentialsAreLoggedWithWhereTheyCameFromButNoCredentialsAreNot(CapturedOutput output) throws Exception {
		assertThat(send(post("/api/v1/rules/reload").header("Authorization", basic("ops", "guess-1234")).build()).statusCode())
			.isEqualTo(401);
		assertThat(send(post("/api/v1/rules/rollback").header("Authorization", "Bearer abc").build()).statusCode()).isEqualTo(401);
		assertThat(send(post("/api/v1/rules/validate").build()).statusCode()).isEqualTo(401);
		assertThat(output).contains("WARN").contains("Admin credentials refused: POST /api/v1/rules/reload from 127.0.0.1: "
				+ "the admin credentials were refused: wrong user name or password")
			.contains("Admin credentials refused: POST /api/v1/rules/rollback from 127.0.0.1: admin credentials are required as HTTP basic")
			.doesNotContain("/api/v1/rules/validate from")
			.doesNotContain("guess-1234")
			.doesNotContain(Base64.getEncoder().encodeToString("ops:guess-1234".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void openApiDeclaresTheSchemesItsOperationsName() throws Exception {
		JsonNode api = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).build()).body());
		JsonNode reload = api.at("/paths/~1api~1v1~1rules~1reload/post/security");
		assertThat(reload.isArray()).as("reload names its security").isTrue();
		for (JsonNode requirement : reload) {
			requirement.propertyNames().forEach((name) -> assertThat(api.at("/components/securitySchemes").has(name))
				.as("scheme " + name + " is declared").isTrue());
		}
		assertThat(api.at("/components/securitySchemes/admin/scheme").asString()).isEqualTo("basic");
		assertThat(api.at("/paths/~1api~1v1~1decisions/post/security/0").has("apiKey"))
			.as("decisions name the key they need when one is configured").isTrue();
		assertThat(api.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
	}

	@Test
	void openApiLicenseHasItsSpdxIdentifier() throws Exception {
		JsonNode api = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).build()).body());
		assertThat(api.path("openapi").asString()).as("identifier is an OpenAPI 3.1 field").startsWith("3.1.");
		assertThat(api.at("/info/license/name").asString()).isEqualTo("Apache-2.0");
		assertThat(api.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
		assertThat(api.at("/info/license").has("url")).as("identifier and url exclude each other").isFalse();
	}

	@Test
	void openApiDescribesTheProblemsEachOperationAnswers() throws Exception {
		JsonNode api = json.readTree(send(HttpRequest.newBuilder(uri("/v3/api-docs")).build()).body());
		JsonNode problem = api.at("/components/schemas/ProblemDetail/properties");
		assertThat(problem.at("/errors/type").asString()).isEqualTo("array");
		assertThat(problem.at("/errors/items/properties").propertyNames()).containsExactlyInAnyOrder("field", "reason");
		assertThat(problem.has("properties")).as("Spring's map of extra members is never sent as such").isFalse();
		assertThat(codes(api, "/api/v1/rules/reload")).containsExactly("200", "401", "403", "406", "422");
		assertThat(codes(api, "/api/v1/rules/validate")).containsExactly("200", "400", "401", "403", "406", "413", "415");
		assertThat(codes(api, "/api/v1/rules/rollback")).containsExactly("200", "400", "401", "403", "404", "406", "409");
		assertThat(codes(api, "/api/v1/decisions")).containsExactly("200", "400", "401", "406", "413", "415", "503");
		assertThat(codes(api, "/api/v1/segmentations")).containsExactly("200", "400", "401", "406", "413", "415", "503");
		assertThat(codes(api, "/api/v1/campaigns/health")).containsExactly("200", "400", "401", "406", "413", "415");
		assertThat(api.at("/paths/~1api~1v1~1personas/get/responses").propertyNames()).containsExactly("200", "401", "406");
		assertThat(api.at("/paths/~1api~1v1~1segmentations/post/responses/200/content").propertyNames())
			.containsExactly("application/json", "text/csv", "application/x-ndjson");
		assertThat(api.at("/paths/~1api~1v1~1decisions/post/responses/200/content").propertyNames())
			.as("an answer is never a problem").containsExactly("application/json");
		api.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) ->
				operation.getValue().path("responses").properties().forEach((response) -> {
					if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
						assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
							.as(operation.getKey() + " " + path.getKey() + " " + response.getKey())
							.isEqualTo("#/components/schemas/ProblemDetail");
					}
				})));
	}

	private static java.util.List<String> codes(JsonNode api, String path) {
		return java.util.List.copyOf(api.path("paths").path(path).path("post").path("responses").propertyNames());
	}

	@Test
	void decisionsNeedTheApiKeyWhenOneIsConfigured() throws Exception {
		assertThat(decide(null).statusCode()).isEqualTo(401);
		assertThat(decide(null).body()).contains("an API key is required in the X-API-Key header");
		assertThat(decide("wrong").statusCode()).isEqualTo(401);
		assertThat(decide("wrong").body()).as("a key was sent: the problem says it is wrong, not missing")
			.contains("the API key in the X-API-Key header is not valid");
		assertThat(decide("client-key-for-tests").statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/api/v1/rules")).build()).statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).build()).statusCode()).isEqualTo(200);
	}

	@Test
	void goodEditReloadsToANewVersionAndBrokenEditIsRejectedWhileDecisionsGoOn() throws Exception {
		String first = liveVersion();
		assertThat(persona()).isEqualTo("BRAND_ENTHUSIAST");
		replace("thresholds.yaml", "highValueAov: 100.00", "highValueAov: 80.00");
		HttpResponse<String> loaded = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(loaded.statusCode()).isEqualTo(200);
		assertThat(json.readTree(loaded.body()).get("outcome").asString()).isEqualTo("LOADED");
		String second = liveVersion();
		assertThat(second).isNotEqualTo(first);
		assertThat(persona()).isEqualTo("HIGH_ROLLER");
		JsonNode history = status().get("history");

		breakSegments();
		HttpResponse<String> rejected = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(rejected.statusCode()).isEqualTo(422);
		assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode report = json.readTree(rejected.body()).get("report");
		assertThat(report.get("outcome").asString()).isEqualTo("REJECTED");
		assertThat(report.get("problems").get(0).get("file").asString()).isEqualTo("segments.drl");
		assertThat(report.get("problems").get(0).get("line").asInt()).isPositive();
		assertThat(liveVersion()).isEqualTo(second);
		assertThat(persona()).isEqualTo("HIGH_ROLLER");

		JsonNode status = status();
		assertThat(status.at("/lastFailure/problems/0/file").asString()).isEqualTo("segments.drl");
		assertThat(status.at("/live/rules").size()).isGreaterThan(50);
		assertThat(status.get("history")).as("a rejected reload adds nothing to the history").isEqualTo(history);
		assertThat(status.at("/history/0/version").asString()).isEqualTo(second);
		assertThat(status.at("/history/1/version").asString()).isEqualTo(first);
	}

	/** A folder that cannot be read has no version to name: it was "Rule set null was rejected". */
	@Test
	void reloadOfAFolderThatIsGoneSaysTheFolderCouldNotBeReadNotRuleSetNull() throws Exception {
		String live = liveVersion();
		FileSystemUtils.deleteRecursively(RULES);
		HttpResponse<String> rejected = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
		assertThat(json.readTree(rejected.body()).get("detail").asString())
			.isEqualTo("The rules folder could not be read; " + live + " keeps serving. 1 problem(s), 0 failing scenario(s).");
		assertThat(json.readTree(rejected.body()).at("/report/problems/0/message").asString()).startsWith("not a folder");
	}

	/**
	 * Drools' parser overflowed the stack on it: the StackOverflowError came out of the reload as a
	 * 500 that says nothing of the file, the reload neither counted nor the last failure.
	 */
	@Test
	void ruleNestedTooDeeplyToParseIsRejectedAsACompileErrorNamingItsFileAndLine() throws Exception {
		String live = liveVersion();
		Files.writeString(RULES.resolve("deep.drl"), DeepRules.PARENTHESES);
		HttpResponse<String> rejected = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
		assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(LiveHttp.problemFaults(rejected)).isEmpty();
		JsonNode problem = json.readTree(rejected.body()).at("/report/problems/0");
		assertThat(problem.get("file").asString()).isEqualTo("deep.drl");
		assertThat(problem.get("line").asInt()).isEqualTo(6);
		assertThat(problem.get("message").asString()).isEqualTo(DeepRules.SAID);
		assertThat(status().at("/lastFailure/problems/0/file").asString()).isEqualTo("deep.drl");
		assertThat(scrape()).anyMatch((line) -> line.startsWith("persona_rules_reloads_total{")
				&& line.contains("outcome=\"compile_error\"") && !line.endsWith(" 0.0"));
		assertThat(liveVersion()).isEqualTo(live);
		assertThat(persona()).isEqualTo("BRAND_ENTHUSIAST");

		Files.delete(RULES.resolve("deep.drl"));
		HttpResponse<String> validated = send(admin(multipart("/api/v1/rules/validate",
				new Part("deep.drl", DeepRules.PARENTHESES))).build());
		assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
		assertThat(json.readTree(validated.body()).get("outcome").asString()).isEqualTo("REJECTED");
		assertThat(json.readTree(validated.body()).at("/problems/0/message").asString()).isEqualTo(DeepRules.SAID);
	}

	/** A bug of the service while the scenarios run is no rejection of the rules: a 500, the rules as they were. */
	@Test
	void bugOfTheServiceWhileTheScenariosRunIsA500AndTheLiveRulesKeepServing() throws Exception {
		String live = liveVersion();
		JsonNode before = status();
		Files.writeString(RULES.resolve("bug.drl"), ConclusionWithABug.RULE);
		HttpResponse<String> reload = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(reload.statusCode()).as(reload.body()).isEqualTo(500);
		assertThat(reload.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(reload.body()).as("the body never shows a bug").doesNotContain(ConclusionWithABug.BUG);
		assertThat(reload.body()).as("a reload is no decision")
			.contains("The service failed to answer; the error is logged.")
			.doesNotContain("decide");
		assertThat(liveVersion()).isEqualTo(live);
		assertThat(persona()).isEqualTo("BRAND_ENTHUSIAST");
		assertThat(status().get("lastFailure")).as("the rules were not rejected").isEqualTo(before.get("lastFailure"));
	}

	@Test
	void validateAnswersTheReportWithoutGoingLive() throws Exception {
		String live = liveVersion();
		String savedThresholds = Files.readString(RULES.resolve("thresholds.yaml"));
		String thresholds = savedThresholds + "\n# a note from the analyst\n";
		String segments = Files.readString(ShippedRules.DIR.resolve("segments.drl"));
		// A break saved in the folder: the uploaded segments.drl stands in for it.
		breakSegments();
		String savedSegments = Files.readString(RULES.resolve("segments.drl"));
		HttpResponse<String> valid = send(admin(multipart("/api/v1/rules/validate",
				new Part("thresholds.yaml", thresholds), new Part("segments.drl", segments))).build());
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(json.readTree(valid.body()).get("outcome").asString()).isEqualTo("VALID");
		assertThat(json.readTree(valid.body()).get("scenariosRun").asInt()).isGreaterThan(80);

		HttpResponse<String> failing = send(admin(multipart("/api/v1/rules/validate", new Part("segments.drl", segments),
				new Part("tests/mine.yaml", """
						scenarios:
						  - name: Wrong on purpose
						    asOf: 2026-11-01T00:00:00Z
						    customer: { summary: { orderCount: 0 } }
						    expect: { persona: HIGH_ROLLER }
						"""))).build());
		JsonNode report = json.readTree(failing.body());
		assertThat(report.get("outcome").asString()).isEqualTo("REJECTED");
		assertThat(report.at("/failedScenarios/0/where").asString()).isEqualTo("tests/mine.yaml:2");
		assertThat(report.at("/failedScenarios/0/differences/0").asString()).isEqualTo("persona: expected HIGH_ROLLER, got DEAD_WEIGHT");

		HttpResponse<String> badPath = send(admin(multipart("/api/v1/rules/validate", new Part("../etc/passwd", "x"))).build());
		assertThat(badPath.statusCode()).isEqualTo(400);
		assertThat(liveVersion()).isEqualTo(live);
		assertThat(Files.readString(RULES.resolve("thresholds.yaml"))).isEqualTo(savedThresholds);
		assertThat(Files.readString(RULES.resolve("segments.drl"))).isEqualTo(savedSegments);
	}

	/**
	 * The folder never reads a file in a hidden folder (an editor's .history/ of copies), a hidden
	 * one, or a backup: validated, it says something of rules that cannot go live. Refused, it was
	 * said to be no relative path in the rules folder, which it is.
	 */
	@Test
	void partAtAPathTheFolderNeverReadsIsRefusedSayingWhy() throws Exception {
		String rule = "rule \"X\" when then end\n";
		assertThat(refusal(".history/personas.drl", rule)).isEqualTo("files[1]: '.history/personas.drl' is in a hidden "
				+ "folder (.history/), which the rules folder never reads: it would not go live");
		assertThat(refusal("tests/.old/mine.yaml", "scenarios: []\n")).isEqualTo("files[1]: 'tests/.old/mine.yaml' is in a "
				+ "hidden folder (tests/.old/), which the rules folder never reads: it would not go live");
		assertThat(refusal(".personas.drl", rule)).isEqualTo("files[1]: '.personas.drl' is a hidden file, which the rules "
				+ "folder never reads: it would not go live");
		assertThat(refusal("personas.drl~", rule)).isEqualTo("files[1]: 'personas.drl~' is named as an editor's temporary "
				+ "or backup file, which the rules folder never reads: it would not go live");
		assertThat(refusal("../personas.drl", rule))
			.isEqualTo("files[1]: filename '../personas.drl' is not a relative path in the rules folder");
		// Not hidden folders: paths the folder's walk never gives.
		for (String path : List.of("./personas.drl", "catalogue/./personas.yaml", "catalogue//personas.yaml")) {
			assertThat(refusal(path, rule)).as(path)
				.isEqualTo("files[1]: filename '" + path + "' is not a relative path in the rules folder");
		}
	}

	/** The problem's detail for an upload of thresholds.yaml and a file at {@code path}, refused as a 400. */
	private String refusal(String path, String content) throws Exception {
		HttpResponse<String> refused = send(admin(multipart("/api/v1/rules/validate",
				new Part("thresholds.yaml", Files.readString(RULES.resolve("thresholds.yaml"))), new Part(path, content))).build());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		return json.readTree(refused.body()).get("detail").asString();
	}

	/**
	 * A reload said "Cannot read rules folder" at '.', and validate, which builds on the folder's
	 * files, failed as a bug of the service (a 500): neither named the link.
	 */
	@Test
	void linkThatLeadsNowhereIsARejectedReloadAndValidationNamingIt() throws Exception {
		String live = liveVersion();
		Files.delete(RULES.resolve("segments.drl"));
		Files.createSymbolicLink(RULES.resolve("segments.drl"), Path.of("/gone/segments.drl"));
		String said = "a link to /gone/segments.drl, which leads nowhere: /gone is not there; the rules would be read "
				+ "without what it holds: put it back, or remove the link";

		HttpResponse<String> reload = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(reload.statusCode()).as(reload.body()).isEqualTo(422);
		assertThat(json.readTree(reload.body()).at("/report/problems/0/file").asString()).isEqualTo("segments.drl");
		assertThat(json.readTree(reload.body()).at("/report/problems/0/message").asString()).isEqualTo(said);

		HttpResponse<String> validated = send(admin(multipart("/api/v1/rules/validate",
				new Part("thresholds.yaml", Files.readString(RULES.resolve("thresholds.yaml"))))).build());
		assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
		JsonNode report = json.readTree(validated.body());
		assertThat(report.get("outcome").asString()).isEqualTo("REJECTED");
		assertThat(report.at("/problems/0/file").asString()).isEqualTo("segments.drl");
		assertThat(report.at("/problems/0/message").asString()).isEqualTo(said);

		// The upload put in its place: the folder is not read.
		HttpResponse<String> replaced = send(admin(multipart("/api/v1/rules/validate?replace=true",
				shippedRules())).build());
		assertThat(json.readTree(replaced.body()).get("outcome").asString()).as(replaced.body()).isEqualTo("VALID");
		assertThat(liveVersion()).isEqualTo(live);
	}

	/** The shipped rule and scenario files as the parts of an upload. */
	private static Part[] shippedRules() throws IOException {
		java.util.List<Part> parts = new java.util.ArrayList<>();
		try (java.util.stream.Stream<Path> paths = Files.walk(ShippedRules.DIR)) {
			for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
				String relative = ShippedRules.DIR.relativize(path).toString().replace('\\', '/');
				parts.add(new Part(relative, Files.readString(path)));
			}
		}
		return parts.toArray(Part[]::new);
	}

	/** The detail said "3 failing scenario(s)" of the one scenario the report said was run. */
	@Test
	void scenarioWithThreeMisspeltKeysIsOneFailingScenarioInTheRejection() throws Exception {
		Files.writeString(RULES.resolve("tests/mine.yaml"), ThreeTypos.SCENARIO_FILE);
		HttpResponse<String> rejected = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(rejected.statusCode()).isEqualTo(422);
		JsonNode problem = json.readTree(rejected.body());
		assertThat(problem.get("detail").asString()).endsWith("0 problem(s), 1 failing scenario(s).");
		assertThat(problem.at("/report/failedScenarios").size()).isEqualTo(1);
		assertThat(problem.at("/report/failedScenarios/0/where").asString()).isEqualTo("tests/mine.yaml:5:7");
		assertThat(problem.at("/report/failedScenarios/0/differences").size()).isEqualTo(3);
		assertThat(problem.at("/report/failedScenarios/0/differences/2").asString())
			.startsWith("tests/mine.yaml:8:7: unknown key 'segmnets'");
	}

	@Test
	void rollbackGoesBackAtOnceAndToANamedVersion() throws Exception {
		String previous = liveVersion();
		replace("thresholds.yaml", "highValueAov: 100.00", "highValueAov: 80.00");
		assertThat(send(admin(post("/api/v1/rules/reload")).build()).statusCode()).isEqualTo(200);
		assertThat(persona()).isEqualTo("HIGH_ROLLER");
		JsonNode history = status().get("history");
		String current = history.get(0).get("version").asString();
		assertThat(history.get(1).get("version").asString()).isEqualTo(previous);
		HttpResponse<String> back = send(admin(post("/api/v1/rules/rollback")).build());
		assertThat(back.statusCode()).isEqualTo(200);
		assertThat(json.readTree(back.body()).at("/live/version").asString()).isEqualTo(previous);
		assertThat(persona()).isEqualTo("BRAND_ENTHUSIAST");
		assertThat(send(admin(post("/api/v1/rules/rollback?version=" + current)).build()).statusCode()).isEqualTo(200);
		assertThat(liveVersion()).isEqualTo(current);
		HttpResponse<String> unknown = send(admin(post("/api/v1/rules/rollback?version=000000000000")).build());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("not in the history");
	}

	/** RFC 9110 reads q=0 as "not acceptable": Spring MVC took it as acceptable, and rolled back first. */
	@Test
	void rollbackThatRefusesJsonAtQualityZeroIsRefusedBeforeItRuns() throws Exception {
		String current = editedAndReloaded();
		for (String accept : new String[] { "application/json;q=0", "*/*;q=0", "*/*, application/json;q=0" }) {
			HttpResponse<String> refused = send(admin(post("/api/v1/rules/rollback")).header("Accept", accept).build());
			assertThat(refused.statusCode()).as(accept).isEqualTo(406);
			assertThat(LiveHttp.problemFaults(refused)).as(accept).isEmpty();
			assertThat(liveVersion()).as(accept).isEqualTo(current);
		}
	}

	/** Spring MVC dropped the misspelt parameter, and the rollback went to the previous version instead of the one named. */
	@Test
	void rollbackWithAMisspeltParameterIsRefusedBeforeItRuns() throws Exception {
		String previous = liveVersion();
		String current = editedAndReloaded();
		HttpResponse<String> refused = send(admin(post("/api/v1/rules/rollback?versoin=" + previous)).build());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(LiveHttp.problemFaults(refused)).isEmpty();
		assertThat(json.readTree(refused.body()).at("/errors/0/reason").asString())
			.isEqualTo("unknown parameter 'versoin': this endpoint takes the parameter version");
		assertThat(liveVersion()).isEqualTo(current);
	}

	/**
	 * What is no parameter an endpoint could misread is let through: a form-encoded body to an
	 * endpoint that reads none ({@code curl -d '{}'}), a cache-buster, and Spring's own OPTIONS.
	 */
	@Test
	void bodiesCacheBustersAndOptionsAreNotTakenForUnknownParameters() throws Exception {
		HttpResponse<String> reloaded = send(admin(HttpRequest.newBuilder(uri("/api/v1/rules/reload")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
		HttpResponse<String> personas = send(HttpRequest.newBuilder(uri("/api/v1/personas?_=1700000000"))
			.header("X-API-Key", "client-key-for-tests")
			.build());
		assertThat(personas.statusCode()).as(personas.body()).isEqualTo(200);
		HttpResponse<String> options = send(HttpRequest.newBuilder(uri("/api/v1/decisions?x=1"))
			.header("X-API-Key", "client-key-for-tests")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
		HttpResponse<String> misspelt = send(HttpRequest.newBuilder(uri("/api/v1/personas?_=1&lang=sv"))
			.header("X-API-Key", "client-key-for-tests")
			.build());
		assertThat(misspelt.statusCode()).as("a parameter beside the cache-buster is still checked").isEqualTo(400);
	}

	/** They were titled "Cannot roll back" with type about:blank, whose title is the status phrase. */
	@Test
	void refusedRollbacksAreProblemsTitledWithTheirStatus() throws Exception {
		HttpResponse<String> unknown = send(admin(post("/api/v1/rules/rollback?version=000000000000")).build());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(LiveHttp.problemFaults(unknown)).isEmpty();
		assertThat(json.readTree(unknown.body()).path("title").asString()).isEqualTo("Not Found");
		HttpResponse<String> live = send(admin(post("/api/v1/rules/rollback?version=" + liveVersion())).build());
		assertThat(live.statusCode()).as(live.body()).isEqualTo(409);
		assertThat(LiveHttp.problemFaults(live)).isEmpty();
		assertThat(json.readTree(live.body()).path("title").asString()).isEqualTo("Conflict");
		assertThat(json.readTree(live.body()).at("/errors/0/field").asString()).isEqualTo("version");
	}

	/**
	 * A reload that adds a persona, a segment, a recommendation and a rule counts each from 0 at
	 * once, before any customer has it (rate() and increase() would miss an event that made a
	 * series appear at 1), and a rollback to rules without them leaves them and their history.
	 * Without Kafka, no series says this instance decides from there.
	 */
	@Test
	void whatAReloadAddsIsCountedFromZeroAtOnceAndARollbackKeepsIt() throws Exception {
		Files.writeString(RULES.resolve("night-owls.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.PersonaMatch;
				import io.personaengine.decisions.SegmentMatch;
				import io.personaengine.decisions.Recommendation;
				rule "NightOwlIsAPersonaAndASegment"
				when
				    $c : CustomerFacts( customerId == "night-owl" )
				then
				    insert( new PersonaMatch( $c, 16, "NIGHT_OWL", "orders after midnight" ) );
				    insert( new SegmentMatch( $c, "NIGHT_OWLS", "orders after midnight" ) );
				    insert( new Recommendation( $c, "MIDNIGHT_SALE", "SMS", 3, "NIGHT_OWLS", "a sale at midnight" ) );
				end
				""");
		String before = liveVersion();
		assertThat(scrape()).noneMatch((sample) -> sample.contains("NIGHT_OWL"));
		HttpResponse<String> loaded = send(admin(post("/api/v1/rules/reload")).build());
		assertThat(json.readTree(loaded.body()).path("outcome").asString()).as(loaded.body()).isEqualTo("LOADED");
		String[] added = { "persona_decisions_total{persona=\"NIGHT_OWL\",source=\"rest\"} 0.0",
				"persona_decisions_total{persona=\"NIGHT_OWL\",source=\"batch\"} 0.0",
				"persona_segment_matches_total{segment=\"NIGHT_OWLS\"} 0.0",
				"persona_recommendations_total{action=\"MIDNIGHT_SALE\",channel=\"SMS\"} 0.0",
				"persona_rule_fired_total{rule=\"NightOwlIsAPersonaAndASegment\"} 0.0" };
		assertThat(scrape()).contains(added).noneMatch((sample) -> sample.contains("source=\"kafka\""));
		assertThat(send(admin(post("/api/v1/rules/rollback?version=" + before)).build()).statusCode()).isEqualTo(200);
		assertThat(scrape()).contains(added);
	}

	/** An analyst's unfinished edit, saved: segments.drl no longer compiles. */
	private static void breakSegments() throws IOException {
		Files.writeString(RULES.resolve("segments.drl"), "\nrule \"Broken\" when then oops end\n",
				StandardOpenOption.APPEND);
	}

	private JsonNode status() throws IOException, InterruptedException {
		return json.readTree(send(HttpRequest.newBuilder(uri("/api/v1/rules")).build()).body());
	}

	/** The samples of this service's own metrics in a scrape, one a line. */
	private java.util.List<String> scrape() throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri("/actuator/prometheus")).build()).body()
			.lines()
			.filter((line) -> line.startsWith("persona_"))
			.toList();
	}

	private String persona() throws IOException, InterruptedException {
		return json.readTree(decide("client-key-for-tests").body()).get("persona").asString();
	}

	private HttpResponse<String> decide(String key) throws IOException, InterruptedException {
		HttpRequest.Builder request = post("/api/v1/decisions").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(CUSTOMER_AVERAGING_90));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return send(request.build());
	}

	/** The version live after an edit of the shipped rules, with one earlier to roll back to. */
	private String editedAndReloaded() throws IOException, InterruptedException {
		String previous = liveVersion();
		replace("thresholds.yaml", "highValueAov: 100.00", "highValueAov: 80.00");
		assertThat(send(admin(post("/api/v1/rules/reload")).build()).statusCode()).isEqualTo(200);
		String current = liveVersion();
		assertThat(current).isNotEqualTo(previous);
		return current;
	}

	private String liveVersion() throws IOException, InterruptedException {
		return status().at("/live/version").asString();
	}

	record Part(String filename, String content) {
	}

	private HttpRequest.Builder multipart(String path, Part... parts) {
		String boundary = "persona-boundary";
		StringBuilder body = new StringBuilder();
		for (Part part : parts) {
			body.append("--").append(boundary).append("\r\n")
				.append("Content-Disposition: form-data; name=\"files\"; filename=\"").append(part.filename()).append("\"\r\n")
				.append("Content-Type: text/plain\r\n\r\n")
				.append(part.content())
				.append("\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");
		return HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder post(String path) {
		return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
	}

	private static HttpRequest.Builder admin(HttpRequest.Builder request) {
		return request.header("Authorization", basic("ops", "s3cret-for-tests"));
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static void replace(String file, String from, String to) throws IOException {
		Path path = RULES.resolve(file);
		Files.writeString(path, Files.readString(path).replace(from, to));
	}

	private static Path copyOfShippedRules() {
		try {
			Path copy = Files.createTempDirectory("persona-rules-");
			ShippedRules.copyTo(copy, (path) -> true);
			return copy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
