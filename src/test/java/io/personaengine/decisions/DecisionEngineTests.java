package io.personaengine.decisions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.FactDeriver;
import io.personaengine.rules.EndlessRecursion;
import io.personaengine.rules.RuleSet;
import io.personaengine.rules.RuleSetLoader;
import io.personaengine.rules.ShippedRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DecisionEngineTests {

	/** Enough for two full executions and a part of a third. */
	private static final int CUSTOMERS = 2 * DecisionEngine.EXECUTION_SIZE + 37;

	/**
	 * Rules that fire exactly N times for a customer "count-N-..." and nothing else, a loop on a
	 * fact of no customer started for the customer "loop", and one changing the customer "touch"
	 * again and again, which another rule reacts to first: the catalogues and thresholds of rules/
	 * without its rules, so that no other rule fires. A customer "...-busy" first makes a rule on
	 * a fact of no customer re-trigger itself 997 times; one "...-unpaired" makes a rule throw
	 * if it is decided without the customer "pair", an Error for one "...-unpaired-assert".
	 */
	private static final String COUNTING = """
			package io.personaengine.rules;

			import io.personaengine.facts.CustomerFacts;
			import java.util.concurrent.atomic.AtomicInteger;
			import java.util.concurrent.atomic.AtomicLong;

			declare Firings
			    customer : CustomerFacts
			    left : int
			end

			rule "StartsCounting"
			when
			    $c : CustomerFacts( customerId.startsWith("count-") )
			then
			    insert( new Firings( $c, Integer.parseInt( $c.getCustomerId().split("-")[1] ) - 1 ) );
			end

			rule "CountsDown"
			when
			    $c : CustomerFacts()
			    $f : Firings( customer == $c, left > 0 )
			then
			    modify( $f ) { setLeft( $f.getLeft() - 1 ) }
			end

			rule "StartsALoop"
			when
			    CustomerFacts( customerId == "loop" )
			then
			    insert( new AtomicInteger() );
			end

			rule "LoopsOnAFactOfNoCustomer"
			when
			    $n : AtomicInteger()
			then
			    $n.incrementAndGet();
			    update( $n );
			end

			rule "ReactsToTheCustomerFirst"
			    salience 10
			when
			    CustomerFacts( customerId == "touch" )
			then
			end

			rule "TouchesTheCustomer"
			when
			    $c : CustomerFacts( customerId == "touch" )
			then
			    update( $c );
			end

			rule "StartsBusyWork"
			    salience 10
			when
			    CustomerFacts( customerId.endsWith("-busy") )
			then
			    insert( new AtomicLong() );
			end

			rule "DoesBusyWork"
			    salience 10
			when
			    $n : AtomicLong( longValue() < 998 )
			then
			    $n.incrementAndGet();
			    update( $n );
			end

			rule "BreaksWithoutItsPair"
			    salience 10
			when
			    $c : CustomerFacts( customerId.endsWith("-unpaired") || customerId.endsWith("-unpaired-assert") )
			    not CustomerFacts( customerId == "pair" )
			then
			    if ( $c.getCustomerId().endsWith("-assert") ) {
			        throw new AssertionError( "decided without the customer pair" );
			    }
			    throw new IllegalStateException( "decided without the customer pair" );
			end
			""";

	private static RuleSet counting;

	@BeforeAll
	static void counting(@TempDir Path rules) throws IOException {
		counting = ShippedRules.only(rules, "counting.drl", COUNTING);
	}

	@Test
	void batchSpanningSeveralExecutionsIsDecidedAsEachCustomerAloneInItsOrder() {
		List<CustomerFacts> customers = BenchmarkCustomers.customers(RealRules.RULES, CUSTOMERS, 11);
		List<Decision> alone = new ArrayList<>();
		for (CustomerFacts customer : customers) {
			alone.addAll(DecisionEngine.decide(RealRules.RULES, List.of(customer)));
		}

		List<Decision> together = DecisionEngine.decide(RealRules.RULES, customers);

		assertThat(together).hasSize(CUSTOMERS).isEqualTo(alone);
		assertThat(together).extracting(Decision::customerId)
			.containsExactlyElementsOf(customers.stream().map(CustomerFacts::getCustomerId).toList());
	}

	/**
	 * A stack overflow breaks off the engine mid-firing, with an insert of another rule still
	 * pending; the session goes back to the pool reset, as after a then part that throws, and the
	 * next decisions on it are those made before.
	 */
	@Test
	void sessionAStackOverflowBrokeOffDecidesAsBeforeOnceBackInThePool(@TempDir Path folder) throws IOException {
		ShippedRules.copyTo(folder, (path) -> !path.startsWith("tests/"));
		Files.writeString(folder.resolve("recurse.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				%s
				rule "RecursesForOneCustomer"
				when
				    CustomerFacts( customerId == "recurse" )
				then
				    depth(0);
				end
				""".formatted(EndlessRecursion.FUNCTION));
		RuleSet rules = new RuleSetLoader(Clock.systemUTC()).load(folder);
		List<CustomerFacts> customers = BenchmarkCustomers.customers(rules, 50, 14);
		List<Decision> before = DecisionEngine.decide(rules, customers);
		CustomerFacts recursing = FactDeriver.derive(new CustomerInput("recurse", RealRules.AS_OF, null, null, null, null),
				rules.thresholds(), RealRules.AS_OF);

		for (int round = 0; round < 3; round++) {
			List<CustomerFacts> withIt = new ArrayList<>(customers);
			withIt.add(25, recursing);
			assertThatExceptionOfType(org.kie.api.runtime.rule.ConsequenceException.class)
				.isThrownBy(() -> DecisionEngine.decide(rules, withIt))
				.withCauseInstanceOf(StackOverflowError.class)
				.satisfies((ex) -> assertThat(ex.getMatch().getRule().getName()).isEqualTo("RecursesForOneCustomer"));

			assertThat(DecisionEngine.decide(rules, customers)).isEqualTo(before);
		}
	}

	@Test
	void batchOfOneExecutionIsDecidedAsEachCustomerAlone() {
		List<CustomerFacts> customers = BenchmarkCustomers.customers(RealRules.RULES, DecisionEngine.EXECUTION_SIZE, 12);
		List<Decision> alone = new ArrayList<>();
		for (CustomerFacts customer : customers) {
			alone.addAll(DecisionEngine.decide(RealRules.RULES, List.of(customer)));
		}

		assertThat(DecisionEngine.decide(RealRules.RULES, customers)).isEqualTo(alone);
	}

	@Test
	void timeoutNamesEveryCustomerOfTheCallNotOnlyThoseOfOneExecution() {
		List<CustomerFacts> customers = BenchmarkCustomers.customers(RealRules.RULES, CUSTOMERS, 13);

		assertThatExceptionOfType(DecisionTimeoutException.class)
			.isThrownBy(() -> DecisionEngine.decide(RealRules.RULES, customers, Deadline.in(Duration.ofNanos(1))))
			.satisfies((ex) -> assertThat(ex.customers()).isEqualTo(CUSTOMERS))
			.withMessageContaining("did not finish deciding " + CUSTOMERS + " customers");
	}

	@Test
	void customerWhoseRulesFireOnceMoreThanTheLimitFailsTheSameAloneAndInABatch() {
		List<CustomerFacts> batch = new ArrayList<>(counting("count-1-", DecisionEngine.EXECUTION_SIZE - 1));
		CustomerFacts looping = customer("count-" + (DecisionEngine.MAX_FIRINGS_PER_CUSTOMER + 1) + "-0");
		batch.add(DecisionEngine.EXECUTION_SIZE / 2, looping);

		RulesDidNotSettleException alone = catchThrowableOfType(RulesDidNotSettleException.class,
				() -> DecisionEngine.decide(counting, List.of(looping)));

		assertThat(alone).isNotNull();
		assertThatExceptionOfType(RulesDidNotSettleException.class).isThrownBy(() -> DecisionEngine.decide(counting, batch))
			.withMessage(alone.getMessage());
	}

	@Test
	void customersWhoseRulesFireExactlyTheLimitAreDecidedAloneAndInABatchOfMany() {
		List<CustomerFacts> batch = counting("count-" + DecisionEngine.MAX_FIRINGS_PER_CUSTOMER + "-",
				DecisionEngine.EXECUTION_SIZE);

		List<Decision> alone = DecisionEngine.decide(counting, batch.subList(0, 1));
		List<Decision> together = DecisionEngine.decide(counting, batch);

		assertThat(alone).singleElement()
			.satisfies((decision) -> assertThat(decision.firedRules()).hasSize(DecisionEngine.MAX_FIRINGS_PER_CUSTOMER));
		assertThat(together).hasSize(DecisionEngine.EXECUTION_SIZE)
			.allSatisfy((decision) -> assertThat(decision.firedRules()).hasSize(DecisionEngine.MAX_FIRINGS_PER_CUSTOMER));
	}

	@Test
	void rulesThatDoNotSettleAreNamedWithTheCustomerAndTheRuleThatFiredMostForItAtItsFileAndLine() {
		List<CustomerFacts> batch = new ArrayList<>(counting("count-1-", 2));
		batch.add(1, customer("count-1001-0"));

		assertThatExceptionOfType(RulesDidNotSettleException.class).isThrownBy(() -> DecisionEngine.decide(counting, batch))
			.withMessage("rule set " + counting.version() + " did not settle for customer count-1001-0: the customer's rules"
					+ " fired 1,001 times, more than the 1,000 allowed; rule \"CountsDown\" (counting.drl:" + line("CountsDown")
					+ "), which fired 1,000 of those times, probably keeps re-triggering itself (check modify, update and insert"
					+ " in its then part)")
			.satisfies((ex) -> assertThat(ex.version()).isEqualTo(counting.version()));
	}

	/** The loop's firings are on a counter that names no customer: the execution's cap stops them. */
	@Test
	void loopOnFactsOfNoCustomerIsStoppedByTheCapOfItsExecutionNamingTheRule() {
		List<CustomerFacts> batch = Stream.concat(Stream.of(customer("loop")), counting("count-1-", 3).stream()).toList();

		assertThatExceptionOfType(RulesDidNotSettleException.class)
			.isThrownBy(() -> DecisionEngine.decide(counting, List.of(batch.get(0))))
			.withMessage("rule set " + counting.version() + " did not settle for customer loop: rules matching no customer"
					+ " fired 1,001 times, more than the 1,000 allowed for 1 customer; rule \"LoopsOnAFactOfNoCustomer\""
					+ " (counting.drl:" + line("LoopsOnAFactOfNoCustomer") + "), which fired 1,001 of those times, probably"
					+ " keeps re-triggering itself (check modify, update and insert in its then part)");
		assertThatExceptionOfType(RulesDidNotSettleException.class).isThrownBy(() -> DecisionEngine.decide(counting, batch))
			.withMessageContaining("did not settle for 4 customers decided together (loop to count-1-2): rules matching no"
					+ " customer fired 4,001 times, more than the 4,000 allowed for 4 customers; rule"
					+ " \"LoopsOnAFactOfNoCustomer\" (counting.drl:" + line("LoopsOnAFactOfNoCustomer") + "), which fired 4,001"
					+ " of those times,");
	}

	/** A customer id is any text: a line break in it would end a logged line, and forge the next. */
	@Test
	void customerWhoseRulesDoNotSettleIsNamedInOneLineWithTheControlCharactersOfItsIdEscaped() {
		assertThatExceptionOfType(RulesDidNotSettleException.class)
			.isThrownBy(() -> DecisionEngine.decide(counting, List.of(customer("count-1001-\n\u001b[2J"))))
			.withMessageContaining("did not settle for customer count-1001-\\n\\u001B[2J: ")
			.withMessageNotContaining("\n");
	}

	/** Counting alone would name the rule that fires first on each change, one more time than the loop. */
	@Test
	void ruleThatKeepsChangingTheCustomerIsNamedRatherThanTheRuleReactingToItFirst() {
		assertThatExceptionOfType(RulesDidNotSettleException.class)
			.isThrownBy(() -> DecisionEngine.decide(counting, List.of(customer("touch"))))
			.withMessageContaining("did not settle for customer touch: the customer's rules fired 1,001 times, more than the"
					+ " 1,000 allowed; rule \"TouchesTheCustomer\" (counting.drl:" + line("TouchesTheCustomer")
					+ "), which fired 500 of those times,");
	}

	/**
	 * The customer is recounted alone, and alone its rules throw: the rule that fired most for it
	 * is not known to re-trigger itself, and is named as the one that fired most.
	 */
	@Test
	void loopWhoseRecountFailsNamesTheRuleThatFiredMostSayingTheRecountFailed() {
		List<CustomerFacts> batch = List.of(customer("count-1001-unpaired"), customer("pair"));

		assertThatExceptionOfType(RulesDidNotSettleException.class).isThrownBy(() -> DecisionEngine.decide(counting, batch))
			.withMessage("rule set " + counting.version() + " did not settle for customer count-1001-unpaired: the"
					+ " customer's rules fired 1,001 times, more than the 1,000 allowed; rule \"CountsDown\" (counting.drl:"
					+ line("CountsDown") + ") fired most (1,000 of those times; finding the rule that re-triggers itself"
					+ " failed)");
	}

	/**
	 * An Error a rule throws in the recount, an assert say, is the recount failing, as an exception
	 * is: it went on up through the message, thrown wherever the message was first read.
	 */
	@Test
	void loopWhoseRecountThrowsAnErrorNamesTheRuleThatFiredMostSayingTheRecountFailed() {
		List<CustomerFacts> batch = List.of(customer("count-1001-unpaired-assert"), customer("pair"));

		assertThat(Recount.of(counting, List.of(customer("count-1001-unpaired-assert")), Deadline.NONE)).isEmpty();
		assertThatExceptionOfType(RulesDidNotSettleException.class).isThrownBy(() -> DecisionEngine.decide(counting, batch))
			.withMessage("rule set " + counting.version() + " did not settle for customer count-1001-unpaired-assert: the"
					+ " customer's rules fired 1,001 times, more than the 1,000 allowed; rule \"CountsDown\" (counting.drl:"
					+ line("CountsDown") + ") fired most (1,000 of those times; finding the rule that re-triggers itself"
					+ " failed)");
	}

	/**
	 * The recount's 1,000 firings go to a rule on a fact of no customer, which re-triggers itself
	 * but fired none of the customer's 1,001 times: the rule that fired most for the customer is
	 * named as only that.
	 */
	@Test
	void loopWhoseRecountNamesARuleNotAmongTheCountedFiringsNamesTheRuleThatFiredMostSayingSo() {
		assertThatExceptionOfType(RulesDidNotSettleException.class)
			.isThrownBy(() -> DecisionEngine.decide(counting, List.of(customer("count-1001-busy"))))
			.withMessage("rule set " + counting.version() + " did not settle for customer count-1001-busy: the"
					+ " customer's rules fired 1,001 times, more than the 1,000 allowed; rule \"CountsDown\" (counting.drl:"
					+ line("CountsDown") + ") fired most (999 of those times; finding the rule that re-triggers itself"
					+ " found none among them)");
	}

	/**
	 * The message is worked out when first read, in a log call or an exception handler: if that
	 * fails, it is the fallback, and working it out is not tried again.
	 */
	@Test
	void messageThatCannotBeWorkedOutIsItsFallbackWorkedOutOnce() {
		AtomicInteger tries = new AtomicInteger();
		String known = "rule set 1a2b did not settle for customer c-1: the customer's rules fired 1,001 times, more than"
				+ " the 1,000 allowed; rule \"A\" (a.drl:4) fired most (1,000 of those times; finding the rule that"
				+ " re-triggers itself failed)";
		RulesDidNotSettleException loop = new RulesDidNotSettleException("1a2b", known, () -> {
			tries.incrementAndGet();
			throw new IllegalStateException("the recount failed");
		});

		assertThat(loop.getMessage()).isEqualTo(known);
		assertThat(loop.getMessage()).isEqualTo(known);
		assertThat(tries).hasValue(1);
	}

	/** It held what works its message out, a rule set and facts, which do not serialize. */
	@Test
	void loopSerializedBeforeItsMessageIsReadKeepsItsMessage() throws Exception {
		RulesDidNotSettleException loop = unread(() -> DecisionEngine.decide(counting, List.of(customer("touch"))));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(loop);
		}

		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			assertThat(in.readObject()).isInstanceOfSatisfying(RulesDidNotSettleException.class, (read) -> {
				assertThat(read.version()).isEqualTo(counting.version());
				assertThat(read.getMessage()).isEqualTo(loop.getMessage())
					.contains("did not settle for customer touch: ", "rule \"TouchesTheCustomer\" (counting.drl:"
							+ line("TouchesTheCustomer") + "), which fired 500 of those times,");
			});
		}
	}

	/** What {@code decide} throws, its message unread: AssertJ's catching reads it. */
	private static RulesDidNotSettleException unread(Runnable decide) {
		try {
			decide.run();
		}
		catch (RulesDidNotSettleException ex) {
			return ex;
		}
		throw new AssertionError("the rules settled");
	}

	/** {@code count} customers named {@code prefix} and 0, 1, ... */
	private static List<CustomerFacts> counting(String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> customer(prefix + i)).toList();
	}

	private static CustomerFacts customer(String id) {
		return FactDeriver.derive(new CustomerInput(id, null, null, null, null, null), counting.thresholds(), RealRules.AS_OF);
	}

	private static int line(String rule) {
		List<String> lines = COUNTING.lines().toList();
		return lines.indexOf("rule \"" + rule + "\"") + 1;
	}

}
