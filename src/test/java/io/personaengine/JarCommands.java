package io.personaengine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The jar's commands run as {@code java -jar persona-engine.jar} runs them, through
 * {@link Cli#commandLine()}: with its exception handler and picocli's handling of a bad command
 * line, as a test of one command built on its own would not be. What they print is kept.
 */
public final class JarCommands {

	private JarCommands() {
	}

	public record Run(int exit, String out, String err) {
	}

	/** {@code args} as given to the jar: the command first ("segment", "test-rules"). */
	public static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = Cli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
		return new Run(exit, out.toString(), err.toString());
	}

}
