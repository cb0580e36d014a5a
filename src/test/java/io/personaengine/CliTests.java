package io.personaengine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.personaengine.JarCommands.Run;
import io.personaengine.facts.CountryLetters;
import io.personaengine.rules.DeepRules;
import io.personaengine.rules.EndlessRecursion;
import io.personaengine.rules.ShippedRules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The jar's commands as it runs them, when the rules fail while deciding: on a copy of the
 * shipped rules with one rule added, as an analyst breaks them.
 */
class CliTests {

	/**
	 * Drools compiles on a pool's threads: one that died of running out of memory printed
	 * "Exception in thread "ForkJoinPool-1-worker-1" java.lang.OutOfMemoryError" above the
	 * command's one line, which says the same with the limit to raise. Other failures of a thread
	 * are still said, as the JVM says them.
	 */
	@Test
	void threadDyingOfOutOfMemoryIsLeftToTheCommandsLineAndAnyOtherFailureIsSaid() throws Exception {
		List<String> said = new java.util.ArrayList<>();
		Thread.UncaughtExceptionHandler handler = Cli.outOfMemoryToldOnce((thread, ex) -> said.add(thread.getName() + ": " + ex));
		for (Throwable thrown : List.of(new OutOfMemoryError("Java heap space"), new IllegalStateException("boom"))) {
			Thread worker = new Thread(() -> {
				if (thrown instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) thrown;
			}, "ForkJoinPool-1-worker-1");
			worker.setUncaughtExceptionHandler(handler);
			worker.start();
			worker.join();
		}
		assertThat(said).containsExactly("ForkJoinPool-1-worker-1: java.lang.IllegalStateException: boom");
	}


	/** Three customers in file order; c2 and c3 have no country, c1 has one. */
	static final String ORDERS = """
			customer_id,order_id,placed_at,total,discount_code,country
			c1,o1,2011-11-20T10:00:00Z,150.00,,GB
			c2,o2,2011-11-21T10:00:00Z,40.00,,
			c3,o3,2011-11-22T10:00:00Z,60.00,,
			""";

	/** A rule that makes the rules fire again and again for customer c2. */
	static final String LOOPS_FOR_C2 = """
			rule "LooksAtC2Again"
			when
			    $c : CustomerFacts( customerId == "c2" )
			then
			    update( $c );
			end
			""";

	@TempDir
	Path dir;

	Path rules;

	Path orders;

	@BeforeEach
	void copyShippedRulesAndWriteTheOrders() throws IOException {
		this.rules = this.dir.resolve("rules");
		ShippedRules.copyTo(this.rules, (path) -> !path.startsWith("tests/"));
		Files.createDirectories(this.rules.resolve("tests"));
		this.orders = Files.writeString(this.dir.resolve("orders.csv"), ORDERS);
	}

	@Test
	void segmentWhoseRulesNeverSettleExitsThreeWithOneLineNamingTheRuleAndCustomerAndLeavesTheOutputAsItWas() throws IOException {
		addRule("loop.drl", LOOPS_FOR_C2);
		Path decisions = Files.writeString(this.dir.resolve("d.csv"), "yesterday's decisions\n");
		Run run = segment("--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.contains(" did not settle for customer c2: the customer's rules fired 1,001 times, more than the 1,000 allowed;"
					+ " rule \"LooksAtC2Again\" (loop.drl:4), which fired ");
		assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(run.out()).as("no summary of a run that failed").isEmpty();
		assertThat(decisions).hasContent("yesterday's decisions");
		assertThat(files()).as("no partial output left behind").containsExactlyInAnyOrder("rules", "orders.csv", "d.csv");
	}

	@Test
	void segmentWithARuleThatThrowsExitsThreeWithOneLineNamingTheRuleAndTheFirstCustomerItThrowsForAndWritesNoOutput()
			throws IOException {
		addRule("explode.drl", """
				rule "CountryInLowerCase"
				when
				    $c : CustomerFacts()
				then
				    String country = $c.getCountry().toLowerCase();
				end
				""");
		Path decisions = this.dir.resolve("d.csv");
		Run run = segment("--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.contains(": explode.drl:4: rule \"CountryInLowerCase\" failed in its then part while deciding customer c2: "
					+ "a value it uses is missing (null) (NullPointerException");
		assertThat(run.err()).doesNotContain("\tat ");
		assertThat(run.out()).isEmpty();
		assertThat(decisions).doesNotExist();
		assertThat(files()).as("no partial output left behind").containsExactlyInAnyOrder("rules", "orders.csv");
	}

