package io.personaengine.api;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import io.personaengine.decisions.BatchTooLargeException;
import io.personaengine.decisions.DecisionTimeoutException;
import io.personaengine.decisions.RuleFailedException;
import io.personaengine.decisions.RulesDidNotSettleException;
import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.JsonProblems;
import io.personaengine.facts.Violation;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.coyote.CloseNowException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error as an RFC 9457 problem. Client mistakes carry {@code errors}: a list of the field
 * (a JSON path such as {@code orders[2].total}) and the reason; they are not logged as errors.
 * A failure of the service (a 5xx) has nothing of the request to name, so no {@code errors}: its
 * {@code detail} says what failed.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final URI INVALID_INPUT = URI.create("urn:persona-engine:problem:invalid-input");

	static final URI BATCH_TOO_LARGE = URI.create("urn:persona-engine:problem:batch-too-large");

	static final URI DECISION_TIMEOUT = URI.create("urn:persona-engine:problem:decision-timeout");

	static final URI RULES_DID_NOT_SETTLE = URI.create("urn:persona-engine:problem:rules-did-not-settle");

	private static final String DECISION_FAILED = "The service failed to decide; the error is logged. "
			+ "Please report it if it persists.";

	/** Any other request (a reload, a validation) is no decision, and is not said to be one. */
	private static final String REQUEST_FAILED = "The service failed to answer; the error is logged. "
			+ "Please report it if it persists.";

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final NoEndpoint noEndpoint;

	ApiExceptionHandler(ObjectProvider<HandlerMapping> mappings) {
		this.noEndpoint = new NoEndpoint(new AllowedMethods(mappings));
	}

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

	/**
	 * The rules ran past the request's time bound and were stopped: a condition of the service,
	 * which may pass, so 503 and one line at WARN; the stack trace says nothing the message does not.
	 */
	@ExceptionHandler(DecisionTimeoutException.class)
	ProblemDetail timedOut(DecisionTimeoutException ex) {
		log.warn("Decision timed out: {}", ex.getMessage());
		return rulesProblem(HttpStatus.SERVICE_UNAVAILABLE, DECISION_TIMEOUT, "Decision timed out", ex.getMessage()
				+ ". The service is overloaded or the rules are too slow for this request; try again later or with fewer customers.",
				ex.version());
	}

	/**
	 * A rule set that loops is a fault of the live rules, not of the caller: 500, logged at ERROR
	 * in one line naming the version, the customer and the rule that kept firing for it, to be
	 * fixed in {@code rules/}.
	 */
	@ExceptionHandler(RulesDidNotSettleException.class)
	ProblemDetail didNotSettle(RulesDidNotSettleException ex) {
		log.error("Rules did not settle: {}", ex.getMessage());
		return rulesProblem(HttpStatus.INTERNAL_SERVER_ERROR, RULES_DID_NOT_SETTLE, "Rules did not settle",
				ex.getMessage() + ". This is a fault of the live rules; it is logged.", ex.version());
	}

	/**
	 * A rule that throws is a fault of the live rules, as a rule set that loops is: logged at ERROR
	 * in one line naming the rule set, the rule with its file and line, and why, as a streamed
	 * segmentation logs it (RuleFailure.named). Its stack trace runs through Drools' engine and says
	 * nothing an operator needs that the line does not. The caller is told no more than of any
	 * failure of the service.
	 */
	@ExceptionHandler(RuleFailedException.class)
	ProblemDetail ruleFailed(RuleFailedException ex) {
		log.error("Decision failed: {}", ex.getMessage());
		return failed(HttpStatus.INTERNAL_SERVER_ERROR, DECISION_FAILED);
	}

	/** A problem of the live rules, not of the request: no errors, the detail names the rule set. */
	private static ProblemDetail rulesProblem(HttpStatus status, URI type, String title, String detail, String version) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		problem.setProperty("ruleSetVersion", version);
		return problem;
	}

	/** A multipart body that cannot be parsed (no closing boundary, broken headers): the caller's. */
	@ExceptionHandler(MultipartException.class)
	ProblemDetail malformedMultipart(MultipartException ex) {
		return invalid(List.of(new Violation("", "malformed multipart/form-data body: each part needs its headers and "
				+ "the body must end with the closing boundary")));
	}

	@ExceptionHandler(ProblemOnlyAccept.NotAcceptable.class)
	ResponseEntity<Object> problemOnly(ProblemOnlyAccept.NotAcceptable ex, WebRequest request) {
		return handleHttpMediaTypeNotAcceptable(ex.notAcceptable(), ex.notAcceptable().getHeaders(), HttpStatus.NOT_ACCEPTABLE,
				request);
	}

	/**
	 * The endpoints that produce application/problem+json only so that a problem reaches a client
	 * accepting nothing else (ProblemOnlyAccept) never answer in it: a 406 that offered it, in its
	 * Accept header and reason, sent the client to a type that is refused too.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<MediaType> answers = ex.getSupportedMediaTypes()
			.stream()
			.filter((type) -> !MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(type))
			.toList();
		if (answers.isEmpty() || answers.size() == ex.getSupportedMediaTypes().size()) {
			return super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request);
		}
		HttpMediaTypeNotAcceptableException offered = new HttpMediaTypeNotAcceptableException(answers);
		return super.handleHttpMediaTypeNotAcceptable(offered, offered.getHeaders(), status, request);
	}

	/**
	 * The firewall refuses a header when it is first read; one read by a controller (Accept-Language)
	 * is refused here, past the filter chain and {@link FirewallRejection}: it was a 500.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ProblemDetail firewallRejected(RequestRejectedException ex) {
		Violation violation = FirewallRejection.describe(ex.getMessage());
		ProblemDetail problem = invalid(List.of(violation));
		problem.setDetail(FirewallRejection.detail(violation));
		return problem;
	}

	/**
	 * An answer that must end without its last chunk (a streamed segmentation that ran out of time,
	 * or whose rules failed, after it began; logged where it is thrown) goes on to Tomcat as it is:
	 * Tomcat closes the connection for it, logging it at DEBUG only.
	 * Thrown again as the same exception, which Spring MVC hands on without logging it.
	 */
	@ExceptionHandler(CloseNowException.class)
	void closeNow(CloseNowException ex) throws CloseNowException {
		throw ex;
	}

	/**
	 * A failure of ours, not the caller's nor of the rules: a bug, logged with its stack trace, as
	 * where it happened in the code is said nowhere else. The body never shows it.
	 */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex, HttpServletRequest request, @Nullable HandlerMethod handler) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			// The caller hung up, typically in the middle of a streamed segmentation: not a failure
			// of the service, and there is no one left to answer.
			log.debug("Client went away before its answer was written: {}", ex.toString());
			return null;
		}
		// Told by the controller that failed, not by the path, which a context path would change.
		boolean decision = handler != null && (DecisionController.class.isAssignableFrom(handler.getBeanType())
				|| SegmentationController.class.isAssignableFrom(handler.getBeanType()));
		log.error("{} failed: {} {}", decision ? "Decision" : "Request", request.getMethod(), request.getRequestURI(), ex);
		return failed(HttpStatus.INTERNAL_SERVER_ERROR, decision ? DECISION_FAILED : REQUEST_FAILED);
	}

	/**
	 * A failure of the service, which the caller can do nothing about: no errors, as nothing of the
	 * request is at fault (an error with the field "" named nothing). Type about:blank
	 * (ProblemTypes), so the title is the status phrase (RFC 9457, section 4.2.1).
	 */
	static ProblemDetail failed(HttpStatus status, String detail) {
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodySizeLimit.TooLargeException tooLarge) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
						BodySizeLimit.detail("larger", tooLarge.limit));
				problem.setType(URI.create(BodySizeLimit.TYPE));
				problem.setTitle("Body too large");
				problem.setProperty("errors", List.of(new Violation("", BodySizeLimit.reason(tooLarge.limit))));
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).headers(headers).body(problem);
			}
		}
		Violation violation = describe(ex, request);
		return ResponseEntity.badRequest().headers(headers).body(invalid(List.of(violation)));
	}

	/**
	 * Spring's own problems of a request (wrong content type, method or path, a missing part) get
	 * the same {@code errors} list as ours, so a client reads every problem the same way; its
	 * failures of the service (a 5xx) none, as ours.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem && !statusCode.is5xxServerError()
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("errors"))) {
			HttpServletRequest http = servlet(request);
			Violation violation = (ex instanceof NoResourceFoundException) ? this.noEndpoint.at(http, http.getRequestURI())
					: violation(ex, problem, request);
			problem.setProperty("errors", List.of(violation));
			if (!violation.field().isEmpty()) {
				// The detail says what errors says, as for every problem of ours: Spring's says
				// "'null' is not supported" for a missing or unreadable Content-Type, "No static
				// resource api/v1/decisions." for a path where no endpoint is, "Method 'DELETE' is not
				// supported." without what is, "Acceptable representations: [...]".
				problem.setDetail(violation.field() + ": " + violation.reason());
			}
		}
		return response;
	}

	private static Violation violation(Exception ex, ProblemDetail problem, WebRequest request) {
		if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
			return new Violation(HttpHeaders.CONTENT_TYPE,
					ContentTypeReason.of(request.getHeader(HttpHeaders.CONTENT_TYPE), unsupported.getSupportedMediaTypes()));
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException notAcceptable) {
			return new Violation(HttpHeaders.ACCEPT, "this endpoint answers "
					+ MediaType.toString(notAcceptable.getSupportedMediaTypes()) + " (or application/problem+json)");
		}
		if (ex instanceof HttpRequestMethodNotSupportedException method) {
			return new Violation("method", "'" + method.getMethod() + "' is not supported here; use "
					+ String.join(", ", (method.getSupportedMethods() != null) ? method.getSupportedMethods() : new String[0]));
		}
		if (ex instanceof MissingServletRequestPartException part) {
			return new Violation(part.getRequestPartName(), "the part is required");
		}
		if (ex instanceof MissingServletRequestParameterException parameter) {
			return new Violation(parameter.getParameterName(), "the parameter is required");
		}
		if (ex instanceof MissingRequestHeaderException header) {
			return new Violation(header.getHeaderName(), "the header is required");
		}
		if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
			return new Violation(mismatch.getPropertyName(), "wrong type: " + JsonProblems.expected(mismatch.getRequiredType()));
		}
		return new Violation("", (problem.getDetail() != null) ? problem.getDetail() : String.valueOf(problem.getTitle()));
	}

	/**
	 * The detail says each error as "field: reason"; one about the request as a whole (field "")
	 * by its reason alone, which says what it is about ("the request body is missing: ...").
	 */
	static ProblemDetail invalid(List<Violation> violations) {
		String detail = violations.stream().map((v) -> v.field().isEmpty() ? v.reason() : v.field() + ": " + v.reason())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_INPUT);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", violations);
		return problem;
	}

	/**
	 * Turns what Jackson could not read into the field and a reason a person understands. Spring
	 * reads no body and JSON null alike as a missing body (no Jackson cause); only the declared
	 * length tells them apart, and a body sent chunked is said to be missing. Nothing but spaces
	 * reaches Jackson, which finds no content: missing too.
	 */
	static Violation describe(HttpMessageNotReadableException ex, WebRequest request) {
		if (ex.getCause() instanceof MismatchedInputException jackson
				&& String.valueOf(jackson.getOriginalMessage()).startsWith("No content to map due to end-of-input")) {
			return MissingBody.of("missing", request);
		}
		if (ex.getCause() instanceof JacksonException jackson) {
			return JsonProblems.describe(jackson);
		}
		boolean sentSomething = servlet(request).getContentLengthLong() > 0;
		return MissingBody.of(sentSomething ? "null" : "missing", request);
	}

	/** Spring MVC's request, which is always a servlet's. */
	private static HttpServletRequest servlet(WebRequest request) {
		return ((ServletWebRequest) request).getRequest();
	}

}
