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
 * picocli's, 2. A file that cannot be read or written (a plain ParameterException tied to no
 * option) is no command line to write again: it gets no pointer to the options.
 */
final class UsageError implements IParameterExceptionHandler {

	@Override
	public int handleParseException(ParameterException ex, String[] args) {
		CommandLine command = ex.getCommandLine();
		PrintWriter err = command.getErr();
		err.println(command.getColorScheme().errorText(ex.getMessage()));
		UnmatchedArgumentException.printSuggestions(ex, err);
		if (ex.getArgSpec() != null || ex.getClass() != ParameterException.class) {
			// The whole name the user types ("java -jar persona-engine.jar segment"), as the usage shows it.
			err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
		}
		err.flush();
		return command.getCommandSpec().exitCodeOnInvalidInput();
	}

}
