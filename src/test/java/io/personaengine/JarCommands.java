package io.personaengine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

	/**
	 * {@code args} given to the jar's main class in a JVM of their own, its standard output sent
	 * to {@code out} (read into the result only if it is a pipe): for what depends on the
	 * process itself, such as its own standard output as a file ({@code /dev/stdout}).
	 */
	public static Run forked(ProcessBuilder.Redirect out, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
				PersonaEngineApplication.class.getName()));
		command.addAll(List.of(args));
		Path err = Files.createTempFile("forked", ".err");
		try {
			Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err.toFile()).start();
			process.getOutputStream().close();
			String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("still running after 120 s: " + command);
			}
			return new Run(process.exitValue(), printed, Files.readString(err));
		}
		finally {
			Files.deleteIfExists(err);
		}
	}

	/** {@code args} as given to the jar: the command first ("segment", "test-rules"). */
	public static Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = Cli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
		return new Run(exit, out.toString(), err.toString());
	}

}
