package io.personaengine.api;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import io.personaengine.decisions.BatchTooLargeException;
import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.JsonProblems;
import io.personaengine.facts.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error as an RFC 9457 problem. Client mistakes carry {@code errors}: a list of the field
 * (a JSON path such as {@code orders[2].total}) and the reason; they are not logged as errors.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final URI INVALID_INPUT = URI.create("urn:persona-engine:problem:invalid-input");

	static final URI BATCH_TOO_LARGE = URI.create("urn:persona-engine:problem:batch-too-large");

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalidInput(InvalidInputException ex) {
		return invalid(ex.violations());
	}

	@ExceptionHandler(BatchTooLargeException.class)
	ProblemDetail batchTooLarge(BatchTooLargeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setType(BATCH_TOO_LARGE);
		problem.setTitle("Batch too large");
		problem.setProperty("errors", List.of(new Violation("customers", ex.getMessage())));
		return problem;
	}

	/** A failure of ours, not the caller's: logged with its stack trace, which the body never shows. */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Decision failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed to decide; the error is logged. Please report it if it persists.");
		problem.setTitle("Internal error");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Violation violation = describe(ex);
		return ResponseEntity.badRequest().headers(headers).body(invalid(List.of(violation)));
	}

	static ProblemDetail invalid(List<Violation> violations) {
		String detail = violations.stream().map((v) -> (v.field().isEmpty() ? "body" : v.field()) + ": " + v.reason())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_INPUT);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", violations);
		return problem;
	}

	/** Turns what Jackson could not read into the field and a reason a person understands. */
	static Violation describe(HttpMessageNotReadableException ex) {
		if (ex.getCause() instanceof JacksonException jackson) {
			return JsonProblems.describe(jackson);
		}
		return new Violation("", "the request body is missing or is not JSON");
	}

}
