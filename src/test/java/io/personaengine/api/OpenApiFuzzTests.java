package io.personaengine.api;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the REST API from its own OpenAPI document: for each operation, a bounded number of
 * requests generated from the schemas (valid ones, mutated ones, broken JSON, wrong content
 * types and Accept headers, with and without credentials), sent over real HTTP to the whole
 * service. None may get a 5xx; every 4xx must be a problem without a stack trace. Seeded, so a
 * failure can be replayed; {@code -Dpersona.fuzz.seed} and {@code -Dpersona.fuzz.cases} change it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.rules.watch=false", "persona.admin.enabled=true", "persona.admin.username=ops",
				"persona.admin.password=fuzz-test-password" })
class OpenApiFuzzTests {

	static final Logger log = LoggerFactory.getLogger(OpenApiFuzzTests.class);

	static final long SEED = Long.getLong("persona.fuzz.seed", 20261101L);

	static final int CASES_PER_OPERATION = Integer.getInteger("persona.fuzz.cases", 60);

	static final String[] ACCEPTS = { null, "application/json", "*/*", "text/csv", "application/x-ndjson", "application/xml",
			"text/html;q=0.9, */*;q=0.1", "??", "application/problem+json" };

	static final String[] WRONG_TYPES = { "text/plain", "application/xml", "application/x-www-form-urlencoded",
			"application/json; charset=latin-9", "application/json; charset=UTF-16", "image/png", "" };

	@LocalServerPort
	int port;

