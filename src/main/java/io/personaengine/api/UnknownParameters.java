package io.personaengine.api;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Refuses, before the endpoint runs, a parameter or a multipart part it does not take, and one
 * given more times than it reads. Spring MVC drops both without a word, as the JSON reader would
 * drop an unknown property if it were not strict: {@code ?as_of=2011-12-10} segmented as of now, a
 * part misspelt {@code event} left the events out, and a second {@code orders} file was not read.
 */
final class UnknownParameters implements HandlerInterceptor {

	/** What an endpoint takes: each name, and whether it reads more than one value or file of it. */
	private record Takes(Map<String, Boolean> parameters, Map<String, Boolean> parts) {

		String names() {
			List<String> takes = new ArrayList<>();
			if (!this.parameters.isEmpty()) {
				takes.add(named("parameter", this.parameters.keySet()));
			}
			if (!this.parts.isEmpty()) {
				takes.add(named("part", this.parts.keySet()));
			}
			return takes.isEmpty() ? "this endpoint takes no parameters" : "this endpoint takes " + String.join(" and ", takes);
		}

		private static String named(String kind, Collection<String> names) {
			return "the " + kind + ((names.size() > 1) ? "s " : " ") + String.join(", ", names);
		}

	}

	/** The package of this service's own endpoints. */
	private static final String OWN = "io.personaengine";

	/**
	 * What browsers' and monitoring tools' cache-busting adds to a GET ({@code ?_=1700000000}, as
	 * jQuery writes it): no endpoint takes it, and it means nothing, so it is let through.
	 */
	private static final String CACHE_BUSTER = "_";

	private final Map<Method, Takes> takes = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Spring's own handlers (OPTIONS, say) take what they take; only this service's endpoints are checked.
		if (!(handler instanceof HandlerMethod endpoint) || !endpoint.getBeanType().getPackageName().startsWith(OWN)) {
			return true;
		}
		Takes takes = this.takes.computeIfAbsent(endpoint.getMethod(), (method) -> takes(endpoint));
		List<Violation> violations = new ArrayList<>();
		Map<String, List<String>> query = query(request);
		query.forEach((name, values) -> {
			if (!CACHE_BUSTER.equals(name)) {
				check(violations, "parameter", name, values.size(), takes.parameters().get(name), takes);
			}
		});
		if (request instanceof MultipartHttpServletRequest multipart) {
			// A part sent without a filename reaches the servlet as a parameter; the part's check says why it is missing.
			request.getParameterMap().forEach((name, values) -> {
				int inParts = values.length - query.getOrDefault(name, List.of()).size();
				if (inParts > 0) {
					Boolean many = takes.parameters().containsKey(name) ? takes.parameters().get(name) : takes.parts().get(name);
					check(violations, "part", name, inParts, many, takes);
				}
			});
			multipart.getMultiFileMap().forEach((name, files) -> check(violations, "part", name, files.size(), takes.parts().get(name), takes));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return true;
	}

	/**
	 * The parameters of the query string alone. The servlet's parameter map also holds those of a
	 * form-encoded body, which no endpoint here takes as such: {@code curl -d '{}'} sends one to
	 * reload, whose body nothing reads.
	 */
	private static Map<String, List<String>> query(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null || query.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		UriComponentsBuilder.newInstance().query(query).build().getQueryParams().forEach((name, values) ->
				parameters.computeIfAbsent(decoded(name), (key) -> new ArrayList<>()).addAll(values));
		return parameters;
	}

	/** The name as the servlet decodes it; one that is no valid percent-encoding is checked as written. */
	private static String decoded(String name) {
		try {
			return UriUtils.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

	private static void check(List<Violation> violations, String kind, String name, int given, Boolean many, Takes takes) {
		if (many == null) {
			violations.add(new Violation(name, "unknown " + kind + " '" + name + "': " + takes.names()));
		}
		else if (!many && given > 1) {
			violations.add(new Violation(name, "given " + given + " times: the " + kind + " is read once, so send it once"));
		}
	}

	private static Takes takes(HandlerMethod endpoint) {
		Map<String, Boolean> parameters = new LinkedHashMap<>();
		Map<String, Boolean> parts = new LinkedHashMap<>();
		for (MethodParameter parameter : endpoint.getMethodParameters()) {
			boolean many = parameter.getParameterType().isArray() || Iterable.class.isAssignableFrom(parameter.getParameterType());
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				parameters.put(name(param.name(), param.value(), parameter), many);
			}
			RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
			if (part != null) {
				parts.put(name(part.name(), part.value(), parameter), many);
			}
		}
		return new Takes(parameters, parts);
	}

	private static String name(String name, String value, MethodParameter parameter) {
		return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
	}

}
