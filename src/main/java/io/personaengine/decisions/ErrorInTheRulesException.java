package io.personaengine.decisions;

/**
 * An Error thrown while the rules ran, outside any rule's then part (an eval calling a function
 * that asserts, say), as an exception that carries it and nothing more: no frames of its own, so
 * that whoever tells a rule's failure from a bug of the service reads the Error's frames, where it
 * was thrown, as for an exception an eval throws.
 */
public class ErrorInTheRulesException extends RuntimeException {

	ErrorInTheRulesException(Error thrown) {
		super(thrown.toString(), thrown, false, false);
	}

}