	/** An eval that throws was no failure of the rules but a bug: its stack trace and exit status 1. */
	@Test
	void segmentWithAnEvalThatThrowsExitsThreeNamingTheRuleAndTheFirstCustomerItThrowsFor() throws IOException {
		addRule("explode.drl", """
				rule "LongCountryNameInAnEval"
				when
				    $c : CustomerFacts()
				    eval( $c.getCountry().length() > 2 )
				then
				end
				""");
		Run run = segment();
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.contains(": explode.drl:4: rule \"LongCountryNameInAnEval\" failed in its eval while deciding customer c2: "
					+ "a value it uses is missing (null) (NullPointerException");
	}

	/**
	 * A function that calls itself without end overflows the stack: the StackOverflowError came out
	 * of the command as a bug, its thousand lines of stack trace and no rule named.
	 */
	@Test
	void segmentWithARuleThatCallsItselfWithoutEndExitsThreeNamingTheRuleAndTheCustomerAndWritesNoOutput()
			throws IOException {
		addRule("explode.drl", EndlessRecursion.FUNCTION + """

				rule "DepthWithoutEndForC2"
				when
				    CustomerFacts( customerId == "c2" )
				then
				    depth(0);
				end
				""");
		Path decisions = this.dir.resolve("d.csv");
		Run run = segment("--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.contains(": explode.drl:6: rule \"DepthWithoutEndForC2\" failed in its then part while deciding customer c2: "
					+ EndlessRecursion.SAID);
		assertThat(run.out()).isEmpty();
		assertThat(files()).as("no partial output left behind").containsExactlyInAnyOrder("rules", "orders.csv");
	}

	/** Outside a then part the stack names no rule: still the rules failing, with the first customer it happens for. */
	@Test
	void segmentWithAnEvalThatCallsItselfWithoutEndExitsThreeNamingTheFirstCustomerItHappensFor() throws IOException {
		addRule("explode.drl", EndlessRecursion.FUNCTION + """

				rule "DeepEvalForC3"
				when
				    $c : CustomerFacts( customerId == "c3" )
				    eval( depth(0) > 0 )
				then
				end
				""");
		Run run = segment();
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.contains(" failed: a rule failed while deciding customer c3: function depth, called in an eval or an accumulate, calls itself "
					+ "without end, or too deeply (StackOverflowError); the stack does not say which rule calls it");
	}

	/** A condition that throws names no customer: the first one it throws for is found. */
	@Test
	void segmentWithAConditionThatThrowsNamesTheFirstCustomerItThrowsFor() throws IOException {
		addRule("explode.drl", """
				rule "LongCountryName"
				when
				    $c : CustomerFacts( country.length() > 2 )
				then
				end
				""");
		Run run = segment();
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.contains(": explode.drl:4: rule \"LongCountryName\" failed in its condition 'country.length() > 2' while deciding "
					+ "customer c2: a value it uses is missing (null)");
		assertThat(run.err()).doesNotContain("\tat ");
	}

	/**
	 * Drools compiles a condition to bytecode once it has been evaluated some 20 times (here at
	 * once: -Ddrools.jittingThreshold=0, in a JVM of its own), and an Error thrown there comes out
	 * of the engine naming no rule, as Drools 10.2's own NoSuchMethodError for str[startsWith]
	 * does. It came out of segment as a bug: its stack trace and exit status 70.
	 */
	@Test
	void segmentWithAConditionThatThrowsAnErrorOnceCompiledExitsThreeInOneLineNamingTheFirstCustomerItThrowsFor()
			throws Exception {
		addRule("explode.drl", """
				function boolean linksBadly(String id) {
				    if (id.equals("c2")) {
				        throw new NoSuchMethodError("x");
				    }
				    return false;
				}

				rule "ConditionThatLinksBadly"
				when
				    CustomerFacts( linksBadly(customerId) )
				then
				end
				""");
		Path decisions = Files.writeString(this.dir.resolve("d.csv"), "yesterday's decisions\n");
		Run run = JarCommands.forked(List.of("-Ddrools.jittingThreshold=0"), ProcessBuilder.Redirect.PIPE,
				segmentArgs("--out", decisions.toString()));
		assertThat(run.exit()).as(run.err()).isEqualTo(3);
		assertThat(run.err().lines()).singleElement(STRING)
			.matches("rule set \\w+ failed: a rule's condition failed while deciding customer c2; the stack does not say which "
					+ "rule's: NoSuchMethodError: x");
		assertThat(run.out()).as("no summary of a run that failed").isEmpty();
		assertThat(decisions).hasContent("yesterday's decisions");
		assertThat(files()).as("no partial output left behind").containsExactlyInAnyOrder("rules", "orders.csv", "d.csv");
	}

