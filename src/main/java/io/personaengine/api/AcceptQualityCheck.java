package io.personaengine.api;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before the endpoint runs, a request whose Accept takes none of the types the endpoint
 * answers once qualities are read ({@link AcceptedTypes}). Spring MVC matches an endpoint by
 * whether a range is compatible at all, whatever its quality, so {@code application/json;q=0}
 * (or a wildcard at q=0) was answered JSON, where RFC 9110 (12.5.1) reads q=0 as "not acceptable".
 * The refusal is the 406 Spring MVC gives a type the endpoint does not answer at all.
 */
final class AcceptQualityCheck implements HandlerInterceptor {

	/** By handler method: what its mapping declares does not change. */
	private final Map<Method, List<MediaType>> answers = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotAcceptableException {
		if (!(handler instanceof HandlerMethod endpoint)) {
			return true;
		}
		List<MediaType> answers = this.answers.computeIfAbsent(endpoint.getMethod(),
				(method) -> produces(method, endpoint.getBeanType()));
		if (answers.isEmpty()) {
			return true;
		}
		AcceptedTypes accepted;
		try {
			accepted = AcceptedTypes.of(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
		}
		catch (InvalidMediaTypeException ex) {
			// AcceptHeaderCheck refuses it before any endpoint is reached.
			return true;
		}
		if (accepted.best(answers).isEmpty()) {
			throw new HttpMediaTypeNotAcceptableException(answers);
		}
		return true;
	}

	/**
	 * Every type the endpoint declares, the method's or else its class's, as Spring MVC combines
	 * them; not the ones Spring MVC matched against Accept, which leave out those refused.
	 */
	static List<MediaType> produces(Method method, Class<?> type) {
		for (AnnotatedElement element : new AnnotatedElement[] { method, type }) {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(element, RequestMapping.class);
			if (mapping != null && mapping.produces().length > 0) {
				return MediaType.parseMediaTypes(List.of(mapping.produces()));
			}
		}
		return List.of();
	}

}
