package io.personaengine.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The methods a path takes, as Spring MVC lists them when it refuses another method there, for
 * the requests Tomcat refuses before any servlet runs (TRACE, whose Allow header lists every
 * method of the servlet, whatever the path). The handler mappings are asked as the
 * DispatcherServlet asks them, in their order, with the refused method: an endpoint refuses it
 * with its methods, a static file (Swagger UI's) with GET and HEAD, and a path where nothing is
 * gives none, so that the answer is what any other method gets there: a 405 or a 404.
 */
final class AllowedMethods {

	private static final Set<String> ALL_BUT_TRACE = EnumSet.complementOf(EnumSet.of(RequestMethod.TRACE))
		.stream()
		.map(RequestMethod::name)
		.collect(Collectors.toCollection(LinkedHashSet::new));

	private final ObjectProvider<HandlerMapping> mappings;

	AllowedMethods(ObjectProvider<HandlerMapping> mappings) {
		this.mappings = mappings;
	}

	/**
	 * The methods of {@code uri} (with the context path, as the client sent it), asked in the error
	 * dispatch of {@code request}; empty where nothing is there.
	 */
	Set<String> of(HttpServletRequest request, HttpServletResponse response, String uri, String method) {
		HttpServletRequest probe = new Probe(request, uri, method);
		for (HandlerMapping mapping : this.mappings.orderedStream().toList()) {
			HandlerExecutionChain chain;
			try {
				chain = mapping.getHandler(probe);
			}
			catch (HttpRequestMethodNotSupportedException ex) {
				return methods(ex);
			}
			catch (Exception ex) {
				// Refused for something else than its method: there is an endpoint that takes it.
				return ALL_BUT_TRACE;
			}
			if (chain != null) {
				return methods(chain, probe, response);
			}
		}
		return Set.of();
	}

	/**
	 * Whether an endpoint, a controller's or the actuator's, is at {@code uri} (with the context
	 * path) for any method. Only the mappings of endpoints are asked: the one of static files
	 * claims every path, whether a file is there or not; nor is the error path an endpoint.
	 */
	boolean isEndpoint(HttpServletRequest request, String uri) {
		HttpServletRequest probe = new Probe(request, uri, request.getMethod());
		for (HandlerMapping mapping : this.mappings.orderedStream().toList()) {
			if (!(mapping instanceof RequestMappingInfoHandlerMapping)) {
				continue;
			}
			HandlerExecutionChain chain;
			try {
				chain = mapping.getHandler(probe);
			}
			catch (Exception ex) {
				// Refused for its method, its content type or its parameters: an endpoint is there.
				return true;
			}
			if (chain != null) {
				return !(chain.getHandler() instanceof HandlerMethod endpoint
						&& ProblemErrorController.class.isAssignableFrom(endpoint.getBeanType()));
			}
		}
		return false;
	}

	private static Set<String> methods(HandlerExecutionChain chain, HttpServletRequest probe, HttpServletResponse response) {
		Object handler = chain.getHandler();
		if (handler instanceof HandlerMethod endpoint) {
			// Only a mapping without methods takes the refused one: the error path, which answers
			// 404 to every method asked for it directly, or another that takes them all.
			return ProblemErrorController.class.isAssignableFrom(endpoint.getBeanType()) ? Set.of() : ALL_BUT_TRACE;
		}
		if (handler instanceof ResourceHttpRequestHandler files) {
			return methods(files, chain, probe, response);
		}
		return ALL_BUT_TRACE;
	}

	private static Set<String> methods(ResourceHttpRequestHandler files, HandlerExecutionChain chain, HttpServletRequest probe,
			HttpServletResponse response) {
		if (files.getSupportedMethods() == null || List.of(files.getSupportedMethods()).contains(probe.getMethod())) {
			// Never asked to serve a file for the probe.
			return ALL_BUT_TRACE;
		}
		try {
			// The interceptors note the path within the mapping, by which the file is looked up.
			for (HandlerInterceptor interceptor : chain.getInterceptorList()) {
				if (!interceptor.preHandle(probe, response, files)) {
					return ALL_BUT_TRACE;
				}
			}
			// Looks the file up, and refuses the method before it writes anything, as for PUT.
			files.handleRequest(probe, response);
		}
		catch (HttpRequestMethodNotSupportedException ex) {
			return methods(ex);
		}
		catch (NoResourceFoundException ex) {
			return Set.of();
		}
		catch (Exception ex) {
			return ALL_BUT_TRACE;
		}
		return ALL_BUT_TRACE;
	}

	private static Set<String> methods(HttpRequestMethodNotSupportedException ex) {
		return (ex.getSupportedMethods() != null) ? new LinkedHashSet<>(List.of(ex.getSupportedMethods())) : Set.of();
	}

	/**
	 * The client's request as the DispatcherServlet saw it: its path and method, not the error
	 * dispatch's, and attributes of its own, so that what the mappings note leaves the error
	 * dispatch alone.
	 */
	private static final class Probe extends HttpServletRequestWrapper {

		private final String uri;

		private final String method;

		private final Map<String, Object> attributes = new HashMap<>();

		Probe(HttpServletRequest request, String uri, String method) {
			super(request);
			this.uri = uri;
			this.method = method;
		}

		@Override
		public String getMethod() {
			return this.method;
		}

		@Override
		public String getRequestURI() {
			return this.uri;
		}

		@Override
		public String getServletPath() {
			return this.uri.substring(Math.min(getContextPath().length(), this.uri.length()));
		}

		@Override
		public String getPathInfo() {
			return null;
		}

		@Override
		public DispatcherType getDispatcherType() {
			return DispatcherType.REQUEST;
		}

		@Override
		public Object getAttribute(String name) {
			return this.attributes.get(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(this.attributes.keySet());
		}

		@Override
		public void setAttribute(String name, Object value) {
			if (value == null) {
				this.attributes.remove(name);
			}
			else {
				this.attributes.put(name, value);
			}
		}

		@Override
		public void removeAttribute(String name) {
			this.attributes.remove(name);
		}

	}

}
