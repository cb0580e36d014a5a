package io.personaengine.scenarios;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;

import io.personaengine.ExitStatus;
import io.personaengine.OutOfMemory;
import io.personaengine.PathOptions;
import io.personaengine.rules.RuleProblem;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetException;
import io.personaengine.rules.RuleSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code test-rules}: compiles a rules folder and runs its scenario tests, without a server. */
@Command(name = "test-rules", mixinStandardHelpOptions = true,
		description = "Compile the rules and run the scenario tests in <rules>/tests/*.yaml.",
		footer = "Exit status: 0 all scenarios passed, 1 a scenario failed, 2 the rules or scenarios could not be used, "
				+ ExitStatus.BUG + " an unexpected error (a bug, with its stack trace), " + ExitStatus.OUT_OF_MEMORY
				+ " out of memory (the line says which limit to raise).")
public class TestRulesCommand implements Callable<Integer> {

	@Option(names = "--rules", defaultValue = "rules", description = "The rules folder (default: ${DEFAULT-VALUE}).")
	Path rules;

	@Spec
	CommandSpec spec;

	/** Measured with -XX:+UseSerialGC: the shipped rules and their scenarios pass in 28 MB and not in 24. */
	static final String NEEDS = "the shipped rules need about 30 MB, more rules more";

	/** What the command is doing, for running out of memory there. */
	private String doing = "before compiling the rules";

	@Override
	public Integer call() {
		OutOfMemory headroom = OutOfMemory.reserve();
		try {
			// The rule set and the results go with the frame of test(): not held while the line is made.
			return test();
		}
		// Any Error: a full heap can surface as a class that failed to load or initialise.
		catch (Error | RuntimeException ex) {
			if (!OutOfMemory.behind(ex)) {
				throw ex;
			}
			headroom.release();
			PrintWriter err = this.spec.commandLine().getErr();
			err.println(headroom.line("test-rules", this.doing, "", NEEDS, ex));
			err.flush();
			return ExitStatus.OUT_OF_MEMORY;
		}
	}

	private int test() {
		PathOptions.refuseEmpty(this.spec, List.of("--rules"));
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Path dir = this.rules.toAbsolutePath().normalize();
		this.doing = "while compiling the rules in " + dir;
		RuleSet ruleSet;
		try {
			ruleSet = new RuleSetLoader(Clock.systemUTC()).load(dir);
		}
		catch (RuleSetException ex) {
			err.println(ex.headline(dir));
			ex.problems().forEach((problem) -> err.println("  " + problem));
			return 2;
		}
		this.doing = "while reading the scenarios in " + dir.resolve(ScenarioFiles.FOLDER);
		SortedMap<String, byte[]> files = ScenarioFiles.read(dir);
		if (files.isEmpty()) {
			err.println("No scenarios: put scenario files in " + dir.resolve(ScenarioFiles.FOLDER) + " (*.yaml)");
			return 2;
		}
		out.println("Rules " + ruleSet.version() + " from " + dir + ": " + ruleSet.ruleNames().size() + " rules");
		warn(ruleSet.warnings(), out);
		ScenarioRunner.Results ran;
		this.doing = "while running the scenarios of " + dir.resolve(ScenarioFiles.FOLDER);
		try {
			ran = ScenarioRunner.run(ruleSet, files);
		}
		catch (RuleSetException ex) {
			err.println("The rules in " + dir + " fail while running the scenarios:");
			ex.problems().forEach((problem) -> err.println("  " + problem));
			return 2;
		}
		this.doing = "while printing the results";
		warn(ran.withoutScenarios(), out);
		List<ScenarioResult> results = ran.results();
		print(results, out);
		// Scenarios, not lines of FAIL: a scenario with three misspelt keys is one that failed.
		ScenarioResult.Count count = ScenarioResult.Count.of(results);
		out.println();
		out.println(count.passed() + " passed, " + count.failed() + " failed");
		out.flush();
		if (count.run() == 0) {
			// As with no file at all: the files there hold nothing to run.
			err.println("No scenarios: the files in " + dir.resolve(ScenarioFiles.FOLDER) + " hold none; write them under "
					+ "'scenarios:' as a list");
			return 2;
		}
		return (count.failed() == 0) ? 0 : 1;
	}

	/** What the service would go live with all the same, a line each: it fails nothing. */
	private static void warn(List<RuleProblem> warnings, PrintWriter out) {
		warnings.forEach((warning) -> out.println("WARN  " + warning.where() + "  " + warning.message()));
	}

	static void print(List<ScenarioResult> results, PrintWriter out) {
		for (ScenarioResult result : results) {
			out.println((result.passed() ? "PASS  " : "FAIL  ") + result.where() + "  " + result.name());
			if (!result.passed()) {
				result.differences().forEach((difference) -> out.println("        " + difference));
				if (!result.firedRules().isEmpty()) {
					out.println("        fired rules: " + String.join(", ", result.firedRules()));
				}
			}
		}
	}

}
