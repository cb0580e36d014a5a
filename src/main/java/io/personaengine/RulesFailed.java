package io.personaengine;

import io.personaengine.decisions.RuleFailedException;
import io.personaengine.decisions.RulesDidNotSettleException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A command stopped by its rules failing while deciding (a rule set that never settles, a rule
 * that throws) is told in the one line that names the rule set, the rule and the customer, with
 * an exit status of its own: the rules are to be fixed, not the input nor the command line, and
 * Drools' stack trace says nothing more to whoever runs the command. Anything else is a bug,
 * left to picocli: its stack trace, and {@link ExitStatus#BUG}, which {@link Cli} gives every command.
 */
final class RulesFailed implements IExecutionExceptionHandler {

	/** The exit status of a command whose rules failed while deciding. */
	static final int EXIT_STATUS = 3;

	@Override
	public int handleExecutionException(Exception ex, CommandLine command, ParseResult parseResult) throws Exception {
		if (!(ex instanceof RulesDidNotSettleException) && !(ex instanceof RuleFailedException)) {
			throw ex;
		}
		command.getErr().println(ex.getMessage());
		command.getErr().flush();
		return EXIT_STATUS;
	}

}
