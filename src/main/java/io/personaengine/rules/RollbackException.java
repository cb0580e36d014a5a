package io.personaengine.rules;

/** A rollback that cannot be done: no earlier version, or an unknown one. */
public class RollbackException extends RuntimeException {

	private final boolean unknownVersion;

	public RollbackException(String message, boolean unknownVersion) {
		super(message);
		this.unknownVersion = unknownVersion;
	}

	public boolean unknownVersion() {
		return this.unknownVersion;
	}

}
