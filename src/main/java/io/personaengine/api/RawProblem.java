package io.personaengine.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * A problem written by a servlet filter or by Tomcat's error report, before Spring MVC and its
 * message converters: the same shape as every other problem ({@code errors:[{field,reason}]} for
 * a request refused, none for a failure of the service). Texts may quote the caller (a header
 * name, a path), so they are escaped.
 */
final class RawProblem {

	private RawProblem() {
	}

	/** A request refused for {@code field}. */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String title,
			String detail, String field, String reason) throws IOException {
		write(request, response, status, type, title, detail,
				",\"errors\":[{\"field\":\"" + escape(field) + "\",\"reason\":\"" + escape(reason) + "\"}]");
	}

	/** A failure of the service: nothing of the request to name, so no errors. */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String title,
			String detail) throws IOException {
		write(request, response, status, type, title, detail, "");
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String title, String detail, String errors) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String instance = instance(request.getRequestURI());
		// Bytes, not the writer: the writer would add the servlet default ";charset=ISO-8859-1",
		// wrong for JSON and unlike every other problem the service sends.
		response.getOutputStream().write(("{\"type\":\"" + escape(type) + "\",\"title\":\"" + escape(title) + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + escape(detail) + "\""
				+ ((instance != null) ? ",\"instance\":\"" + escape(instance) + "\"" : "") + errors + "}")
			.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The path, as Spring MVC's problems give it; none when it is no URI reference (it may have
	 * been refused for that), rather than one mangled.
	 */
	static String instance(String path) {
		if (path == null || path.isEmpty()) {
			return null;
		}
		try {
			return URI.create(path).toString();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The caller's text in a reason: enough to recognise it, never the whole of a huge header. */
	static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 60) + "...";
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		JsonStringEncoder.getInstance().quoteAsString(text, escaped);
		return escaped.toString();
	}

}
