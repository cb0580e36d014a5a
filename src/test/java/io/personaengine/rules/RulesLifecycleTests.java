package io.personaengine.rules;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.personaengine.decisions.ConclusionWithABug;
import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionProperties;
import io.personaengine.decisions.DecisionService;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerInput.Profile;
import io.personaengine.facts.CustomerInput.Summary;
import io.personaengine.rules.ReloadReport.Outcome;
import io.personaengine.scenarios.ThreeTypos;
import jakarta.validation.Validation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Reload, reject, roll back and validate on a copy of the shipped rules, as an analyst edits them. */
class RulesLifecycleTests {

	static final Instant AS_OF = Instant.parse("2026-11-01T00:00:00Z");

	/** Averages 90: below the shipped AOV of 100, at or above 80. */
	static final CustomerInput AVERAGE_90 = new CustomerInput("c-90", AS_OF, new Profile("GB", true, false, false, false),
			null, null, new Summary(3, new BigDecimal("270.00"), 12, 80, null, null, null, null, null, null, null, null, null,
					null, null));

	static final String SCENARIO = """
			scenarios:
			  - name: Recent frequent big spender is a High Roller
			    asOf: 2026-11-01T00:00:00Z
			    customer: { summary: { orderCount: 3, totalSpent: 450.00, daysSinceLastOrder: 10 } }
			    expect: { persona: HIGH_ROLLER }
			""";

	/** A new rule under the name of one in segments.drl. */
	static final String LOYAL_AGAIN = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;

