package io.personaengine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
	 * {@code args} given to the jar's main class in a JVM of its own, with {@code jvmOptions} and
	 * the quick JIT only (a run of seconds), its standard output sent to {@code out} and read into
	 * the result if that is a pipe: for what depends on the process itself, such as its heap
	 * running out or its own standard output as a file ({@code /dev/stdout}).
	 */
	public static Run forked(List<String> jvmOptions, ProcessBuilder.Redirect out, String... args)
			throws IOException, InterruptedException, ExecutionException, TimeoutException {
		Path err = Files.createTempFile("forked", ".err");
		try {
			Process process = started(jvmOptions, out, err, args);
			process.getOutputStream().close();
			// On a thread of its own, not the common pool's (one worker on 2 cores): a child whose
			// pipe is full waits for its reader.
			CompletableFuture<String> printed = new CompletableFuture<>();
			if (out == ProcessBuilder.Redirect.PIPE) {
				Thread reader = new Thread(() -> printed.complete(readAll(process.getInputStream())), "forked-stdout");
				reader.setDaemon(true);
				reader.start();
			}
			else {
				printed.complete("");
			}
			// A heap near its limit can keep the collector busy for long on a loaded machine.
			if (!process.waitFor(240, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new AssertionError("still running after 240 s: " + Files.readString(err));
			}
			return new Run(process.exitValue(), printed.get(30, TimeUnit.SECONDS), Files.readString(err));
		}
		finally {
			Files.deleteIfExists(err);
		}
	}

	/**
	 * {@code args} given to the jar's main class in a JVM of its own, as {@link #forked} gives
	 * them, left running: its standard input is a pipe the caller holds open (for
	 * {@code --orders /dev/stdin}), its standard error written to {@code err}. For what is done to
	 * a command while it runs, such as stopping it with a signal.
	 */
	public static Process started(List<String> jvmOptions, ProcessBuilder.Redirect out, Path err, String... args)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				PersonaEngineApplication.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectOutput(out).redirectError(err.toFile()).start();
	}

	private static String readAll(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
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
