package io.personaengine.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a JSON body larger than {@code persona.api.max-body-size} (10 MB by default) with a 413
 * problem: before anything reads it when it declares its length, and as soon as the limit is
 * passed when it is sent chunked. Uploads to the segmentation endpoint are multipart and have
 * their own, larger limit ({@code spring.servlet.multipart.*}).
 */
class BodySizeLimit extends OncePerRequestFilter {

	static final String TYPE = "urn:persona-engine:problem:body-too-large";

	private final long limit;

	BodySizeLimit(DataSize limit) {
		this.limit = limit.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		boolean multipart = type != null && type.startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
		if (multipart) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.limit) {
			RawProblem.write(request, response, HttpStatus.CONTENT_TOO_LARGE, TYPE, "Body too large",
					detail(request.getContentLengthLong() + " bytes", this.limit), "", reason(this.limit));
			return;
		}
		chain.doFilter((request.getContentLengthLong() < 0) ? new Limited(request, this.limit) : request, response);
	}

	static String detail(String size, long limit) {
		return "the body is " + size + "; at most " + limit + " are accepted (persona.api.max-body-size)";
	}

	static String reason(long limit) {
		return "body larger than " + limit + " bytes";
	}

	/** A body without a declared length: counted as it is read. */
	static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		Counting(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLargeException {
			this.read += n;
			if (this.read > this.limit) {
				throw new TooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

	/** Thrown from the body stream, so that whatever reads it stops; answered with 413. */
	static final class TooLargeException extends IOException {

		final long limit;

		TooLargeException(long limit) {
			super(reason(limit));
			this.limit = limit;
		}

	}

}
