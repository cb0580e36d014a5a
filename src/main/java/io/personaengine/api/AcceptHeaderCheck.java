package io.personaengine.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an Accept header that is no list of media types with a 400 problem. Left to Spring
 * MVC, it is a 406 with an empty body: the problem itself cannot be written for an Accept that
 * cannot be read.
 */
class AcceptHeaderCheck extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null) {
			try {
				MediaType.parseMediaTypes(accept);
			}
			catch (InvalidMediaTypeException ex) {
				RawProblem.write(request, response, HttpStatus.BAD_REQUEST, ApiExceptionHandler.INVALID_INPUT.toString(), "Invalid input",
						"Accept: not a list of media types", HttpHeaders.ACCEPT,
						"not a list of media types such as application/json or text/csv");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
