package io.personaengine.facts;

import java.util.List;
import java.util.stream.Collectors;

/** Input that cannot be used, with every violation found, not only the first. */
public class InvalidInputException extends RuntimeException {

	private final transient List<Violation> violations;

	public InvalidInputException(List<Violation> violations) {
		super(violations.stream().map((v) -> v.field() + ": " + v.reason()).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
