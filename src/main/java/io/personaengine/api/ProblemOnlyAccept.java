package io.personaengine.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The endpoints that check a body also declare application/problem+json, so that a client that
 * accepts only problems reaches them: a bad request gets its 400 problem, not a 406 that says
 * nothing about the body. Their answer is never sent as a problem, though: it goes out as
 * application/json when the client accepts that too, and is refused with a 406 problem when it
 * does not. Those endpoints only decide, so deciding and then refusing to send changes nothing.
 * <p>
 * This advice applies to the handler methods whose mapping declares application/problem+json
 * (the decisions and the campaign health check); the segmentation endpoint, which chooses and
 * writes its answer itself ({@link AcceptedTypes}), refuses through {@link NotAcceptable} in the
 * same way.
 */
@ControllerAdvice
class ProblemOnlyAccept implements ResponseBodyAdvice<Object> {

	private final Map<Method, Boolean> declaresProblems = new ConcurrentHashMap<>();

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		Method method = returnType.getMethod();
		return method != null && this.declaresProblems.computeIfAbsent(method, ProblemOnlyAccept::declaresProblems);
	}

	private static boolean declaresProblems(Method method) {
		return AcceptQualityCheck.produces(method, method.getDeclaringClass())
			.stream()
			.anyMatch(MediaType.APPLICATION_PROBLEM_JSON::equalsTypeAndSubtype);
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail) {
			return body;
		}
		// Read by quality, as Spring MVC's choice is not: beside a range that takes problems
		// (*/* or application/problem+json), application/json;q=0 still had JSON chosen.
		if (accepts(request.getHeaders().get(HttpHeaders.ACCEPT), MediaType.APPLICATION_JSON)) {
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			return body;
		}
		throw new NotAcceptable(List.of(MediaType.APPLICATION_JSON));
	}

	/** Whether the Accept header's values (none: anything) take {@code type}, at a quality above 0. */
	static boolean accepts(List<String> accept, MediaType type) {
		try {
			return AcceptedTypes.of(accept).quality(type) > 0;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** Unchecked, to leave the advice; answered like any 406 by {@link ApiExceptionHandler}. */
	static final class NotAcceptable extends RuntimeException {

		NotAcceptable(List<MediaType> answers) {
			super(new HttpMediaTypeNotAcceptableException(answers));
		}

		HttpMediaTypeNotAcceptableException notAcceptable() {
			return (HttpMediaTypeNotAcceptableException) getCause();
		}

	}

}