	/** The service's own Java met first on the stack: a bug, whatever the rules' code called it. */
	@Test
	void segmentWithAnErrorOfTheServiceInACompiledConditionExitsSeventyWithItsStackTrace() throws Exception {
		addRule("bug.drl", """
				import io.personaengine.facts.CountryLetters;

				function boolean viaTheService(String id) {
				    return id.equals("c2") && CountryLetters.linked(id);
				}

				rule "ConditionCallingTheService"
				when
				    CustomerFacts( viaTheService(customerId) )
				then
				end
				""");
		Run run = JarCommands.forked(List.of("-Ddrools.jittingThreshold=0"), ProcessBuilder.Redirect.PIPE, segmentArgs());
		assertThat(run.exit()).as(run.err()).isEqualTo(70);
		assertThat(run.err()).contains("java.lang.NoSuchMethodError: CountryLetters.linked")
			.contains("\tat " + CountryLetters.class.getName() + ".linked(")
			.doesNotContain("failed:");
	}

	@Test
	void testRulesWithARuleThatNeverSettlesExitsTwoNamingTheRuleWithoutAStackTrace() throws IOException {
		addRule("loop.drl", LOOPS_FOR_C2);
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Contact
				    asOf: 2026-11-01T00:00:00Z
				    customer: { customerId: c2, summary: { orderCount: 0 } }
				    expect: { persona: DEAD_WEIGHT }
				""");
		Run run = run("test-rules", "--rules", this.rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(2);
		assertThat(run.err()).contains("loop.drl:4: rule \"LooksAtC2Again\" kept firing")
			.contains("for scenario \"Contact\" (tests/mine.yaml:2, customer c2)")
			.doesNotContain("\tat ");
	}

	/**
	 * Only the rules' failures are told in a line: a bug keeps its stack trace, with the status
	 * test-rules gives one, which no outcome of segment's own has.
	 */
	@Test
	void segmentWithABugOfTheServiceCalledFromARuleExitsSeventyWithItsStackTraceAndWritesNoOutput() throws IOException {
		Files.writeString(this.rules.resolve("bug.drl"), CountryLetters.RULE);
		Path decisions = this.dir.resolve("d.csv");
		Run run = segment("--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(70);
		assertThat(run.err()).contains("java.lang.NullPointerException")
			.contains("\tat " + CountryLetters.class.getName() + ".of(")
			.doesNotContain("failed in its");
		assertThat(run.out()).isEmpty();
		assertThat(decisions).doesNotExist();
	}

	/** The statuses a user reads in each command's help are those a bug and running out of memory exit with. */
	@Test
	void helpOfEachCommandGivesABugAndRunningOutOfMemoryTheStatusTheyExitWith() {
		for (String command : List.of("test-rules", "segment")) {
			// The footer is wrapped to the width of a terminal.
			assertThat(run(command, "--help").out().replaceAll("\\s+", " ")).as(command)
				.contains(" 70 an unexpected error (a bug, with its stack trace), 71 out of memory (the line says which limit to raise).");
		}
	}

	/**
	 * Drools' parser overflowed the stack on it: the StackOverflowError came out of both commands
	 * as a bug, exit status 70 and a thousand lines of stack trace naming no file.
	 */
	@Test
	void ruleNestedTooDeeplyToParseDoesNotCompileInBothCommandsNamingItsFileAndLine() throws IOException {
		Files.writeString(this.rules.resolve("deep.drl"), DeepRules.PARENTHESES);
		Files.writeString(this.rules.resolve("tests/mine.yaml"), """
				scenarios:
				  - name: Anyone
				    asOf: 2026-11-01T00:00:00Z
				    customer: { summary: { orderCount: 1 } }
				    expect: { persona: UNCLASSIFIED }
				""");
		for (Run run : List.of(run("test-rules", "--rules", this.rules.toString()), segment())) {
			assertThat(run.exit()).as(run.err()).isEqualTo(2);
			assertThat(run.err().lines()).as(run.err()).hasSize(2)
				.first(STRING).endsWith(" do not compile:");
			assertThat(run.err().lines()).last(STRING).isEqualTo("  deep.drl:6:" + (32 + DeepRules.LEVELS) + ": " + DeepRules.SAID);
			assertThat(run.out()).doesNotContain("PASS");
		}
	}

	private void addRule(String file, String rule) throws IOException {
		Files.writeString(this.rules.resolve(file),
				"package io.personaengine.rules;\nimport io.personaengine.facts.CustomerFacts;\n\n" + rule);
	}

	private Run segment(String... more) {
		return run(segmentArgs(more));
	}

	private String[] segmentArgs(String... more) {
		return Stream.concat(Stream.of("segment", "--orders", this.orders.toString(), "--as-of", "2011-12-10T00:00:00Z",
				"--rules", this.rules.toString()), Stream.of(more)).toArray(String[]::new);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	static Run run(String... args) {
		return JarCommands.run(args);
	}

}
