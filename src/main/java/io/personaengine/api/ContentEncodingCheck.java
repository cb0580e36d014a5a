package io.personaengine.api;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body sent with a content coding (gzip, br, deflate) with a 415 problem naming
 * Content-Encoding, as RFC 9110 (15.5.16) has it, and says it takes none (Accept-Encoding:
 * identity). The coding was ignored: a gzipped JSON body was "malformed JSON: Illegal character",
 * and an upload's parts were read as they came. Decoding it would need a bound on what it expands
 * to, as the body's size has.
 */
class ContentEncodingCheck extends OncePerRequestFilter {

	private static final String IDENTITY = "identity";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String coding = coding(request);
		if (coding != null && hasBody(request)) {
			response.setHeader(HttpHeaders.ACCEPT_ENCODING, IDENTITY);
			HttpStatus status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			String reason = "'" + RawProblem.abbreviate(coding) + "' is not supported; send the body as it is, "
					+ "without Content-Encoding";
			RawProblem.write(request, response, status, ProblemTypes.BLANK.toString(), status.getReasonPhrase(),
					HttpHeaders.CONTENT_ENCODING + ": " + reason, HttpHeaders.CONTENT_ENCODING, reason);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The first coding other than identity, in every Content-Encoding header and every item of
	 * each (codings are listed in the order applied, and may come in several headers), or null.
	 */
	private static String coding(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.CONTENT_ENCODING);
		while (headers != null && headers.hasMoreElements()) {
			for (String item : headers.nextElement().split(",")) {
				String coding = item.trim();
				if (!coding.isEmpty() && !coding.equalsIgnoreCase(IDENTITY)) {
					return coding;
				}
			}
		}
		return null;
	}

	/** A request without a body has nothing coded: a GET or an empty POST with the header is served. */
	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

}
