package io.personaengine.decisions;

/** More customers in one batch than {@code persona.decisions.max-batch-size} allows. */
public class BatchTooLargeException extends RuntimeException {

	private final int size;

	private final int limit;

	public BatchTooLargeException(int size, int limit) {
		super("at most " + limit + " customers per batch, got " + size + "; split the batch");
		this.size = size;
		this.limit = limit;
	}

	public int size() {
		return this.size;
	}

	public int limit() {
		return this.limit;
	}

}
