package io.personaengine.api;

import io.personaengine.facts.Violation;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Why a path gets a 404: no endpoint is there. Spring's own detail said "No static resource
 * api/v1/decisions.", which told an integrator nothing. A trailing slash is the likeliest slip,
 * as Spring MVC no longer matches {@code /api/v1/decisions/} to {@code /api/v1/decisions}: the
 * reason then says that the path without it is an endpoint, when it is.
 */
final class NoEndpoint {

	private final AllowedMethods mappings;

	NoEndpoint(AllowedMethods mappings) {
		this.mappings = mappings;
	}

	/** For {@code uri}, as the client sent it (with the context path), asked in {@code request}. */
	Violation at(HttpServletRequest request, String uri) {
		String reason = reason(uri);
		if (uri.length() > 1 && uri.endsWith("/")) {
			String withoutSlash = uri.substring(0, uri.length() - 1);
			if (this.mappings.isEndpoint(request, withoutSlash)) {
				reason += "; " + RawProblem.abbreviate(withoutSlash) + ", without the trailing slash, is one";
			}
		}
		return new Violation("path", reason);
	}

	/** That no endpoint is at {@code path}, without looking for one it may be close to. */
	static String reason(String path) {
		return "no endpoint at " + RawProblem.abbreviate(path);
	}

}