			rule "RecentFrequentBuyerIsLoyal"
			when
			    CustomerFacts( orderCount > 10 )
			then
			end
			""";

	/** A rule that compiles and throws for every customer. */
	static final String THROWS_FOR_EVERYONE = """
			package io.personaengine.rules;
			import io.personaengine.facts.CustomerFacts;
			rule "ThrowsForEveryone"
			when
			    CustomerFacts()
			then
			    throw new IllegalStateException("boom");
			end
			""";

	@TempDir
	Path rules;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	RulesLifecycle lifecycle;

	LiveRules live;

	@BeforeEach
	void startOnACopyOfTheShippedRules() throws IOException {
		ShippedRules.copyTo(this.rules, (path) -> !path.startsWith("tests/"));
		Files.writeString(this.rules.resolve("tests/scenario.yaml"), SCENARIO);
		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC());
		this.live = new LiveRules(loader.load(this.rules));
		this.lifecycle = new RulesLifecycle(loader, this.live,
				new RulesProperties(this.rules, true, 10, false, java.time.Duration.ofMillis(300)), Clock.systemUTC(),
				this.meters);
	}

	@Test
	void goodChangeGoesLiveWithANewVersion() throws IOException {
		String before = this.live.current().version();
		setAov("80.00");
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.LOADED);
		assertThat(report.scenariosRun()).isEqualTo(1);
		assertThat(this.live.current().version()).isEqualTo(report.version()).isNotEqualTo(before);
		assertThat(decide().persona()).isEqualTo("HIGH_ROLLER");
		assertThat(reloads("success")).isEqualTo(1);
	}

	@Test
	void unchangedFolderChangesNothing() {
		String before = this.live.current().version();
		assertThat(this.lifecycle.reload("test").outcome()).isEqualTo(Outcome.UNCHANGED);
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(this.lifecycle.history()).hasSize(1);
	}

	/**
	 * Drools' parser overflowed the stack on it: the StackOverflowError went up through the reload,
	 * neither counted nor the last failure, the lock let go of only as it unwound.
	 */
	@Test
	void ruleNestedTooDeeplyToParseIsRejectedAsACompileErrorWhileTheOldRulesServe() throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("deep.drl"), DeepRules.PARENTHESES);
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.file()).isEqualTo("deep.drl");
			assertThat(problem.line()).isEqualTo(6);
			assertThat(problem.message()).isEqualTo(DeepRules.SAID);
		});
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(this.lifecycle.lastFailure()).isEqualTo(report);
		assertThat(decide().persona()).isEqualTo("BRAND_ENTHUSIAST");
		assertThat(reloads("compile_error")).isEqualTo(1);
	}

	@Test
	void ruleThatDoesNotCompileIsRejectedWithFileAndLineWhileTheOldRulesServe() throws IOException {
		String before = this.live.current().version();
		breakSyntax();
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.problems()).first().satisfies((problem) -> {
			assertThat(problem.file()).isEqualTo("segments.drl");
			assertThat(problem.line()).isPositive();
		});
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(this.lifecycle.lastFailure()).isEqualTo(report);
		assertThat(decide().persona()).isEqualTo("BRAND_ENTHUSIAST");
		assertThat(reloads("compile_error")).isEqualTo(1);
	}

	/** It compiled, passed the scenarios and went live, to fail decisions after some twenty evaluations. */
	@Test
	void strOperatorIsRejectedAtTheOperatorWhileTheOldRulesServe() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				rule "CountryCustomer"
				when
				    SegmentMatch( segment str[startsWith] "COUNTRY_" )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(6);
		assertThat(problem.column()).isEqualTo(27);
		assertThat(problem.message()).startsWith("str[startsWith] fails at run time")
			.endsWith("write segment.startsWith( \"COUNTRY_\" ) instead");
		assertThat(reloads("compile_error")).isEqualTo(1);
	}

	@Test
	void changeThatFailsAScenarioIsRejectedWithTheDifference() throws IOException {
		String before = this.live.current().version();
		breakScenario();
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.problems()).isEmpty();
		assertThat(report.failedScenarios()).singleElement().satisfies((failed) -> {
			assertThat(failed.where()).isEqualTo("tests/scenario.yaml:2");
			assertThat(failed.differences()).containsExactly("persona: expected HIGH_ROLLER, got POTENTIAL_HIGH_ROLLER");
			assertThat(failed.firedRules()).contains("RecentOccasionalHighValueBuyerIsPotentialHighRoller");
		});
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(reloads("scenario_failure")).isEqualTo(1);
	}

	@Test
	void scenarioWithARequiredKeyMisspeltIsRejectedOnceAtTheMisspeltKey() throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("tests/scenario.yaml"), SCENARIO.replace("    asOf:", "    AsOf:"));
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.failedScenarios()).singleElement().satisfies((failed) -> {
			assertThat(failed.where()).isEqualTo("tests/scenario.yaml:3:5");
			assertThat(failed.differences()).containsExactly("'AsOf' is probably the required key 'asOf' (keys are case-sensitive)");
		});
		assertThat(report.scenariosRun()).isEqualTo(1);
		assertThat(this.live.current().version()).isEqualTo(before);
	}

	/** One entry a problem, the list said three scenarios failed where one was run and counted. */
	@Test
	void scenarioWithThreeMisspeltKeysIsOneFailedScenarioSayingEachAtItsLine() throws IOException {
		Files.writeString(this.rules.resolve("tests/scenario.yaml"), ThreeTypos.SCENARIO_FILE);
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.scenariosRun()).isEqualTo(1);
		assertThat(report.failedScenarios()).singleElement().satisfies((failed) -> {
			assertThat(failed.where()).isEqualTo("tests/scenario.yaml:5:7");
			assertThat(failed.differences()).satisfiesExactly(
					(first) -> assertThat(first).startsWith("tests/scenario.yaml:5:7: unknown key 'summry' (at customer.summry)"),
					(second) -> assertThat(second).startsWith("tests/scenario.yaml:7:7: unknown key 'persnoa' (at expect.persnoa)"),
					(third) -> assertThat(third).startsWith("tests/scenario.yaml:8:7: unknown key 'segmnets' (at expect.segmnets)"));
		});
	}

	/**
	 * Problems of the file itself are each a failure of their own, as test-rules counts them, at
	 * their line and column as a scenario's are.
	 */
	@Test
	void problemsOfAScenarioFileItselfAreAFailedScenarioEachAtTheirLineAndColumn() throws IOException {
		Files.writeString(this.rules.resolve("tests/scenario.yaml"), "tags: [a]\nowner: me\n" + SCENARIO);
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.failedScenarios()).extracting(ReloadReport.FailedScenario::where)
			.containsExactly("tests/scenario.yaml:1:1", "tests/scenario.yaml:2:1");
		assertThat(report.scenariosRun()).isEqualTo(3);
	}

	@Test
	void ruleThatThrowsOnAScenarioCustomerIsRejectedNotACrash() throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("explode.drl"), THROWS_FOR_EVERYONE);
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.problems()).singleElement().satisfies((p) -> assertThat(p.message()).contains("boom"));
		assertThat(this.lifecycle.lastFailure()).isEqualTo(report);
		assertThat(this.live.current().version()).isEqualTo(before);
	}

	/** It compiled and no scenario ran to its end: counted as a compile error, it sent an operator to the syntax. */
	@Test
	void ruleThatThrowsOnAScenarioCustomerIsCountedAsARuleFailure() throws IOException {
		assertThat(this.meters.find("persona.rules.reloads").tag("outcome", "rule_failure").counter())
			.as("at 0 before the first").isNotNull();
		onlyProblemOfAdding(THROWS_FOR_EVERYONE);
		assertThat(reloads("rule_failure")).isEqualTo(1);
		assertThat(reloads("compile_error")).isZero();
		assertThat(reloads("scenario_failure")).isZero();
	}

	/** Said as "a rule failed while running the scenarios", it was looked for in the rules. */
	@Test
	void bugOfTheServiceWhileTheScenariosRunFailsTheReloadAsItselfAndTheOldRulesServe() throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("bug.drl"), ConclusionWithABug.RULE);
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> this.lifecycle.reload("test"))
			.withMessage(ConclusionWithABug.BUG);
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(this.lifecycle.history()).hasSize(1);
		assertThat(this.lifecycle.lastFailure()).as("no rejection of the rules").isNull();
		assertThat(decide().persona()).isEqualTo("BRAND_ENTHUSIAST");
	}

	@Test
	void ruleThatThrowsInItsThenPartIsRejectedNamingTheRuleItsFileAndLine() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "AverageOfNoEngagementsDividesByZero"
				when
				    $c : CustomerFacts()
				then
				    System.out.println( 100 / $c.getEngagementCount90d() );
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message()).startsWith("rule \"AverageOfNoEngagementsDividesByZero\" failed in its then part")
			.contains("a calculation is impossible (ArithmeticException: / by zero)");
	}

	@Test
	void ruleThatThrowsInItsConditionIsRejectedNamingTheRuleAndTheCondition() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				// The scenario's customer has no country.
				rule "LongCountryNameIsExotic"
				when
				    $c : CustomerFacts( country.length() > 2 )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(5);
		assertThat(problem.message()).startsWith("rule \"LongCountryNameIsExotic\" failed in its condition 'country.length() > 2'")
			.contains("a value it uses is missing (null)");
	}

	/**
	 * A function that calls itself without end overflows the stack, an Error that Drools does not
	 * wrap: it went on up through the reload as the Error it is, no rule named, nothing said.
	 */
	@Test
	void ruleThatCallsItselfWithoutEndInItsThenPartIsRejectedNamingTheRuleItsFileAndLine() throws IOException {
		RuleProblem problem = onlyProblemOfAdding(EndlessRecursion.IN_A_THEN_PART);
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(6);
		assertThat(problem.message()).isEqualTo("rule \"DepthWithoutEnd\" failed in its then part while deciding the scenarios' "
				+ "customers, for scenario \"Recent frequent big spender is a High Roller\" (tests/scenario.yaml:2): "
				+ EndlessRecursion.SAID);
		assertThat(decide().persona()).as("the previous rules serve").isEqualTo("BRAND_ENTHUSIAST");
	}

	/**
	 * Drools wraps what a then part throws only if it is an Exception: an assert, or a class the
	 * rule calls failing to initialise, went up through the reload as the Error it is.
	 */
	@Test
	void thenPartThatThrowsAnErrorIsRejectedNamingTheRuleItsFileAndLine() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "AssertsInItsThenPart"
				when
				    CustomerFacts()
				then
				    throw new AssertionError("orders cannot be negative");
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message()).isEqualTo("rule \"AssertsInItsThenPart\" failed in its then part while deciding the "
				+ "scenarios' customers, for scenario \"Recent frequent big spender is a High Roller\" (tests/scenario.yaml:2): "
				+ "AssertionError: orders cannot be negative");
		assertThat(decide().persona()).as("the previous rules serve").isEqualTo("BRAND_ENTHUSIAST");
	}

	/** Out of an eval the Error comes unwrapped, but with its frames: the rule is found by them, as for an exception. */
	@Test
	void evalThatThrowsAnErrorIsRejectedNamingTheRule() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				function boolean checked(int orders) { throw new AssertionError("orders cannot be negative"); }

				rule "AssertsInItsEval"
				when
				    $c : CustomerFacts()
				    eval( checked($c.getOrderCount()) )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(6);
		assertThat(problem.message()).startsWith("rule \"AssertsInItsEval\" failed in its eval while deciding the scenarios' customers")
			.endsWith(": AssertionError: orders cannot be negative");
	}

	@Test
	void conditionThatCallsItselfWithoutEndIsRejectedSayingSo() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				%s
				rule "DeepCondition"
				when
				    CustomerFacts( depth(orderCount) > 0 )
				then
				end
				""".formatted(EndlessRecursion.FUNCTION));
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(6);
		assertThat(problem.message()).startsWith("rule \"DeepCondition\" failed in its condition 'depth(orderCount) > 0'")
			.endsWith(": " + EndlessRecursion.SAID);
	}

	/**
	 * An eval's Java runs in the rule's own class, and the overflow comes out of it unwrapped, with
	 * a stack of the recursion alone: no rule to name, yet a failure of the rules, said as one.
	 */
	@Test
	void evalThatCallsItselfWithoutEndIsRejectedAsAFailureOfTheRules() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				%s
				rule "DeepEval"
				when
				    $c : CustomerFacts()
				    eval( depth($c.getOrderCount()) > 0 )
				then
				end
				""".formatted(EndlessRecursion.FUNCTION));
		assertThat(problem.message()).isEqualTo("a rule failed while deciding the scenarios' customers, for scenario "
				+ "\"Recent frequent big spender is a High Roller\" (tests/scenario.yaml:2): function depth, called in an "
				+ "eval or an accumulate, calls itself without end, or too deeply (StackOverflowError); the stack does not say which rule calls it");
		assertThat(decide().persona()).as("the previous rules serve").isEqualTo("BRAND_ENTHUSIAST");
	}

	/**
	 * MVEL runs a {@code from} and wraps what it throws, a StackOverflowError too: no rule was
	 * named, the overflow said as MVEL's "cannot invoke method: deep". Found by what the from calls.
	 */
	@Test
	void fromThatCallsAFunctionCallingItselfWithoutEndIsRejectedNamingTheRuleItsFileAndLine() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				%s
				function java.util.List deep(CustomerFacts c) { depth(0); return null; }

				rule "DeepFrom"
				when
				    $c : CustomerFacts()
				    String() from deep( $c )
				then
				end
				""".formatted(EndlessRecursion.FUNCTION));
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(8);
		assertThat(problem.message()).isEqualTo("rule \"DeepFrom\" failed in its from while deciding the scenarios' customers, "
				+ "for scenario \"Recent frequent big spender is a High Roller\" (tests/scenario.yaml:2): " + EndlessRecursion.SAID);
		assertThat(decide().persona()).as("the previous rules serve").isEqualTo("BRAND_ENTHUSIAST");
	}

	/** An eval's Java throws inside the engine's RuntimeException, which names no rule: found by the eval's frame. */
	@Test
	void ruleThatThrowsInAnEvalIsRejectedNamingTheRuleItsFileAndLine() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "EngagementsPerHundredInAnEval"
				when
				    $c : CustomerFacts()
				    eval( 100 / $c.getEngagementCount90d() > 1 )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message()).startsWith("rule \"EngagementsPerHundredInAnEval\" failed in its eval while deciding the scenarios' customers")
			.endsWith(": a calculation is impossible (ArithmeticException: / by zero)");
	}

	@Test
	void ruleThatThrowsInAnInlineAccumulateIsRejectedNamingTheRuleItsFileAndLine() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				// Written over two lines: the rule is named at the line of its name.
				rule
				    "EngagementsPerHundredAccumulated"
				when
				    Number() from accumulate( CustomerFacts( $n : engagementCount90d ),
				        init( int total = 0; ), action( total += 100 / $n; ), result( total ) )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(5);
		assertThat(problem.message())
			.startsWith("rule \"EngagementsPerHundredAccumulated\" failed in its accumulate while deciding the scenarios' customers")
			.endsWith(": a calculation is impossible (ArithmeticException: / by zero)");
	}

	@Test
	void ruleThatThrowsInTheExpressionOfAnAccumulateFunctionIsRejectedNamingTheRule() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "EngagementsPerHundredSummed"
				when
				    Number() from accumulate( CustomerFacts( $n : engagementCount90d ), sum( 100 / $n ) )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message()).startsWith("rule \"EngagementsPerHundredSummed\" failed in its accumulate");
	}

	/**
	 * A service's method called by an eval that throws is a bug of the service, as ScenarioRunner
	 * takes it, not a rule's failure: the stack is read from where it was thrown.
	 */
	@Test
	void bugOfTheServiceCalledByAnEvalIsNoFailureOfTheRule() throws IOException {
		Files.writeString(this.rules.resolve("bug.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.ConclusionWithABug;

				rule "AsksWhatTheServiceCannotTell"
				when
				    $c : CustomerFacts()
				    eval( new ConclusionWithABug().getCustomer() == $c )
				then
				end
				""");
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.lifecycle.reload("test"))
			.withRootCauseInstanceOf(NullPointerException.class);
		assertThat(this.lifecycle.lastFailure()).as("no rejection of the rules").isNull();
	}

	/** Drools quotes the name without escaping it: 'in [Rule "Country "code" is long" in explode.drl]'. */
	@Test
	void ruleWithQuotesInItsNameThatThrowsInItsConditionIsNamedWhole() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule 'Country "code" is long, or exotic'
				when
				    $c : CustomerFacts( country.length() > 2 )
				then
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message())
			.startsWith("rule \"Country \"code\" is long, or exotic\" failed in its condition 'country.length() > 2'");
	}

	@Test
	void ruleThatNeverSettlesIsRejectedNamingTheRule() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "EveryCustomerIsLookedAtAgain"
				when
				    $c : CustomerFacts()
				then
				    update( $c );
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message()).startsWith("rule \"EveryCustomerIsLookedAtAgain\" kept firing (")
			.contains("the rules never settled");
	}

	/**
	 * A rule on segments runs after them (salience -150, as the analysts' guide says), so
	 * LoyalCustomerJoinsRewardsProgramme reacts to every LOYAL the loop makes, two per turn, and
	 * fires twice as often as the loop: the loop is the rule that fires on what it made itself.
	 */
	@Test
	void ruleThatNeverSettlesIsNamedRatherThanARuleReactingToWhatItKeepsMaking() throws IOException {
		RuleProblem problem = onlyProblemOfAdding("""
				package io.personaengine.rules;
				import io.personaengine.decisions.SegmentMatch;

				rule "LoyalCustomerIsLoyalAgain"
				    salience -150
				when
				    SegmentMatch( segment == "LOYAL", reason != "twice", $c : customer )
				then
				    insert( new SegmentMatch( $c, "LOYAL", "again" ) );
				    insert( new SegmentMatch( $c, "LOYAL", "twice" ) );
				end
				""");
		assertThat(problem.file()).isEqualTo("explode.drl");
		assertThat(problem.line()).isEqualTo(4);
		assertThat(problem.message()).startsWith("rule \"LoyalCustomerIsLoyalAgain\" kept firing (")
			.doesNotContain("LoyalCustomerJoinsRewardsProgramme");
	}

	/** Adds explode.drl: the reload must be rejected for one problem, the live rules untouched. */
	private RuleProblem onlyProblemOfAdding(String drl) throws IOException {
		String before = this.live.current().version();
		Files.writeString(this.rules.resolve("explode.drl"), drl);
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(report.problems()).hasSize(1);
		return report.problems().get(0);
	}

	/** Drools blames whichever of the two it meets second; "aa-" sorts before, "zz-" after, segments.drl. */
	@Test
	void duplicateRuleNameIsBlamedOnTheNewRuleNamingTheOldOne() throws IOException {
		for (String file : List.of("aa-new.drl", "zz-new.drl")) {
			Files.writeString(this.rules.resolve(file), LOYAL_AGAIN);
			int oldLine = Files.readAllLines(this.rules.resolve("segments.drl")).indexOf("rule \"RecentFrequentBuyerIsLoyal\"") + 1;
			ReloadReport report = this.lifecycle.reload("test");
			assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
			assertThat(report.problems()).as(file).singleElement().satisfies((problem) -> {
				assertThat(problem.file()).isEqualTo(file);
				assertThat(problem.line()).isEqualTo(4);
				assertThat(problem.message()).isEqualTo("rule name \"RecentFrequentBuyerIsLoyal\" is already used by the rule at segments.drl:"
						+ oldLine + "; give this rule a name of its own");
			});
			Files.delete(this.rules.resolve(file));
		}
	}

	@Test
	void ruleNameTakenTwiceMoreIsBlamedOnEachNewRuleAndNothingElse() throws IOException {
		for (String file : List.of("aa-new.drl", "zz-new.drl")) {
			Files.writeString(this.rules.resolve(file), LOYAL_AGAIN);
		}
		ReloadReport report = this.lifecycle.reload("test");
		assertThat(report.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(report.problems()).extracting(RuleProblem::file).containsExactly("aa-new.drl", "zz-new.drl");
		assertThat(report.problems()).allSatisfy((problem) -> assertThat(problem.message())
			.startsWith("rule name \"RecentFrequentBuyerIsLoyal\" is already used by the rule at segments.drl:"));
	}

	@Test
	void scenarioChecksCanBeSwitchedOff() throws IOException {
		RulesLifecycle unchecked = new RulesLifecycle(new RuleSetLoader(Clock.systemUTC()), this.live,
				new RulesProperties(this.rules, false, 10, false, java.time.Duration.ofMillis(300)), Clock.systemUTC(),
				this.meters);
		breakScenario();
		assertThat(unchecked.reload("test").outcome()).isEqualTo(Outcome.LOADED);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void eachDistinctRejectionIsLoggedOnce(CapturedOutput output) throws IOException {
		breakSyntax();
		this.lifecycle.reload("watch");
		this.lifecycle.reload("watch");
		assertThat(rejectionsLogged(output)).isEqualTo(1);
		restoreSegments();
		assertThat(this.lifecycle.reload("watch").outcome()).isEqualTo(Outcome.UNCHANGED);
		breakSyntax();
		this.lifecycle.reload("watch");
		assertThat(rejectionsLogged(output)).as("the same break saved again after the folder was put right").isEqualTo(2);
		restoreSegments();
		setAov("90.00");
		assertThat(this.lifecycle.reload("watch").outcome()).isEqualTo(Outcome.LOADED);
		breakSyntax();
		this.lifecycle.reload("watch");
		assertThat(rejectionsLogged(output)).as("the same break after another version went live").isEqualTo(3);
		restoreSegments();
		Path scenario = this.rules.resolve("tests/scenario.yaml");
		Files.writeString(scenario, SCENARIO.replace("persona: HIGH_ROLLER", "persona: BRAND_ENTHUSIAST"));
		this.lifecycle.reload("watch");
		Files.writeString(scenario, SCENARIO.replace("persona: HIGH_ROLLER", "persona: DEAD_WEIGHT"));
		this.lifecycle.reload("watch");
		assertThat(rejectionsLogged(output)).as("one rule set failing its scenarios two ways").isEqualTo(5);
		assertThat(output.getOut()).contains("expected DEAD_WEIGHT");
		Files.writeString(scenario, SCENARIO + "# put right, with a note\n");
		assertThat(this.lifecycle.reload("watch").rejected()).isFalse();
		Files.writeString(scenario, SCENARIO.replace("persona: HIGH_ROLLER", "persona: DEAD_WEIGHT"));
		this.lifecycle.reload("watch");
		assertThat(rejectionsLogged(output)).as("the same failure after only the scenarios were put right").isEqualTo(6);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void rulesGoingLiveWithNoScenariosToCheckAreWarnedAbout(CapturedOutput output) throws IOException {
		Files.delete(this.rules.resolve("tests/scenario.yaml"));
		setAov("90.00");
		assertThat(this.lifecycle.reload("watch").outcome()).isEqualTo(Outcome.LOADED);
		assertThat(output.getOut()).containsPattern("WARN .* is live without scenario checks: .*/tests holds no scenarios");
	}

	/**
	 * The rules decide the same without a catalogue entry, so they go live; but GET
	 * /api/v1/segments and /personas did not list what decisions named, with no text in any
	 * language, and nothing said so. Deleting personas.yaml loaded an empty persona catalogue.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void segmentOrPersonaTheCatalogueDoesNotDescribeGoesLiveWarnedOfInTheReportAndTheLog(CapturedOutput output)
			throws IOException {
		Files.writeString(this.rules.resolve("custom-segments.dslr"), """

				rule "ShoeLoverInSwedenIsSwedishShoeLover"
				when
				    There is a customer
				    the customer is in segment SHOE_LOVER
				    the customer lives in SE
				then
				    Add the customer to segment SWEDISH_SHOE_LOVER because a shoe lover in Sweden
				end
				""", StandardOpenOption.APPEND);
		writeBargainHunterRule();
		int swedish = Files.readAllLines(this.rules.resolve("custom-segments.dslr"))
			.indexOf("    Add the customer to segment SWEDISH_SHOE_LOVER because a shoe lover in Sweden") + 1;
		ReloadReport report = this.lifecycle.reload("watch");
		assertThat(report.outcome()).isEqualTo(Outcome.LOADED);
		assertThat(report.warnings()).containsExactly(
				new RuleProblem("bargains.drl", 9, 40, "persona 'BARGAIN_HUNTER' has no entry in catalogue/personas.yaml: "
						+ "decisions name it, but GET /api/v1/personas does not list it, and it has no name, description or "
						+ "goal in any language; add an entry with id BARGAIN_HUNTER"),
				new RuleProblem("custom-segments.dslr", swedish, 33, "segment 'SWEDISH_SHOE_LOVER' has no entry in "
						+ "catalogue/segments.yaml: decisions name it, but GET /api/v1/segments does not list it, and it has "
						+ "no name, description or goal in any language; add an entry with id SWEDISH_SHOE_LOVER"));
		assertThat(output.getOut()).contains("WARN")
			.contains("Rule set " + report.version() + " is live with 2 warning(s):\n  bargains.drl:9:40: persona "
					+ "'BARGAIN_HUNTER' has no entry")
			.contains("\n  custom-segments.dslr:" + swedish + ":33: segment 'SWEDISH_SHOE_LOVER' has no entry");
		Files.delete(this.rules.resolve("catalogue/personas.yaml"));
		report = this.lifecycle.reload("watch");
		assertThat(report.outcome()).isEqualTo(Outcome.LOADED);
		assertThat(this.live.current().catalogue().personas()).isEmpty();
		assertThat(report.warnings()).first()
			.isEqualTo(new RuleProblem("catalogue/personas.yaml", 0, 0, "missing: GET /api/v1/personas lists no persona, "
					+ "and the personas the rules make (ALMOST_THERE, BARGAIN_HUNTER, BRAND_ENTHUSIAST, DEAD_WEIGHT, "
					+ "ESPRESSO_SHOT, FALSE_START, HIGH_ROLLER, JUST_PASSING_THROUGH, LAPSED_ENTHUSIAST, LAPSED_HIGH_ROLLER, "
					+ "ONE_HIT_WONDER, POTENTIAL_BRAND_ENTHUSIAST, POTENTIAL_HIGH_ROLLER, UNCLASSIFIED, WAITING_FOR_THE_WOW, "
					+ "WINDOW_SHOPPER) have no name, description or goal in any language; decisions still name them"));
		assertThat(output.getOut()).contains("catalogue/personas.yaml: missing: GET /api/v1/personas lists no persona");
	}

	/** Listed by the API and named by no decision, without a word: a warning of the reload, the validate and the log. */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void catalogueEntryWhoseIdNoRuleMakesGoesLiveWarnedOfInTheReportsAndTheLog(CapturedOutput output) throws IOException {
		Path segments = this.rules.resolve("catalogue/segments.yaml");
		Files.writeString(segments, Files.readString(segments) + "\n- id: GIFTED\n  name: { en: Gifted }\n"
				+ "  description: { en: Got a gift }\n  goal: { en: Thank them }\n");
		RuleProblem gifted = new RuleProblem("catalogue/segments.yaml", Files.readAllLines(segments).indexOf("- id: GIFTED") + 1, 7,
				"segment 'GIFTED' is made by no rule: GET /api/v1/segments lists it, but no decision names it; add a rule that "
						+ "makes it, or remove the entry");
		ReloadReport report = this.lifecycle.reload("watch");
		assertThat(report.outcome()).isEqualTo(Outcome.LOADED);
		assertThat(report.warnings()).containsExactly(gifted);
		assertThat(output.getOut()).contains("WARN").contains("Rule set " + report.version() + " is live with 1 warning(s):\n  " + gifted);
		ReloadReport validated = this.lifecycle.validate(new TreeMap<>(RuleFiles.read(this.rules)),
				new TreeMap<>(Map.of("tests/s.yaml", SCENARIO.getBytes(StandardCharsets.UTF_8))), "upload");
		assertThat(validated.outcome()).isEqualTo(Outcome.VALID);
		assertThat(validated.warnings()).containsExactly(gifted);
	}

	/**
	 * A scenario file saved empty passed unseen; refusing it stopped the start and failed every
	 * reload. It is a warning of the report and the log, whether the rules changed or not.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void scenarioFileWithNoScenariosIsAWarningOfTheReloadAndTheLogNotARejection(CapturedOutput output) throws IOException {
		RuleProblem none = new RuleProblem("tests/none.yaml", 0, 0, "no scenarios in the file: it checks nothing; write "
				+ "them under 'scenarios:' as a list, or remove the file");
		Files.writeString(this.rules.resolve("tests/none.yaml"), "scenarios: []\n");
		ReloadReport report = this.lifecycle.reload("watch");
		assertThat(report.outcome()).as("the rules are those live").isEqualTo(Outcome.UNCHANGED);
		assertThat(report.scenariosRun()).isEqualTo(1);
		assertThat(report.warnings()).containsExactly(none);
		assertThat(output.getOut()).contains("WARN")
			.contains("Rule set " + report.version() + " is live with 1 warning(s):\n  " + none);
		setAov("90.00");
		report = this.lifecycle.reload("watch");
		assertThat(report.outcome()).isEqualTo(Outcome.LOADED);
		assertThat(report.warnings()).containsExactly(none);
		assertThat(output.getOut()).contains("Rule set " + report.version() + " is live with 1 warning(s):\n  " + none);
	}

	/**
	 * A reload that finds the folder as it is live said no warnings, as though they were put
	 * right, while one after only a scenario file changed said them: both say those of the live
	 * rules and their scenario files.
	 */
	@Test
	void reloadOfTheFolderAsItIsLiveSaysTheWarningsOfTheLiveRulesAndScenarioFiles() throws IOException {
		writeBargainHunterRule();
		ReloadReport loaded = this.lifecycle.reload("watch");
		assertThat(loaded.outcome()).isEqualTo(Outcome.LOADED);
		RuleProblem bargains = loaded.warnings().get(0);
		assertThat(bargains.file()).isEqualTo("bargains.drl");
		ReloadReport again = this.lifecycle.reload("watch");
		assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
		assertThat(again.warnings()).containsExactly(bargains);
		RuleProblem none = new RuleProblem("tests/none.yaml", 0, 0, "no scenarios in the file: it checks nothing; write "
				+ "them under 'scenarios:' as a list, or remove the file");
		Files.writeString(this.rules.resolve("tests/none.yaml"), "scenarios: []\n");
		ReloadReport scenariosChanged = this.lifecycle.reload("watch");
		assertThat(scenariosChanged.outcome()).isEqualTo(Outcome.UNCHANGED);
		assertThat(scenariosChanged.scenariosRun()).isPositive();
		assertThat(scenariosChanged.warnings()).containsExactly(bargains, none);
		ReloadReport nothingChanged = this.lifecycle.reload("watch");
		assertThat(nothingChanged.outcome()).isEqualTo(Outcome.UNCHANGED);
		assertThat(nothingChanged.warnings()).isEqualTo(scenariosChanged.warnings());
	}

	/** A rule making persona BARGAIN_HUNTER, which the catalogue does not describe, on line 9 of bargains.drl. */
	private void writeBargainHunterRule() throws IOException {
		Files.writeString(this.rules.resolve("bargains.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;
				import io.personaengine.decisions.PersonaMatch;

				rule "DiscountOnlyBuyerIsBargainHunter"
				when
				    $c : CustomerFacts( discountedOrders > 5 )
				then
				    insert( new PersonaMatch( $c, 16, "BARGAIN_HUNTER", "only buys with a discount" ) );
				end
				""");
	}

	private static long rejectionsLogged(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains("WARN") && line.contains(" rejected (watch)")).count();
	}

	@Test
	void rollbackReturnsToThePreviousVersionWithoutReadingTheFolder() throws IOException {
		String first = this.live.current().version();
		setAov("80.00");
		this.lifecycle.reload("test");
		breakSyntax();
		RulesLifecycle.Loaded back = this.lifecycle.rollback(null);
		assertThat(back.ruleSet().version()).isEqualTo(first);
		assertThat(this.live.current().version()).isEqualTo(first);
		assertThat(back.reason()).startsWith("rollback from ");
		assertThat(decide().persona()).isEqualTo("BRAND_ENTHUSIAST");
	}

	@Test
	void rollbackLastsUntilTheNextReloadBuildsFromTheFolder() throws IOException {
		setAov("80.00");
		String edited = this.lifecycle.reload("test").version();
		this.lifecycle.rollback(null);
		assertThat(decide().persona()).isEqualTo("BRAND_ENTHUSIAST");
		ReloadReport again = this.lifecycle.reload("test");
		assertThat(again.outcome()).isEqualTo(Outcome.LOADED);
		assertThat(again.version()).isEqualTo(edited);
		assertThat(this.live.current().version()).isEqualTo(edited);
		assertThat(decide().persona()).isEqualTo("HIGH_ROLLER");
	}

	@Test
	void rollbackToANamedVersionFromTheHistory() throws IOException {
		String first = this.live.current().version();
		setAov("80.00");
		String second = this.lifecycle.reload("test").version();
		setAov("70.00");
		this.lifecycle.reload("test");
		assertThat(this.lifecycle.history()).extracting((entry) -> entry.ruleSet().version()).hasSize(3).startsWith(
				this.live.current().version(), second, first);
		this.lifecycle.rollback(first);
		assertThat(this.live.current().version()).isEqualTo(first);
		assertThatExceptionOfType(RollbackException.class).isThrownBy(() -> this.lifecycle.rollback("000000000000"))
			.withMessageContaining("not in the history");
		assertThatExceptionOfType(RollbackException.class).isThrownBy(() -> this.lifecycle.rollback(first))
			.withMessage("version " + first + " is already live");
		assertThat(this.lifecycle.currentEntry().reason()).isEqualTo("rollback from " + this.lifecycle.history().get(1).ruleSet().version());
	}

	@Test
	void rollbackWithNothingEarlierIsRefused() {
		assertThatExceptionOfType(RollbackException.class).isThrownBy(() -> this.lifecycle.rollback(null))
			.withMessageContaining("no earlier rule set");
	}

	@Test
	void historyKeepsTheLastTenVersions() throws IOException {
		for (int i = 0; i < 12; i++) {
			setAov((70 + i) + ".00");
			assertThat(this.lifecycle.reload("test").outcome()).isEqualTo(Outcome.LOADED);
		}
		assertThat(this.lifecycle.history()).hasSize(10);
		assertThat(this.lifecycle.history().get(0).ruleSet().version()).isEqualTo(this.live.current().version());
	}

	@Test
	void validationReportsWithoutTouchingTheLiveRules() throws IOException {
		String before = this.live.current().version();
		TreeMap<String, byte[]> files = new TreeMap<>(RuleFiles.read(this.rules));
		files.put("thresholds.yaml", new String(files.get("thresholds.yaml"), StandardCharsets.UTF_8)
			.replace("highValueAov: 100.00", "highValueAov: 80.00").getBytes(StandardCharsets.UTF_8));
		ReloadReport valid = this.lifecycle.validate(files, new TreeMap<>(Map.of("tests/s.yaml", SCENARIO.getBytes())), "upload");
		assertThat(valid.outcome()).isEqualTo(Outcome.VALID);
		assertThat(valid.scenariosRun()).isEqualTo(1);
		files.put("personas.drl", "rule Broken when then".getBytes());
		assertThat(this.lifecycle.validate(files, new TreeMap<>(), "upload").outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(this.live.current().version()).isEqualTo(before);
		assertThat(this.lifecycle.history()).hasSize(1);
		assertThat(this.lifecycle.lastFailure()).isNull();
	}

	/**
	 * Decisions from three threads while 20 reloads alternate between a good change, a syntax
	 * error, a failing scenario and a good change again: none fails, and each decision's persona
	 * is the one its reported version gives.
	 */
	@Test
	void decisionsNeverFailAndAlwaysMatchTheVersionTheyReportDuringReloads() throws Exception {
		DecisionService decisions = new DecisionService(this.live,
				Validation.buildDefaultValidatorFactory().getValidator(), new DecisionProperties(1000, 10_000, 50_000, Duration.ofSeconds(2), Duration.ofMinutes(5)),
				Clock.systemUTC());
		Map<String, String> expectedPersona = new ConcurrentHashMap<>();
		expectedPersona.put(this.live.current().version(), "BRAND_ENTHUSIAST");
		AtomicBoolean reloading = new AtomicBoolean(true);
		AtomicInteger decided = new AtomicInteger();
		Map<String, String> seen = new ConcurrentHashMap<>();
		ExecutorService threads = Executors.newFixedThreadPool(3);
		List<Future<Integer>> deciders = new java.util.ArrayList<>();
		for (int t = 0; t < 3; t++) {
			deciders.add(threads.submit(() -> {
				int failures = 0;
				while (reloading.get()) {
					try {
						Decision decision = decisions.decide(AVERAGE_90);
						seen.merge(decision.ruleSetVersion(), decision.persona(),
								(a, b) -> a.equals(b) ? a : "MIXED " + a + "/" + b);
						decided.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failures++;
					}
				}
				return failures;
			}));
		}
		String[] aovs = { "80.00", "100.00" };
		for (int i = 0; i < 20; i++) {
			switch (i % 4) {
				case 0, 3 -> {
					String aov = aovs[(i / 2) % 2];
					setAov(aov);
					ReloadReport report = this.lifecycle.reload("good change " + i);
					assertThat(report.rejected()).as("reload %d", i).isFalse();
					expectedPersona.put(report.version(), aov.equals("80.00") ? "HIGH_ROLLER" : "BRAND_ENTHUSIAST");
				}
				case 1 -> {
					breakSyntax();
					assertThat(this.lifecycle.reload("syntax error " + i).outcome()).isEqualTo(Outcome.REJECTED);
					restoreSegments();
				}
				default -> {
					breakScenario();
					assertThat(this.lifecycle.reload("failing scenario " + i).outcome()).isEqualTo(Outcome.REJECTED);
					restoreFrequency();
				}
			}
		}
		reloading.set(false);
		int failures = 0;
		for (Future<Integer> decider : deciders) {
			failures += decider.get();
		}
		threads.shutdown();
		assertThat(failures).isZero();
		assertThat(decided.get()).isPositive();
		assertThat(seen.keySet()).isSubsetOf(expectedPersona.keySet()).hasSizeGreaterThan(1);
		seen.forEach((version, persona) -> assertThat(persona).as(version).isEqualTo(expectedPersona.get(version)));
		assertThat(reloads("compile_error")).isEqualTo(5);
		assertThat(reloads("scenario_failure")).isEqualTo(5);
	}

	private Decision decide() {
		RuleSet ruleSet = this.live.current();
		return io.personaengine.decisions.DecisionEngine.decide(ruleSet,
				List.of(io.personaengine.facts.FactDeriver.derive(AVERAGE_90, ruleSet.thresholds(), AS_OF))).get(0);
	}

	private double reloads(String outcome) {
		var counter = this.meters.find("persona.rules.reloads").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void setAov(String aov) throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replaceAll("highValueAov: [0-9.]+", "highValueAov: " + aov));
	}

	private void breakSyntax() throws IOException {
		Files.writeString(this.rules.resolve("segments.drl"), "\nrule \"Broken\" when then oops end\n", StandardOpenOption.APPEND);
	}

	private void restoreSegments() throws IOException {
		Files.copy(ShippedRules.DIR.resolve("segments.drl"), this.rules.resolve("segments.drl"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	/** Four orders to be frequent: the scenario's three-order High Roller is one no longer. */
	private void breakScenario() throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replace("frequentPurchaseCount: 3", "frequentPurchaseCount: 4"));
	}

	private void restoreFrequency() throws IOException {
		Path file = this.rules.resolve("thresholds.yaml");
		Files.writeString(file, Files.readString(file).replace("frequentPurchaseCount: 4", "frequentPurchaseCount: 3"));
	}

}
