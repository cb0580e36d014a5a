package io.personaengine.api;

import java.lang.reflect.Method;
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

	private final Map<Method, Takes> takes = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod endpoint)) {
			return true;
		}
		Takes takes = this.takes.computeIfAbsent(endpoint.getMethod(), (method) -> takes(endpoint));
		List<Violation> violations = new ArrayList<>();
		request.getParameterMap().forEach((name, values) -> {
			// A part sent without a filename reaches the servlet as a parameter; the part's check says why it is missing.
			Boolean many = takes.parameters().containsKey(name) ? takes.parameters().get(name) : takes.parts().get(name);
			check(violations, "parameter", name, values.length, many, takes);
		});
		if (request instanceof MultipartHttpServletRequest multipart) {
			multipart.getMultiFileMap().forEach((name, files) -> check(violations, "part", name, files.size(), takes.parts().get(name), takes));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return true;
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
