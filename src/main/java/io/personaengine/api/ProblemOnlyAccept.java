package io.personaengine.api;

import java.util.List;

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
 */
@ControllerAdvice
class ProblemOnlyAccept implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail || !MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(selected)) {
			return body;
		}
		if (acceptsJson(request.getHeaders())) {
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			return body;
		}
		throw new NotAcceptable();
	}

	private static boolean acceptsJson(HttpHeaders headers) {
		try {
			return MediaType.parseMediaTypes(headers.get(HttpHeaders.ACCEPT))
				.stream()
				.anyMatch((accepted) -> accepted.getQualityValue() > 0 && accepted.includes(MediaType.APPLICATION_JSON));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** Unchecked, to leave the advice; answered like any 406 by {@link ApiExceptionHandler}. */
	static final class NotAcceptable extends RuntimeException {

		NotAcceptable() {
			super(new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)));
		}

		HttpMediaTypeNotAcceptableException notAcceptable() {
			return (HttpMediaTypeNotAcceptableException) getCause();
		}

	}

}
