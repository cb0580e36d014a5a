package io.personaengine.rules;

/**
 * Why a rule set was refused, or what it was warned of: the file (relative to the rules folder), the line and column where
 * the tool that read it gives them (0 when it does not), and the message. Both count from 1, as
 * editors do, whatever the tool counts from.
 */
public record RuleProblem(String file, int line, int column, String message) {

	/** "file:line:column", as far as they are known. */
	public String where() {
		StringBuilder where = new StringBuilder(this.file);
		if (this.line > 0) {
			where.append(':').append(this.line);
			if (this.column > 0) {
				where.append(':').append(this.column);
			}
		}
		return where.toString();
	}

	@Override
	public String toString() {
		return where() + ": " + this.message;
	}

}
