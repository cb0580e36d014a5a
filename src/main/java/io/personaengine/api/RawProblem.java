package io.personaengine.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A problem written by a servlet filter, before Spring MVC and its message converters: the same
 * shape as every other problem ({@code errors:[{field,reason}]}). Texts are ours, never the
 * caller's, so they need no escaping.
 */
final class RawProblem {

	private RawProblem() {
	}

	static void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail, String field,
			String reason) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
				+ ",\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"" + field + "\",\"reason\":\"" + reason + "\"}]}");
	}

}
