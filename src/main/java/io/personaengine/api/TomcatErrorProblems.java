package io.personaengine.api;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat refuses itself, before any servlet or filter runs (headers over 8 KB, an encoded NUL
 * or backslash in the path, a request line it cannot parse), as a problem instead of its HTML
 * page. Tomcat's extension point for this is the host's error report valve; Boot installs one too,
 * which this one replaces ({@link ApiConfiguration#tomcatErrorProblems}). Errors that reach the
 * application are not reported here: the application has written their body already.
 */
class TomcatErrorProblems extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		HttpStatus status = HttpStatus.resolve(response.getStatus());
		if (status == null || status.value() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			// Null for a failure of the service: nothing of the request to name.
			String reason = null;
			String detail;
			if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED) {
				reason = "only HTTP/1.0 and HTTP/1.1 are answered";
				detail = reason;
			}
			else if (status.is5xxServerError()) {
				detail = "The service failed. Please report it if it persists.";
			}
			else {
				// Tomcat keeps no reason a client could use, so the likely ones are listed.
				reason = (status == HttpStatus.BAD_REQUEST) ? "the request could not be read as HTTP: Tomcat refused "
						+ "its request line or headers (for example headers over 8 KB in all, a header line without a colon, "
						+ "no Host header, or a space, NUL or backslash or a broken percent-encoding in the path)"
						: ProblemErrorController.violation(status, String.valueOf(request.getMethod()), "").reason();
				detail = reason;
			}
			// Type about:blank, so the title is the status phrase (RFC 9457, 4.2.1), whatever the status.
			if (reason == null) {
				RawProblem.write(request, response, status, ProblemTypes.BLANK.toString(), status.getReasonPhrase(), detail);
			}
			else {
				RawProblem.write(request, response, status, ProblemTypes.BLANK.toString(), status.getReasonPhrase(), detail, "",
						reason);
			}
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response was started: nothing more can be said to the client.
		}
	}

}
