package io.personaengine.api;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Why a Content-Type was refused, in words a client can act on. Spring reports a missing header
 * and one it cannot parse alike, as "'null' is not supported": true, but no help in finding the
 * mistake (most often a charset Java does not know).
 */
final class ContentTypeReason {

	private ContentTypeReason() {
	}

	static String of(String header, List<MediaType> supported) {
		String send = "send " + MediaType.toString(supported);
		if (header == null || header.isBlank()) {
			return "the header is missing; " + send;
		}
		try {
			return "'" + MediaType.parseMediaType(header) + "' is not supported; " + send;
		}
		catch (InvalidMediaTypeException ex) {
			String charset = unknownCharset(header);
			if (charset != null) {
				return "charset '" + RawProblem.abbreviate(charset) + "' is not supported; send UTF-8";
			}
			return "'" + RawProblem.abbreviate(header) + "' is not a media type; " + send;
		}
	}

	/** The value of a charset parameter that names no charset Java knows, or null. */
	private static String unknownCharset(String header) {
		String[] parts = header.split(";");
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals > 0 && parts[i].substring(0, equals).trim().equalsIgnoreCase("charset")) {
				String value = parts[i].substring(equals + 1).trim().replace("\"", "");
				try {
					if (!Charset.isSupported(value)) {
						return value;
					}
				}
				catch (IllegalCharsetNameException ex) {
					return value;
				}
			}
		}
		return null;
	}

}
