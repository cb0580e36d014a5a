package io.personaengine.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a JSON body larger than {@code persona.api.max-body-size} (10 MB by default) with a 413
 * problem before anything reads it. Uploads to the segmentation endpoint are multipart and have
 * their own, larger limit ({@code spring.servlet.multipart.*}).
 */
class BodySizeLimit extends OncePerRequestFilter {

	private final long limit;

	BodySizeLimit(DataSize limit) {
		this.limit = limit.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		boolean multipart = type != null && type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
		if (!multipart && request.getContentLengthLong() > this.limit) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("{\"type\":\"urn:persona-engine:problem:body-too-large\",\"title\":\"Body too large\","
					+ "\"status\":413,\"detail\":\"the body is " + request.getContentLengthLong() + " bytes; at most " + this.limit
					+ " are accepted (persona.api.max-body-size)\",\"errors\":[{\"field\":\"\",\"reason\":\"body larger than "
					+ this.limit + " bytes\"}]}");
			return;
		}
		chain.doFilter(request, response);
	}

}
