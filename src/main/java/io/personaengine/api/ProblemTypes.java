package io.personaengine.api;

import java.net.URI;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem Spring MVC writes names its type. Spring's own (a wrong method, Accept or
 * Content-Type, an unknown path, an upload over the multipart limits) and a few of ours leave it
 * out, while the service's other problems, those written before Spring MVC ({@link RawProblem})
 * included, carry one: a client had to know that a missing type means about:blank (RFC 9457).
 */
@ControllerAdvice
class ProblemTypes implements ResponseBodyAdvice<Object> {

	/** The status says what kind of problem it is. */
	static final URI BLANK = URI.create("about:blank");

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		// Spring's problems come as ResponseEntity<Object>: only the body tells.
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selected,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(BLANK);
		}
		return body;
	}

}
