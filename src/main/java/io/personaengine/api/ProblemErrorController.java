package io.personaengine.api;

import java.io.EOFException;
import java.net.URI;
import java.util.List;
import java.util.Set;

import io.personaengine.facts.Violation;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Errors that never reached a controller (Tomcat refusing TRACE, a filter sending an error) as
 * problems. Boot's own error controller answers them with its plain JSON, or a white-label HTML
 * page to a browser, unlike every other error of the API. Always problem JSON, whatever the
 * Accept header: the client is told what went wrong in the one form this API uses for errors.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	private final AllowedMethods allowedMethods;

	private final NoEndpoint noEndpoint;

	ProblemErrorController(ObjectProvider<HandlerMapping> mappings) {
		this.allowedMethods = new AllowedMethods(mappings);
		this.noEndpoint = new NoEndpoint(this.allowedMethods);
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			// Included by Tomcat after a failure past the start of the answer (a streamed segmentation
			// cut short): a problem in the middle of it would read as part of it. Tomcat then closes
			// the connection without ending the answer.
			return null;
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		// Without an error status, someone asked for the error path itself.
		HttpStatus status = (code == null) ? HttpStatus.NOT_FOUND
				: (code instanceof Integer value && HttpStatus.resolve(value) != null) ? HttpStatus.resolve(value)
						: HttpStatus.INTERNAL_SERVER_ERROR;
		String path = (uri != null) ? uri.toString() : request.getRequestURI();
		// The error dispatch is a GET; Servlet 6.1 keeps the method the client sent (TRACE, say).
		Object sent = request.getAttribute(RequestDispatcher.ERROR_METHOD);
		String method = (sent != null) ? sent.toString() : request.getMethod();
		Set<String> allowed = Set.of();
		if (status == HttpStatus.METHOD_NOT_ALLOWED) {
			// Tomcat's Allow, on refusing TRACE, lists every method its servlet has, whatever the path.
			allowed = this.allowedMethods.of(request, response, path, method);
			if (allowed.isEmpty()) {
				status = HttpStatus.NOT_FOUND;
				// Nor does a 404 keep Tomcat's Allow: null takes the header out (Servlet 6.1).
				response.setHeader(HttpHeaders.ALLOW, null);
			}
			else {
				response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
			}
		}
		ProblemDetail problem;
		if (status.is5xxServerError()) {
			// The container has logged the failure; the body never shows it.
			problem = ApiExceptionHandler.failed(status, "The service failed; the error is logged. Please report it if it persists.");
		}
		else if (status == HttpStatus.BAD_REQUEST && endedEarly(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
			// Tomcat answers 400 when the body ends early, and keeps the reason only in the exception.
			long length = request.getContentLengthLong();
			problem = ApiExceptionHandler.invalid(List.of(new Violation("", (length >= 0)
					? "the body ended before the " + length + " bytes its Content-Length announced"
					: "the body ended before its last chunk")));
		}
		else {
			Violation violation = (status == HttpStatus.NOT_FOUND) ? this.noEndpoint.at(request, path)
					: violation(status, method, path);
			if (!allowed.isEmpty()) {
				violation = new Violation(violation.field(), violation.reason() + "; use " + String.join(", ", allowed));
			}
			problem = ProblemDetail.forStatusAndDetail(status,
					(violation.field().isEmpty() ? "request" : violation.field()) + ": " + violation.reason());
			problem.setProperty("errors", List.of(violation));
		}
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			// A path that is no URI (it was refused for that) is left out rather than mangled.
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** Whether reading the body failed because the client closed it before its end. */
	private static boolean endedEarly(Object exception) {
		for (Throwable cause = (exception instanceof Throwable thrown) ? thrown : null; cause != null; cause = cause.getCause()) {
			if (cause instanceof EOFException) {
				return true;
			}
		}
		return false;
	}

	static Violation violation(HttpStatus status, String method, String path) {
		return switch (status) {
			case NOT_FOUND -> new Violation("path", NoEndpoint.reason(path));
			case METHOD_NOT_ALLOWED -> new Violation("method", "'" + RawProblem.abbreviate(method) + "' is not supported here");
			case CONTENT_TOO_LARGE -> new Violation("", "the request is too large");
			case URI_TOO_LONG -> new Violation("path", "the URL is too long");
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> new Violation("headers", "the headers are too large");
			default -> new Violation("", "the request could not be read: " + status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT));
		};
	}

}
