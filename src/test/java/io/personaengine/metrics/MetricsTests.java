package io.personaengine.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The scrape after real decisions from REST, batch and Kafka holds every metric operators rely
 * on, and every dashboard query names only metrics the scrape holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "persona.kafka.enabled=true", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"persona.rules.watch=false" })
@EmbeddedKafka(partitions = 1)
class MetricsTests {

	static final HttpClient http = HttpClient.newHttpClient();

	static final JsonMapper json = JsonMapper.builder().build();

	/** Metric names in PromQL: the prefixes of this service, Spring's HTTP metrics, Kafka's, the JVM's. */
	static final Pattern METRIC = Pattern.compile("\\b((?:persona|http_server|kafka|jvm|process)_[a-zA-Z0-9_]+)");

	static String scrape;

	static String base;

	@BeforeAll
	static void decideThroughEverySourceAndScrape(@LocalServerPort int port, @Value("${spring.embedded.kafka.brokers}") String brokers)
			throws Exception {
		base = "http://localhost:" + port;
		send(HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"m-1\",\"asOf\":\"2026-11-01T00:00:00Z\",\"profile\":{\"country\":\"SE\",\"emailConsent\":true},"
					+ "\"summary\":{\"orderCount\":3,\"totalSpent\":450,\"daysSinceLastOrder\":10}}")).build());
		send(HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"\"}")).build());
		String boundary = "b";
		String orders = Files.readString(Path.of("src/test/resources/imports/orders.csv"));
		send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segmentations?asOf=2011-12-10T00:00:00Z"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"orders\"; filename=\"orders.csv\"\r\n\r\n"
					+ orders + "\r\n--b--\r\n"))
			.build());
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>("persona.customers", "k-1", "{\"customerId\":\"k-1\",\"summary\":{\"orderCount\":0}}"));
			producer.send(new ProducerRecord<>("persona.customers", "k-2", "not json"));
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			scrape = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build()).body();
			return scrape.contains("persona_decision_duration_seconds_count{source=\"kafka\"")
					&& scrape.contains("persona_kafka_dead_letters_total{reason=\"unreadable\"} 1.0")
					&& scrape.contains("kafka_consumer_fetch_manager_records_lag_max{");
		});
	}

	@Test
	void decisionsAreCountedByPersonaAndSourceWithALatencyHistogram() {
		assertThat(value("persona_decisions_total", "persona=\"HIGH_ROLLER\"", "source=\"rest\"")).isEqualTo(1);
		assertThat(value("persona_decisions_total", "persona=\"HIGH_ROLLER\"", "source=\"batch\"")).isEqualTo(1);
		assertThat(value("persona_decisions_total", "persona=\"DEAD_WEIGHT\"", "source=\"kafka\"")).isEqualTo(1);
		assertThat(value("persona_decision_duration_seconds_bucket", "source=\"rest\"", "le=\"5.0E-6\"")).isNotNull();
		assertThat(value("persona_decision_duration_seconds_bucket", "source=\"kafka\"", "le=\"0.001\"")).isNotNull();
		assertThat(value("persona_decision_duration_seconds_count", "source=\"batch\"")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void segmentsRecommendationsAndRulesAreCounted() {
		assertThat(scrape).containsPattern("persona_segment_matches_total\\{segment=\"TOP_SPENDER\"\\}")
			.containsPattern("persona_recommendations_total\\{action=\"VIP_PERKS\",channel=\"EMAIL\"\\}")
			.containsPattern("persona_rule_fired_total\\{rule=\"RecentFrequentHighValueBuyerIsHighRoller\"\\}");
	}

	/**
	 * Before its first event, every series the live rules can be known to make is there at 0:
	 * rate() and increase() count from a series' first sample, so one that first appeared at 1
	 * would hide its first event from an alert ("any DEAD_WEIGHT decision from kafka", "rule X
	 * fired"). They first appeared at their first event.
	 */
	@Test
	void everyIdTheLiveRulesKnowIsCountedFromZero() throws Exception {
		JsonNode personas = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/personas")).build()).body());
		assertThat(personas.size()).isEqualTo(15);
		for (JsonNode persona : personas) {
			for (String source : List.of("rest", "batch", "kafka")) {
				assertThat(value("persona_decisions_total", "persona=\"" + persona.get("id").asString() + "\"", "source=\"" + source + "\""))
					.as("%s from %s", persona.get("id").asString(), source)
					.isNotNull();
			}
		}
		// Kafka decided one customer, a DEAD_WEIGHT.
		assertThat(value("persona_decisions_total", "persona=\"LAPSED_ENTHUSIAST\"", "source=\"kafka\"")).isZero();
		JsonNode segments = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/segments")).build()).body());
		assertThat(segments.size()).isGreaterThan(10);
		for (JsonNode segment : segments) {
			String id = segment.get("id").asString();
			// COUNTRY names the family COUNTRY_xx, which no customer is in as such; its members
			// appear at their first customer.
			Double count = value("persona_segment_matches_total", "segment=\"" + id + "\"");
			if (id.equals("COUNTRY")) {
				assertThat(count).as(id).isNull();
			}
			else {
				assertThat(count).as(id).isNotNull();
			}
		}
		// What the rules recommend where they write both the action and the channel, in DRL and
		// in the analysts' phrases (custom-segments.dslr).
		assertThat(value("persona_recommendations_total", "action=\"CART_RECOVERY_24H\"", "channel=\"SMS\"")).isZero();
		assertThat(value("persona_recommendations_total", "action=\"RETARGETING\"", "channel=\"PAID_SOCIAL\"")).isNotNull();
		assertThat(value("persona_recommendations_total", "action=\"SMS_WINBACK\"", "channel=\"SMS\"")).isZero();
		assertThat(value("persona_recommendations_total", "action=\"SUPPRESS\"", "channel=\"ALL\"")).isPositive();
		assertThat(value("persona_recommendations_total", "action=\"SUPPRESS\"", "channel=\"EMAIL\""))
			.as("no pair the rules do not write").isNull();
		JsonNode rules = json.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rules")).build()).body())
			.at("/live/rules");
		assertThat(rules.size()).isGreaterThan(50);
		for (JsonNode rule : rules) {
			assertThat(value("persona_rule_fired_total", "rule=\"" + rule.asString() + "\"")).as(rule.asString()).isNotNull();
		}
	}

	@Test
	void liveRulesVersionAndLoadTimeAreExposed() {
		assertThat(scrape).containsPattern("persona_rules_info\\{version=\"[0-9a-f]{12}\"\\} 1")
			.containsPattern("persona_rules_loaded_timestamp_seconds [0-9.E]+");
		assertThat(value("persona_rules_reloads_total", "outcome=\"compile_error\"")).as("registered before the first reload").isZero();
	}

	@Test
	void deadLettersAreCountedByReasonFromZeroAndKafkaClientMetricsIncludeLag() {
		assertThat(value("persona_kafka_dead_letters_total", "reason=\"unreadable\"")).isEqualTo(1);
		// Every reason from zero, before its first dead letter: rate() and increase() count from a
		// series' first sample, so one that first appeared at 1 would never show.
		assertThat(value("persona_kafka_dead_letters_total", "reason=\"invalid\"")).isZero();
		assertThat(value("persona_kafka_dead_letters_total", "reason=\"rules-did-not-settle\"")).isZero();
		assertThat(value("persona_kafka_dead_letters_total", "reason=\"failed\"")).isZero();
		assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max{")
			.contains("kafka_producer_record_send_total");
	}

	@Test
	void httpJvmAndProcessMetricsAreThereAndNoCustomerIdIsALabel() {
		assertThat(scrape).contains("http_server_requests_seconds_count{").contains("status=\"400\"")
			.contains("jvm_memory_used_bytes").contains("process_cpu_usage")
			.doesNotContain("m-1").doesNotContain("\"k-1\"");
	}

	@Test
	void everyDashboardUsesTheProvisionedDataSourceAndOnlyMetricsTheServiceExposes() throws IOException {
		String provisioned = Files.readString(Path.of("grafana/provisioning/datasources/prometheus.yaml"));
		assertThat(provisioned).contains("uid: prometheus");
		Set<String> exposed = new TreeSet<>();
		Matcher names = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(scrape);
		while (names.find()) {
			exposed.add(names.group(1));
		}
		List<Path> dashboards = dashboards();
		assertThat(dashboards).hasSizeGreaterThanOrEqualTo(2);
		int expressions = 0;
		for (Path dashboard : dashboards) {
			JsonNode root = json.readTree(dashboard.toFile());
			for (JsonNode panel : root.get("panels")) {
				assertThat(panel.at("/datasource/uid").asString()).as(dashboard + " " + panel.get("title")).isEqualTo("prometheus");
				for (JsonNode target : panel.get("targets")) {
					String expr = target.get("expr").asString();
					expressions++;
					Matcher metric = METRIC.matcher(expr);
					assertThat(metric.find()).as("%s: %s names a metric", dashboard.getFileName(), expr).isTrue();
					do {
						assertThat(exposed).as("%s panel '%s': %s", dashboard.getFileName(), panel.get("title").asString(), expr)
							.contains(metric.group(1));
					}
					while (metric.find());
				}
			}
		}
		assertThat(expressions).isGreaterThan(15);
	}

	/**
	 * A metric's name can be right and its label wrong: {@code sum by (clientId)}, a legend
	 * {@code {{personna}}} or a matcher {@code persona="UNCLASIFIED"} still gives a panel data (one
	 * unlabelled series, or 0 through {@code or vector(0)}), just not what it says. Every label a
	 * query groups, matches or joins by must be one of its metrics' labels in the scrape (or one
	 * Prometheus adds: instance, job), every value it matches exactly one the scrape has, and every
	 * legend label one the query's series carry.
	 */
	@Test
	void everyDashboardLabelGroupedMatchedOrShownIsOneItsMetricsHave() throws IOException {
		Map<String, Map<String, Set<String>>> labels = new HashMap<>();
		Matcher series = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\}").matcher(scrape);
		while (series.find()) {
			Matcher pair = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"").matcher(series.group(2));
			while (pair.find()) {
				labels.computeIfAbsent(series.group(1), (k) -> new HashMap<>())
					.computeIfAbsent(pair.group(1), (k) -> new TreeSet<>())
					.add(pair.group(2));
			}
		}
		int checked = 0;
		for (Path dashboard : dashboards()) {
			for (JsonNode panel : json.readTree(dashboard.toFile()).get("panels")) {
				for (JsonNode target : panel.get("targets")) {
					String expr = target.get("expr").asString();
					String where = dashboard.getFileName() + " panel '" + panel.get("title").asString() + "': " + expr;
					Set<String> known = new TreeSet<>(Set.of("instance", "job"));
					Matcher metric = METRIC.matcher(expr);
					while (metric.find()) {
						known.addAll(labels.getOrDefault(metric.group(1), Map.of()).keySet());
					}
					Matcher matchers = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_]*)\\{([^}]*)\\}").matcher(expr);
					while (matchers.find()) {
						Map<String, Set<String>> own = labels.getOrDefault(matchers.group(1), Map.of());
						Matcher matcher = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)\\s*\"([^\"]*)\"").matcher(matchers.group(2));
						while (matcher.find()) {
							checked++;
							assertThat(own).as("%s matches label %s", where, matcher.group(1)).containsKey(matcher.group(1));
							if (matcher.group(2).equals("=")) {
								assertThat(own.get(matcher.group(1))).as("%s matches %s=\"%s\"", where, matcher.group(1), matcher.group(3))
									.contains(matcher.group(3));
							}
						}
					}
					// label_replace makes the label it writes, which a grouping may then name.
					Matcher replaced = Pattern.compile("\"([a-zA-Z_][a-zA-Z0-9_]*)\",\\s*\"[^\"]*\",\\s*\"[^\"]*\",\\s*\"[^\"]*\"\\)")
						.matcher(expr);
					while (replaced.find()) {
						known.add(replaced.group(1));
					}
					Matcher grouping = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)").matcher(expr);
					while (grouping.find()) {
						for (String label : grouping.group(1).split(",")) {
							if (!label.isBlank()) {
								checked++;
								assertThat(known).as("%s groups or joins by %s", where, label.trim()).contains(label.trim());
							}
						}
					}
					Matcher legend = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\}\\}")
						.matcher(target.path("legendFormat").asString(""));
					while (legend.find()) {
						checked++;
						assertThat(known).as("%s shows label %s in its legend", where, legend.group(1)).contains(legend.group(1));
					}
				}
			}
		}
		assertThat(checked).isGreaterThan(20);
	}

	/**
	 * Spring creates the series of a status and path at its first such request, so an instance
	 * that has answered no request with an error has no series for the panel of HTTP errors, which
	 * said "No data" as if the metric were missing. It falls back to 0 while the service answers
	 * requests at all, which it does at every scrape.
	 */
	@Test
	void httpErrorsPanelFallsBackToZeroWhileTheServiceAnswersRequests() throws IOException {
		String errors = "sum by (status, uri) (rate(http_server_requests_seconds_count{status=~\"4..|5..\"}[$__rate_interval]))";
		assertThat(panelExpression("decisions.json", "HTTP errors per second by status"))
			.isEqualTo(errors + " or on() label_replace(0 * sum(rate(http_server_requests_seconds_count[$__rate_interval])), "
					+ "\"status\", \"no errors\", \"\", \"\")");
		assertThat(value("http_server_requests_seconds_count", "status=\"200\"")).as("a request that did not fail").isPositive();
	}

	/**
	 * Every panel has data on a healthy instance where nothing happens: every series of the scrape
	 * but those of HTTP errors, each at a constant value for three minutes, each panel's query
	 * evaluated by Prometheus' own engine ({@code promtool test rules}); {@code absent()} of a query
	 * is empty exactly when the query is not. Latency quantiles and shares of no decisions are NaN,
	 * which is data. Top fired rules is left out: it keeps only rules that fired.
	 */
	@Test
	void everyPanelButTopFiredRulesHasDataWhenNothingHappensWherePromtoolIsInstalled() throws Exception {
		assumeThat(Files.isExecutable(Path.of("/usr/bin/promtool"))).as("promtool installed (Debian package prometheus)").isTrue();
		StringBuilder tests = new StringBuilder("""
				rule_files: []
				tests:
				  - interval: 5s
				    input_series:
				""");
		for (String line : scrape.split("\n")) {
			if (!line.startsWith("#") && !line.isBlank() && !line.matches("http_server_requests.*status=\"[45]\\d\\d\".*")) {
				tests.append("      - series: '").append(line.substring(0, line.lastIndexOf(' ')).replace("'", "''")).append("'\n")
					.append("        values: '1x36'\n");
			}
		}
		tests.append("    promql_expr_test:\n");
		for (Path dashboard : dashboards()) {
			for (JsonNode panel : json.readTree(dashboard.toFile()).get("panels")) {
				if (!panel.get("title").asString().equals("Top fired rules")) {
					for (JsonNode target : panel.get("targets")) {
						// Grafana's interval for rate(), at least four scrape intervals.
						String expr = target.get("expr").asString().replace("$__rate_interval", "1m");
						tests.append("      - expr: 'absent(").append(expr.replace("'", "''")).append(")'\n")
							.append("        eval_time: 2m\n")
							.append("        exp_samples: []\n");
					}
				}
			}
		}
		Path file = Files.createTempFile("panels-", ".yaml");
		try {
			Files.writeString(file, tests);
			Process promtool = new ProcessBuilder("/usr/bin/promtool", "test", "rules", file.toString()).redirectErrorStream(true)
				.start();
			String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(promtool.waitFor()).as(output).isZero();
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void expositionPassesPromtoolWhereItIsInstalled() throws Exception {
		assumeThat(Files.isExecutable(Path.of("/usr/bin/promtool"))).as("promtool installed (Debian package prometheus)").isTrue();
		Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
		promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
		promtool.getOutputStream().close();
		String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		promtool.waitFor();
		// promtool also lints names it merely dislikes (counters from Kafka's own client); only
		// errors of the format fail the check.
		assertThat(output).doesNotContain("error while linting").doesNotContain("text format parsing error");
	}

	/** The expression of the only target of the panel titled {@code title} in {@code dashboard}. */
	static String panelExpression(String dashboard, String title) throws IOException {
		for (JsonNode panel : json.readTree(Path.of("grafana/dashboards", dashboard).toFile()).get("panels")) {
			if (panel.get("title").asString().equals(title)) {
				assertThat(panel.get("targets")).hasSize(1);
				return panel.get("targets").get(0).get("expr").asString();
			}
		}
		throw new AssertionError("No panel " + title + " in " + dashboard);
	}

	static List<Path> dashboards() throws IOException {
		List<Path> dashboards = new ArrayList<>();
		try (var files = Files.list(Path.of("grafana/dashboards"))) {
			files.filter((p) -> p.toString().endsWith(".json")).sorted().forEach(dashboards::add);
		}
		return dashboards;
	}

	/** The value of the sample of {@code name} with all of {@code labels}, or null if there is none. */
	static Double value(String name, String... labels) {
		for (String line : scrape.split("\n")) {
			if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
				return Double.valueOf(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return null;
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
