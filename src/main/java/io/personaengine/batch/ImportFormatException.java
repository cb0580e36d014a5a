package io.personaengine.batch;

/** A file that is not in the expected format at all: the import stops with this message. */
public class ImportFormatException extends RuntimeException {

	private final String input;

	public ImportFormatException(String message) {
		this(null, message);
	}

	public ImportFormatException(String input, String message) {
		super(message);
		this.input = input;
	}

	/** Which input it was: orders, events or customers (null when not known). */
	public String input() {
		return this.input;
	}

}
