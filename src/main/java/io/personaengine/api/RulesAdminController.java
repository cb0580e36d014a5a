package io.personaengine.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.personaengine.facts.Violation;
import io.personaengine.rules.ReloadReport;
import io.personaengine.rules.RollbackException;
import io.personaengine.rules.RuleFiles;
import io.personaengine.rules.RulesLifecycle;
import io.personaengine.scenarios.ScenarioFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "Rules administration", description = "Reload, validate and roll back rules (admin, HTTP basic)")
@SecurityRequirement(name = "admin")
@RestController
@RequestMapping(path = "/api/v1/rules", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnProperty(name = "persona.admin.enabled", havingValue = "true")
class RulesAdminController {

	static final URI REJECTED = URI.create("urn:persona-engine:problem:rules-rejected");

	/** Relative paths of rule and scenario files: no absolute paths, no climbing out of the folder. */
	private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");

	private final RulesLifecycle lifecycle;

	RulesAdminController(RulesLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Operation(summary = "Read the rules folder again and make it live if it compiles and passes its scenarios",
			description = "200 with outcome LOADED or UNCHANGED; 422 with the report when the candidate is rejected "
					+ "(the previous rules keep serving).")
	@ApiResponse(responseCode = "200", description = "The report: outcome LOADED or UNCHANGED",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReloadReport.class)))
	@ApiResponse(responseCode = "422", description = "The candidate was rejected; the previous rules keep serving. The "
			+ "problem carries the report (problems, failing scenarios)", content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
	@PostMapping("/reload")
	ResponseEntity<?> reload() {
		ReloadReport report = this.lifecycle.reload("POST /api/v1/rules/reload");
		if (!report.rejected()) {
			return ResponseEntity.ok(report);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				report.rejection() + "; " + report.liveVersion() + " keeps serving. "
						+ report.problems().size() + " problem(s), " + report.failedScenarios().size() + " failing scenario(s).");
		problem.setType(REJECTED);
		problem.setTitle("Rules rejected");
		problem.setProperty("errors", List.of(new Violation("rules", problem.getDetail())));
		problem.setProperty("report", report);
		return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@Operation(summary = "Compile uploaded rule files and run the scenarios, without going live",
			description = "Each part named 'files' is a file; its filename is its path in the rules folder "
					+ "(personas.drl, thresholds.yaml, tests/mine.yaml); a path the rules folder never reads (in a hidden "
					+ "folder, a hidden file, an editor's backup) is refused. The uploads replace or add to the files of the "
					+ "rules folder, unless replace=true, when they are the whole rule set. Answers the report a reload "
					+ "would give (outcome VALID or REJECTED); uploaded rules are never used for live decisions.")
	@PostMapping(path = "/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ReloadReport validate(@RequestPart("files") List<MultipartFile> files,
			@RequestParam(name = "replace", defaultValue = "false") boolean replace) throws IOException {
		SortedMap<String, byte[]> ruleFiles = new TreeMap<>();
		SortedMap<String, byte[]> scenarioFiles = new TreeMap<>();
		for (int i = 0; i < files.size(); i++) {
			MultipartFile file = files.get(i);
			String path = file.getOriginalFilename();
			// "." and "" too: ./personas.drl is no path the folder's walk would give, and its '.' no hidden folder.
			if (path == null || path.startsWith("/") || path.endsWith("/")
					|| List.of(path.split("/")).stream().anyMatch((segment) -> segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
				throw notRelative(i, path);
			}
			// Validated, it would say something of rules that cannot go live; ignored, the answer
			// would be of a set without it, and read as though the upload were in it.
			String neverRead = RuleFiles.neverRead(path);
			if (neverRead != null) {
				throw invalid("files[" + i + "]", "'" + path + "' " + neverRead + ": it would not go live");
			}
			if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
				throw notRelative(i, path);
			}
			if (ScenarioFiles.isScenarioFile(path)) {
				scenarioFiles.put(path, file.getBytes());
			}
			else if (RuleFiles.isRuleFile(path)) {
				ruleFiles.put(path, file.getBytes());
			}
			else {
				throw invalid("files[" + i + "]", "'" + path + "' is not a rule file (*.drl, *.dsl, *.dslr, thresholds.yaml, "
						+ "catalogue/*.yaml) nor a scenario file (tests/*.yaml)");
			}
		}
		String reason = "POST /api/v1/rules/validate";
		return replace ? this.lifecycle.validate(ruleFiles, scenarioFiles, reason)
				: this.lifecycle.validateOverFolder(ruleFiles, scenarioFiles, reason);
	}

	@Operation(summary = "Go back to the previous good rule set, or to a version from the history, at once",
			description = "Does not read the folder. 404 for a version not in the history; 409 when there is nothing "
					+ "earlier.")
	@ApiResponse(responseCode = "200", description = "The new status")
	@ApiResponse(responseCode = "404", description = "The version is not in the history (field version)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
	@ApiResponse(responseCode = "409", description = "Nothing earlier to go back to, or the version is live already "
			+ "(field version)", content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/" + ProblemResponses.SCHEMA)))
	@PostMapping("/rollback")
	RulesLifecycle.Status rollback(@RequestParam(name = "version", required = false) String version) {
		this.lifecycle.rollback(version);
		return this.lifecycle.status();
	}

	@ExceptionHandler(RollbackException.class)
	ProblemDetail cannotRollBack(RollbackException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(
				ex.unknownVersion() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, ex.getMessage());
		// Type about:blank (ProblemTypes), so the title is the status phrase; the detail says why.
		problem.setProperty("errors", List.of(new Violation("version", ex.getMessage())));
		return problem;
	}

	private static io.personaengine.facts.InvalidInputException notRelative(int part, String path) {
		return invalid("files[" + part + "]", "filename '" + path + "' is not a relative path in the rules folder");
	}

	private static io.personaengine.facts.InvalidInputException invalid(String field, String reason) {
		return new io.personaengine.facts.InvalidInputException(List.of(new Violation(field, reason)));
	}

}
