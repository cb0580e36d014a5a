package io.personaengine.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the running service, and what every answer to a bad request must look like. */
final class LiveHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** A Java frame or an exception class name: never in a body a client sees. */
	private static final Pattern STACK_TRACE = Pattern.compile("\\bat [a-z][\\w.$]+\\(|Exception\\b|\\.java:\\d+");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	LiveHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	URI uri(String path) {
		return URI.create(this.base + path);
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
	}

	/** For an answer read other than as a string (as bytes, to see how it is encoded). */
	HttpClient client() {
		return this.client;
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The documented example customer: a request the service must always answer with 200. */
	boolean answersAGoodRequest() throws IOException, InterruptedException {
		HttpResponse<String> response = send(request("/api/v1/decisions").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(DecisionController.EXAMPLE))
			.build());
		return response.statusCode() == 200 && response.body().contains("\"persona\"");
	}

	/** What is wrong with an error answer; empty when it is a problem a client can act on. */
	static List<String> problemFaults(HttpResponse<String> response) {
		List<String> faults = new ArrayList<>();
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (!type.startsWith("application/problem+json")) {
			faults.add("content type '" + type + "', not application/problem+json");
		}
		if (STACK_TRACE.matcher(response.body()).find()) {
			faults.add("stack trace or exception name in the body");
		}
		try {
			JsonNode problem = JSON.readTree(response.body());
			if (problem.path("status").asInt() != response.statusCode()) {
				faults.add("problem status " + problem.path("status") + " differs from " + response.statusCode());
			}
			// Every problem alike, whoever wrote it: Spring MVC, a filter, the firewall or Tomcat.
			for (String member : new String[] { "type", "title", "detail", "instance" }) {
				if (problem.path(member).asString("").isBlank()) {
					faults.add("problem without " + member);
				}
			}
			// RFC 9457, 4.2.1: with about:blank the title should be the status phrase; a title of
			// its own goes with a type of its own.
			HttpStatus status = HttpStatus.resolve(response.statusCode());
			if (problem.path("type").asString("").equals("about:blank") && status != null
					&& !problem.path("title").asString("").equals(status.getReasonPhrase())) {
				faults.add("type about:blank with title " + problem.path("title") + ", not '" + status.getReasonPhrase() + "'");
			}
			// errors names what of the request was refused; a failure of the service has nothing of
			// it to name (a 505 refuses the request's HTTP version).
			JsonNode errors = problem.path("errors");
			if (status != null && status.is5xxServerError() && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED) {
				if (!errors.isMissingNode()) {
					faults.add("errors in a failure of the service, which names nothing of the request: " + errors);
				}
			}
			else if (!errors.isArray() || errors.isEmpty()) {
				faults.add("problem without errors[]");
			}
			for (JsonNode error : errors) {
				if (!error.has("field") || error.path("reason").asString("").isBlank()) {
					faults.add("error without field or reason: " + error);
				}
			}
		}
		catch (RuntimeException ex) {
			faults.add("body is not JSON: " + abbreviate(response.body()));
		}
		return faults;
	}

	static String abbreviate(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

}
