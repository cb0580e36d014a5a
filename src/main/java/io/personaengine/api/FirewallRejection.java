package io.personaengine.api;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.facts.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (an encoded dot or slash, {@code ;jsessionid},
 * {@code //} in the path, a control character in a header) as a 400 problem naming the part.
 * Left to the default handler, it is Boot's plain error JSON, unlike every other problem. The
 * firewall says what it refused only in its message, so the message is read, never shown. A
 * header is refused only when it is read, which may be in a controller: {@link ApiExceptionHandler}
 * answers those the same way.
 */
class FirewallRejection implements RequestRejectedHandler {

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		Violation violation = describe(ex.getMessage());
		RawProblem.write(request, response, HttpStatus.BAD_REQUEST, ApiExceptionHandler.INVALID_INPUT.toString(), "Invalid input",
				detail(violation), violation.field(), violation.reason());
	}

	static String detail(Violation violation) {
		return (violation.field().isEmpty() ? "request" : violation.field()) + ": " + violation.reason();
	}

	static Violation describe(String message) {
		String text = (message != null) ? message : "";
		Matcher quoted = QUOTED.matcher(text);
		// Stripped: the firewall quotes a refused header's name with a space after it ("X-API-Key ").
		String named = quoted.find() ? RawProblem.abbreviate(quoted.group(1).strip()) : "";
		if (text.contains("potentially malicious String")) {
			return new Violation("path", "contains '" + named + "', which is refused: send the path without encoded dots, "
					+ "slashes or backslashes, percent-encoded percent signs, line breaks, ';' parameters such as "
					+ ";jsessionid, or '//'");
		}
		if (text.contains("not normalized")) {
			return new Violation("path", "is not normalized: no '.' or '..' segments and no empty segments");
		}
		if (text.contains("printable ASCII")) {
			return new Violation("path", "may contain only printable ASCII characters; percent-encode the others");
		}
		if (text.contains("HTTP method")) {
			return new Violation("method", "'" + named + "' is not an HTTP method this service answers");
		}
		if (text.contains("header")) {
			return new Violation(named, "the header's name or value has characters that are not allowed "
					+ "(control characters or unassigned code points)");
		}
		if (text.contains("parameter")) {
			return new Violation(named, "the parameter's name or value has characters that are not allowed "
					+ "(control characters or unassigned code points)");
		}
		return new Violation("", "the request's path, method or headers contain something that is not allowed");
	}

}
