package io.personaengine.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the OpenAPI document say what errors look like and which each operation answers.
 * Generated from Spring's {@code ProblemDetail} class, the schema had a {@code properties} map the
 * API never sends and no {@code errors} list, which it sends for every request refused; and most operations listed
 * only their 200. The answers every operation of a kind can give (a body that cannot be read, a
 * missing credential, an Accept header it cannot answer) are added here, so that a new operation gets them too; those of one
 * operation (a rollback's 404 and 409) are annotated on it.
 */
class ProblemResponses implements OpenApiCustomizer {

	static final String SCHEMA = "ProblemDetail";

	private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	@Override
	public void customise(OpenAPI api) {
		api.getComponents().addSchemas(SCHEMA, problemSchema());
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().values().forEach((path) -> path.readOperations().forEach(ProblemResponses::addProblems));
	}

	private static void addProblems(Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		// An answer is never a problem (ProblemOnlyAccept), even where the mapping produces both types.
		responses.forEach((code, response) -> {
			if (code.startsWith("2") && response.getContent() != null && response.getContent().size() > 1) {
				response.getContent().remove(PROBLEM_JSON);
			}
		});
		Map<String, String> problems = new LinkedHashMap<>();
		boolean body = operation.getRequestBody() != null;
		// Query parameters are checked; the only header parameter, Accept-Language, falls back to English.
		boolean query = operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch((parameter) -> "query".equals(parameter.getIn()));
		if (body || query) {
			problems.put("400", "Invalid input: errors lists each field and the reason");
		}
		List<String> schemes = (operation.getSecurity() != null)
				? operation.getSecurity().stream().flatMap((requirement) -> requirement.keySet().stream()).toList() : List.of();
		if (schemes.contains("admin")) {
			problems.put("401", "No admin credentials, or wrong ones (field Authorization)");
			problems.put("403", "These credentials may not call this operation (an API key instead of admin credentials)");
		}
		else if (schemes.contains("apiKey")) {
			problems.put("401", "No API key or a wrong one in X-API-Key (field X-API-Key), when persona.api.key is set");
		}
		// An operation that says what it answers refuses a client that accepts none of it.
		boolean answers = responses.entrySet().stream()
			.anyMatch((entry) -> entry.getKey().startsWith("2") && entry.getValue().getContent() != null
					&& !entry.getValue().getContent().isEmpty());
		if (answers) {
			problems.put("406", "The Accept header takes none of the types the operation answers (field Accept)");
		}
		if (body) {
			problems.put("413", "The body is larger than its limit (persona.api.max-body-size; the multipart limits for uploads)");
			problems.put("415", "A Content-Type the operation does not take (field Content-Type)");
		}
		problems.forEach((code, description) -> {
			ApiResponse response = responses.get(code);
			if (response == null) {
				responses.addApiResponse(code, new ApiResponse().description(description).content(problemContent()));
			}
			else if (response.getContent() == null || response.getContent().isEmpty()) {
				response.content(problemContent());
			}
		});
		// In the order of their codes, as a reader looks for them.
		ApiResponses sorted = new ApiResponses();
		new TreeMap<>(responses).forEach(sorted::addApiResponse);
		operation.setResponses(sorted);
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		ObjectSchema error = new ObjectSchema();
		error.addProperty("field", new StringSchema().description(
				"The JSON path of the field (orders[2].total), a header (Content-Type), path, method, or \"\" for the whole request")
			.example("orders[0].total"));
		error.addProperty("reason", new StringSchema().description("Why it was refused, for a person")
			.example("must be greater than or equal to 0"));
		error.setRequired(List.of("field", "reason"));
		ObjectSchema problem = new ObjectSchema();
		problem.description("An RFC 9457 problem. Some problems add members: errors (a request refused), "
				+ "ruleSetVersion (a rules failure), report (rejected rules).");
		problem.addProperty("type", new StringSchema().format("uri").description("What kind of problem; about:blank when only "
				+ "the status says it").example("urn:persona-engine:problem:invalid-input"));
		problem.addProperty("title", new StringSchema().description("The status phrase (Not Found) when type is "
				+ "about:blank, as RFC 9457 asks; otherwise the kind of problem the type names").example("Invalid input"));
		problem.addProperty("status", new IntegerSchema().example(400));
		problem.addProperty("detail", new StringSchema().description("Every error in one sentence")
			.example("orders[0].total: must be greater than or equal to 0"));
		problem.addProperty("instance", new StringSchema().format("uri").example("/api/v1/decisions"));
		problem.addProperty("errors", new ArraySchema().items(error)
			.description("Each field of the request refused and why: never empty when the request is refused (4xx, 505). "
					+ "Left out when the service failed (500, 503): nothing of the request is at fault, and detail says "
					+ "what failed"));
		// Every problem the service sends has these (ProblemTypes, RawProblem); instance too, unless the path is no URI.
		problem.setRequired(List.of("type", "title", "status", "detail"));
		return problem;
	}

}
