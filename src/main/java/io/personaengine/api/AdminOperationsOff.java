package io.personaengine.api;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The admin operations while they are off ({@code persona.admin.enabled}): a 404 saying so,
 * whatever the credentials, method or body, before anything reads the body. They were a 404 "no
 * endpoint" without credentials and a 401 "credentials were refused" with some, which sent an
 * operator looking for the password of something that is not on.
 */
final class AdminOperationsOff extends OncePerRequestFilter {

	static final String REASON = "the admin operations (reload, validate, rollback) are turned off (persona.admin.enabled)";

	private final RequestMatcher paths = new OrRequestMatcher(
			Arrays.stream(ApiSecurity.ADMIN_PATHS).map(PathPatternRequestMatcher::pathPattern).toList());

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.paths.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		HttpStatus status = HttpStatus.NOT_FOUND;
		RawProblem.write(request, response, status, ProblemTypes.BLANK.toString(), status.getReasonPhrase(), "path: " + REASON,
				"path", REASON);
	}

}