	@Test
	void noGeneratedRequestGetsAServerErrorAndEveryClientErrorIsAProblem() throws Exception {
		LiveHttp http = new LiveHttp(this.port);
		JsonNode api = LiveHttp.JSON.readTree(http.send(http.request("/v3/api-docs").GET().build()).body());
		Generator generate = new Generator(api, new Random(SEED));
		List<String> failures = new ArrayList<>();
		Map<String, Integer> statuses = new TreeMap<>();
		int sent = 0;
		for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase();
				for (int i = 0; i < CASES_PER_OPERATION; i++) {
					HttpRequest request = generate.request(http, path.getKey(), method, operation.getValue(), i);
					HttpResponse<String> response = http.send(request);
					sent++;
					statuses.merge(method + " " + path.getKey() + " " + response.statusCode(), 1, Integer::sum);
					List<String> faults = new ArrayList<>();
					if (response.statusCode() >= 500) {
						faults.add("server error " + response.statusCode());
					}
					if (response.statusCode() >= 400) {
						faults.addAll(LiveHttp.problemFaults(response));
					}
					if (!faults.isEmpty()) {
						failures.add(method + " " + request.uri() + " " + request.headers().map() + " case " + i + ": " + faults
								+ " " + LiveHttp.abbreviate(response.body()) + "\n    body sent: "
								+ LiveHttp.abbreviate(generate.lastBody));
					}
				}
			}
		}
		boolean answers = http.answersAGoodRequest();
		String summary = sent + " generated requests (seed " + SEED + ", " + CASES_PER_OPERATION + " per operation), "
				+ failures.size() + " failed, good request answered after: " + answers;
		log.info("OpenAPI fuzz: {} by status {}", summary, statuses);
		Files.writeString(Path.of("target", "fuzz-summary.txt"),
				summary + "\n" + statuses + "\n" + String.join("\n", failures) + "\n");
		assertThat(failures).as(summary).isEmpty();
		assertThat(answers).isTrue();
		assertThat(sent).isGreaterThanOrEqualTo(CASES_PER_OPERATION * 8);
	}

	/** Requests from the OpenAPI schemas; {@code i} selects how far a case strays from valid. */
	static final class Generator {

		private final JsonNode api;

		private final Random random;

		String lastBody = "";

		Generator(JsonNode api, Random random) {
			this.api = api;
			this.random = random;
		}

		HttpRequest request(LiveHttp http, String path, String method, JsonNode operation, int i) {
			StringBuilder query = new StringBuilder();
			HttpRequest.Builder request = http.request(path);
			for (JsonNode parameter : operation.path("parameters")) {
				if (this.random.nextInt(10) < 3 && !parameter.path("required").asBoolean()) {
					continue;
				}
				String value = (i % 3 == 0) ? nasty() : scalar(parameter.path("schema"));
				String name = parameter.path("name").asString();
				if (parameter.path("in").asString().equals("query")) {
					query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
				}
				else if (parameter.path("in").asString().equals("header") && isHeaderSafe(value)) {
					request.header(name, value);
				}
			}
			request.uri(http.uri(path + query));
			String accept = ACCEPTS[this.random.nextInt(ACCEPTS.length)];
			if (accept != null) {
				request.header("Accept", accept);
			}
			if (path.startsWith("/api/v1/rules/")) {
				String[] credentials = { "ops:fuzz-test-password", "ops:wrong", null };
				String credential = credentials[this.random.nextInt(credentials.length)];
				if (credential != null) {
					request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credential.getBytes()));
				}
			}
			JsonNode content = operation.path("requestBody").path("content");
			this.lastBody = "";
			if (content.isMissingNode() || content.isEmpty()) {
				return request.method(method, BodyPublishers.noBody()).build();
			}
			String type = content.propertyNames().iterator().next();
			JsonNode schema = content.path(type).path("schema");
			byte[] body;
			if (type.startsWith("multipart/")) {
				String boundary = UUID.randomUUID().toString();
				body = multipart(schema, boundary, i);
				type = "multipart/form-data; boundary=" + boundary;
			}
			else {
				body = json(schema, i);
			}
			if (i % 7 == 6) {
				type = WRONG_TYPES[this.random.nextInt(WRONG_TYPES.length)];
			}
			if (!type.isEmpty()) {
				request.header("Content-Type", type);
			}
			this.lastBody = new String(body, StandardCharsets.UTF_8);
			return request.method(method, BodyPublishers.ofByteArray(body)).build();
		}

		private byte[] json(JsonNode schema, int i) {
			JsonNode value = value(schema, 0);
			int mutations = switch (i % 5) {
				case 0 -> 0;
				case 1, 2 -> 1;
				default -> 1 + this.random.nextInt(4);
			};
			for (int m = 0; m < mutations && value.isContainer(); m++) {
				mutate(value);
			}
			String text = LiveHttp.JSON.writeValueAsString(value);
			if (i % 11 == 10 && !text.isEmpty()) {
				text = brokenText(text);
			}
			return text.getBytes(StandardCharsets.UTF_8);
		}

		private String brokenText(String text) {
			int at = this.random.nextInt(text.length());
			return switch (this.random.nextInt(5)) {
				case 0 -> text.substring(0, at);
				case 1 -> text.substring(0, at) + "\"" + text.substring(at);
				case 2 -> text.substring(0, at) + "NaN" + text.substring(at);
				case 3 -> text + text;
				default -> text.replace(":", ":" + "[".repeat(this.random.nextInt(2000)));
			};
		}

		private byte[] multipart(JsonNode schema, String boundary, int i) {
			StringBuilder body = new StringBuilder();
			for (Map.Entry<String, JsonNode> part : resolve(schema).path("properties").properties()) {
				if (this.random.nextInt(10) < 2) {
					continue;
				}
				JsonNode partSchema = resolve(part.getValue());
				boolean files = partSchema.path("type").asString().equals("array")
						|| partSchema.path("format").asString().equals("binary");
				String filename = files ? pick("orders.csv", "personas.drl", "thresholds.yaml", "tests/x.yaml", "../etc/passwd",
						"a b.drl", "", "x.txt", "customers.csv.gz") : null;
				body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(part.getKey())
					.append('"').append((filename != null) ? "; filename=\"" + filename + "\"" : "").append("\r\n\r\n")
					.append(files ? fileContent(i) : scalar(partSchema)).append("\r\n");
			}
			body.append("--").append(boundary).append((i % 13 == 12) ? "\r\n" : "--\r\n");
			return body.toString().getBytes(StandardCharsets.UTF_8);
		}

		private String fileContent(int i) {
			StringBuilder csv = new StringBuilder(pick("customer_id,order_id,placed_at,total\n",
					"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n",
					"customer_id,type,occurred_at,apple_mpp\n", "rule \"x\" when then end\n", "", "\u0000\u00ff\n"));
			for (int row = 0; row < this.random.nextInt(6); row++) {
				csv.append(pick("c-1", "", "\"", "17850.0")).append(',').append(pick("o-1", "o-1", "x", "-1")).append(',')
					.append(pick("2011-12-01T08:26:00Z", "12/1/2010 8:26", "yesterday", "")).append(',')
					.append((i % 2 == 0) ? pick("10.5", "-3", "NaN", "1e400", "") : nasty()).append('\n');
			}
			return csv.toString();
		}

		/** A value that fits the schema, mostly: examples, enums, formats, bounds. */
		JsonNode value(JsonNode schema, int depth) {
			JsonNode s = resolve(schema);
			if (s.has("enum") && s.path("enum").isArray() && !s.path("enum").isEmpty()) {
				return s.path("enum").get(this.random.nextInt(s.path("enum").size()));
			}
			if (s.has("example") && this.random.nextInt(4) == 0) {
				return s.path("example");
			}
			String type = type(s);
			switch (type) {
				case "object": {
					ObjectNode object = LiveHttp.JSON.createObjectNode();
					List<String> required = new ArrayList<>();
					s.path("required").forEach((name) -> required.add(name.asString()));
					if (depth < 4) {
						for (Map.Entry<String, JsonNode> property : s.path("properties").properties()) {
							if (required.contains(property.getKey()) || this.random.nextInt(10) < 6) {
								object.set(property.getKey(), value(property.getValue(), depth + 1));
							}
						}
					}
					return object;
				}
				case "array": {
					ArrayNode array = LiveHttp.JSON.createArrayNode();
					int size = (depth < 4) ? this.random.nextInt(4) : 0;
					for (int k = 0; k < size; k++) {
						array.add(value(s.path("items"), depth + 1));
					}
					return array;
				}
				case "integer":
					return LiveHttp.JSON.getNodeFactory().numberNode(this.random.nextInt(200));
				case "number":
					return LiveHttp.JSON.getNodeFactory().numberNode(BigDecimal.valueOf(this.random.nextInt(100_000), 2));
				case "boolean":
					return LiveHttp.JSON.getNodeFactory().booleanNode(this.random.nextBoolean());
				default:
					return LiveHttp.JSON.getNodeFactory().stringNode(scalar(s));
			}
		}

		String scalar(JsonNode schema) {
			JsonNode s = resolve(schema);
			if (s.has("enum") && !s.path("enum").isEmpty()) {
				return s.path("enum").get(this.random.nextInt(s.path("enum").size())).asString();
			}
			if (s.path("format").asString().equals("date-time")) {
				return Instant.now().minusSeconds(this.random.nextLong(86_400L * 800)).toString();
			}
			return switch (type(s)) {
				case "integer" -> Integer.toString(this.random.nextInt(200));
				case "number" -> BigDecimal.valueOf(this.random.nextInt(100_000), 2).toPlainString();
				case "boolean" -> Boolean.toString(this.random.nextBoolean());
				default -> pick("c-" + this.random.nextInt(1000), "SE", "GB", "shoes", "en", "sv,en;q=0.5", "auto", "orders",
						"uci");
			};
		}

		/** Replaces, removes or adds one property or element somewhere in the tree. */
		void mutate(JsonNode root) {
			JsonNode target = root;
			for (int hops = this.random.nextInt(4); hops > 0 && target.isContainer() && !target.isEmpty(); hops--) {
				JsonNode child = target.get(this.random.nextInt(target.size()));
				if (target.isObject()) {
					List<String> names = new ArrayList<>(target.propertyNames());
					child = target.get(names.get(this.random.nextInt(names.size())));
				}
				if (!child.isContainer()) {
					break;
				}
				target = child;
			}
			if (target instanceof ObjectNode object) {
				List<String> names = new ArrayList<>(object.propertyNames());
				int choice = this.random.nextInt(10);
				if (names.isEmpty() || choice == 0) {
					object.set(pick("zzz", "appleMPP", "customerID", "total"), nastyNode());
				}
				else if (choice == 1) {
					object.remove(names.get(this.random.nextInt(names.size())));
				}
				else {
					object.set(names.get(this.random.nextInt(names.size())), nastyNode());
				}
			}
			else if (target instanceof ArrayNode array) {
				if (array.isEmpty() || this.random.nextBoolean()) {
					array.add(nastyNode());
				}
				else {
					array.set(this.random.nextInt(array.size()), nastyNode());
				}
			}
		}

		JsonNode nastyNode() {
			var nodes = LiveHttp.JSON.getNodeFactory();
			return switch (this.random.nextInt(16)) {
				case 0 -> nodes.nullNode();
				case 1 -> nodes.numberNode(-1);
				case 2 -> nodes.numberNode(new BigDecimal("1e400"));
				case 3 -> nodes.numberNode(new BigDecimal("-0.0000001"));
				case 4 -> nodes.numberNode(2_147_483_648L);
				case 5 -> nodes.numberNode(Long.MIN_VALUE);
				case 6 -> nodes.numberNode(1.5);
				case 7 -> nodes.booleanNode(true);
				case 8 -> LiveHttp.JSON.createArrayNode();
				case 9 -> LiveHttp.JSON.createObjectNode();
				case 10 -> nodes.numberNode(new BigDecimal("1e-400"));
				default -> nodes.stringNode(nasty());
			};
		}

		String nasty() {
			return pick("", " ", "NaN", "-Infinity", "-1", "99999999999999999999", "2026-13-45T00:00:00Z", "+999999999-12-31T23:59:59Z",
					"1969-01-01T00:00:00Z", "x".repeat(300), "\u0000", "é\u202e", "' OR 1=1 --", "../../etc/passwd", "${jndi:ldap://x}",
					"%s%n", "null", "email_bounce", "UK", "true");
		}

		private JsonNode resolve(JsonNode schema) {
			JsonNode s = schema;
			for (int hops = 0; s.has("$ref") && hops < 10; hops++) {
				String ref = s.path("$ref").asString();
				s = this.api.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
			}
			if (s.has("allOf") && s.path("allOf").size() == 1) {
				return resolve(s.path("allOf").get(0));
			}
			return s;
		}

		private static String type(JsonNode s) {
			JsonNode type = s.path("type");
			if (type.isArray()) {
				for (JsonNode t : type) {
					if (!t.asString().equals("null")) {
						return t.asString();
					}
				}
			}
			if (type.isString()) {
				return type.asString();
			}
			return s.has("properties") ? "object" : s.has("items") ? "array" : "string";
		}

		private static boolean isHeaderSafe(String value) {
			return value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
		}

		private String pick(String... values) {
			return values[this.random.nextInt(values.length)];
		}

	}

}
