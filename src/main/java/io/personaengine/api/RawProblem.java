package io.personaengine.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
		// Bytes, not the writer: the writer would add the servlet default ";charset=ISO-8859-1",
		// wrong for JSON and unlike every other problem the service sends.
		response.getOutputStream().write(("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"" + field + "\",\"reason\":\""
				+ reason + "\"}]}").getBytes(StandardCharsets.UTF_8));
	}

}
