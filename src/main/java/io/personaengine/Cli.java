package io.personaengine;

import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.personaengine.batch.SegmentCommand;
import io.personaengine.scenarios.TestRulesCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The jar's commands that run without starting the server: {@code java -jar persona-engine.jar
 * test-rules} and {@code segment}. Anything else starts the service.
 */
@Command(name = "java -jar persona-engine.jar", mixinStandardHelpOptions = true,
		subcommands = { TestRulesCommand.class, SegmentCommand.class },
		description = "Persona Engine commands. Without a command, the jar starts the service.")
final class Cli {

	static final Set<String> COMMANDS = Set.of("test-rules", "segment");

	private Cli() {
	}

	static boolean handles(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	static int run(String[] args) {
		// Without Spring, logback would print every Drools debug line; a command prints its own report.
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.WARN);
		((Logger) LoggerFactory.getLogger("org.drools")).setLevel(Level.ERROR);
		((Logger) LoggerFactory.getLogger("org.drools.compiler.kie.builder.impl.KieProject")).setLevel(Level.OFF);
		Thread.setDefaultUncaughtExceptionHandler(outOfMemoryToldOnce(Thread.getDefaultUncaughtExceptionHandler()));
		try {
			return commandLine().execute(args);
		}
		catch (Error ex) {
			// Each command tells its own running out of memory; this is for when even that line
			// could not be made (or it surfaced as a class that failed to load). A constant: as
			// little as can be is allocated to say it.
			if (!OutOfMemory.behind(ex)) {
				throw ex;
			}
			System.err.println(OutOfMemory.lastResort(ex));
			return ExitStatus.OUT_OF_MEMORY;
		}
	}

	/**
	 * Threads' uncaught exceptions as {@code printing} says them (the JVM's "Exception in thread"
	 * and a stack trace when null), but for running out of memory: Drools compiles on a pool's
	 * threads, and one that died of it printed its stack trace above the command's own line, which
	 * tells the same with the limit to raise.
	 */
	static Thread.UncaughtExceptionHandler outOfMemoryToldOnce(Thread.UncaughtExceptionHandler printing) {
		return (thread, ex) -> {
			if (OutOfMemory.behind(ex)) {
				return;
			}
			if (printing != null) {
				printing.uncaughtException(thread, ex);
			}
			else {
				// As the JVM says it; not through the thread group, which would ask this handler again.
				System.err.print("Exception in thread \"" + thread.getName() + "\" ");
				ex.printStackTrace(System.err);
			}
		};
	}

	/** The commands as the jar runs them, with how they report failures and a bad command line. */
	static CommandLine commandLine() {
		CommandLine commands = new CommandLine(new Cli()).setExecutionExceptionHandler(new RulesFailed())
			.setParameterExceptionHandler(new UsageError());
		giveBugsTheirStatus(commands);
		return commands;
	}

	/**
	 * A bug's stack trace is printed by picocli, with the status of the command it happened in
	 * (picocli reads the subcommand's, not the jar's): each command is given {@link ExitStatus#BUG}.
	 */
	private static void giveBugsTheirStatus(CommandLine command) {
		command.getCommandSpec().exitCodeOnExecutionException(ExitStatus.BUG);
		command.getSubcommands().values().forEach(Cli::giveBugsTheirStatus);
	}

}
