package io.personaengine.api;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the Accept header once for every endpoint. One that is no list of media types is refused
 * with a 400 problem: left to Spring MVC, it is a 406 with an empty body, as the problem itself
 * cannot be written for an Accept that cannot be read. A charset it asks for is taken out: every
 * answer is UTF-8 and says so, and JSON has no charset (RFC 8259, section 11). Left in, a charset
 * JSON cannot be written in (UTF-16, ISO-8859-1) left Spring MVC no converter, a 500 logged
 * nowhere after the decision was made, and US-ASCII labelled UTF-8 bytes as ASCII.
 */
class AcceptHeaderCheck extends OncePerRequestFilter {

	private static final String CHARSET = "charset";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			chain.doFilter(request, response);
			return;
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
		}
		catch (InvalidMediaTypeException ex) {
			RawProblem.write(request, response, HttpStatus.BAD_REQUEST, ApiExceptionHandler.INVALID_INPUT.toString(), "Invalid input",
					"Accept: not a list of media types", HttpHeaders.ACCEPT,
					"not a list of media types such as application/json or text/csv");
			return;
		}
		boolean charset = types.stream().anyMatch((type) -> type.getParameter(CHARSET) != null);
		chain.doFilter(charset ? new WithoutCharset(request, MediaType.toString(types.stream().map(AcceptHeaderCheck::withoutCharset).toList()))
				: request, response);
	}

	private static MediaType withoutCharset(MediaType type) {
		Map<String, String> parameters = new LinkedHashMap<>(type.getParameters());
		parameters.keySet().removeIf(CHARSET::equalsIgnoreCase);
		return new MediaType(type.getType(), type.getSubtype(), parameters);
	}

	/** The request with Accept as read, its charsets taken out. */
	private static final class WithoutCharset extends HttpServletRequestWrapper {

		private final String accept;

		WithoutCharset(HttpServletRequest request, String accept) {
			super(request);
			this.accept = accept;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? this.accept : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(List.of(this.accept))
					: super.getHeaders(name);
		}

	}

}
