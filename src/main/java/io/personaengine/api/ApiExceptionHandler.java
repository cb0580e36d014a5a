package io.personaengine.api;

import java.net.URI;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.personaengine.decisions.BatchTooLargeException;
import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.JsonPath;
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
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

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
		Throwable cause = ex.getCause();
		if (!(cause instanceof JacksonException jackson)) {
			return new Violation("", "the request body is missing or is not JSON");
		}
		String field = JsonPath.of(jackson);
		if (jackson instanceof UnrecognizedPropertyException unknown) {
			return new Violation(field, "unknown property '" + unknown.getPropertyName() + "'");
		}
		if (jackson instanceof InvalidFormatException format) {
			return new Violation(field, "invalid value '" + format.getValue() + "': " + expected(format.getTargetType()));
		}
		if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return new Violation(field, "wrong type: " + expected(mismatch.getTargetType()));
		}
		if (jackson instanceof StreamReadException) {
			String message = firstLine(jackson.getOriginalMessage());
			if (message.contains("'NaN'") || message.contains("Infinity")) {
				return new Violation(field, "not a finite number: NaN and Infinity are not numbers in JSON");
			}
			// Jackson suggests its own switches; a client can do nothing with them.
			return new Violation(field, "malformed JSON: " + message.replaceAll(": enable `.*` to allow.*$", ""));
		}
		if (rootCause(jackson) instanceof DateTimeParseException) {
			return new Violation(field, "invalid value: " + expected(java.time.Instant.class));
		}
		return new Violation(field, firstLine(jackson.getOriginalMessage()));
	}

	static String expected(Class<?> type) {
		if (type == null) {
			return "unexpected value";
		}
		if (type.isEnum()) {
			return "expected one of " + Arrays.stream(type.getEnumConstants())
				.map(ApiExceptionHandler::wireName)
				.collect(Collectors.joining(", "));
		}
		if (type == java.time.Instant.class) {
			return "expected an ISO-8601 instant such as 2026-11-01T09:30:00Z";
		}
		if (type == java.math.BigDecimal.class || type == Double.class || type == double.class) {
			return "expected a number";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "expected a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "expected true or false";
		}
		if (type == String.class) {
			return "expected a string";
		}
		if (java.util.Collection.class.isAssignableFrom(type)) {
			return "expected an array";
		}
		return "expected an object";
	}

	private static String wireName(Object constant) {
		if (constant instanceof io.personaengine.facts.EventType type) {
			return type.wireName();
		}
		return constant.toString().toLowerCase(java.util.Locale.ROOT);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
