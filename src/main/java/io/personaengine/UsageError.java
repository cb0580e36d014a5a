package io.personaengine;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line is told in its message, picocli's guesses for a misspelt option, and one
 * line pointing to {@code --help}: picocli's own handling printed the command's whole usage
 * after the message (some 35 lines for segment), which scrolled the message away. Exit status as
 * picocli's, 2.
 */
final class UsageError implements IParameterExceptionHandler {

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		err.println(command.getColorScheme().errorText(ex.getMessage()));
		UnmatchedArgumentException.printSuggestions(ex, err);
		// The name as the jar's usage shows it: "java -jar persona-engine.jar segment".
		err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
		err.flush();
		return command.getCommandSpec().exitCodeOnInvalidInput();
	}

}
