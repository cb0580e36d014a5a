package io.personaengine.rules;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which rule's {@code from} a failure is blamed on, from the stacks alone: MVEL leaves no trace of
 * the rule, so what cannot be told is no rule's failure but a bug, said with its stack trace.
 * The stacks are written here as the JVM would give them: a real one takes a rule set whose
 * engine fails of its own accord, which no rule file can make.
 */
class RuleFramesTests {

	private static final Map<String, RuleSet.Location> LOCATIONS = Map.of("DepthFromAFunction",
			new RuleSet.Location("from.drl", 7, List.of("depth( $c.getOrderCount() )")), "Other",
			new RuleSet.Location("other.drl", 3, List.of("$c.getOrders()")));

	private static final StackTraceElement FROM_NODE = frame("org.drools.core.phreak.PhreakFromNode", "doLeftInserts");

	/** A DRL function: a class Drools generated, which the service's class loader does not see. */
	private static final StackTraceElement FUNCTION = frame("io.personaengine.rules.Depth", "depth");

	@Test
	void failureThrownInTheRulesOwnFunctionNamesTheRuleWhoseFromCallsIt() {
		assertThat(RuleFrames.thrownInAFrom(LOCATIONS, wrapped(thrown(new IllegalStateException("no"), FUNCTION))))
			.isEqualTo(new RuleFrames.Thrown("DepthFromAFunction", "from"));
	}

	@Test
	void failureOfTheEngineItselfIsNoRulesFrom() {
		StackTraceElement mvel = frame("org.mvel2.optimizers.impl.refl.ReflectiveAccessorOptimizer", "getMethod");
		assertThat(RuleFrames.thrownInAFrom(LOCATIONS, wrapped(thrown(new ClassCastException("engine"), mvel)))).isNull();
	}

	/** The JIT throws a hot NullPointerException without a stack: where it came from cannot be told. */
	@Test
	void failureWithoutAStackIsNoRulesFrom() {
		assertThat(RuleFrames.thrownInAFrom(LOCATIONS, wrapped(thrown(new NullPointerException())))).isNull();
	}

	@Test
	void heapRunningOutInAFunctionIsNoRulesFrom() {
		assertThat(RuleFrames.thrownInAFrom(LOCATIONS, wrapped(thrown(new OutOfMemoryError("Java heap space"), FUNCTION))))
			.isNull();
	}

	/** A method of a library of the same name as one a from calls is no sign of that rule. */
	@Test
	void methodOfALibraryOfTheSameNameAsAFunctionNamesNoRule() {
		StackTraceElement library = frame("org.apache.commons.csv.CSVFormat", "depth");
		assertThat(RuleFrames.thrownInAFrom(LOCATIONS, wrapped(thrown(new IllegalStateException("no"), library))))
			.isEqualTo(new RuleFrames.Thrown(null, "from"));
	}

	/** As MVEL gives it: its own RuntimeException around what was thrown, with the from node below. */
	private static RuntimeException wrapped(Throwable cause) {
		return thrown(new RuntimeException("wrapped by MVEL", cause),
				frame("org.mvel2.optimizers.impl.refl.nodes.MethodAccessor", "getValue"), FROM_NODE);
	}

	private static <T extends Throwable> T thrown(T throwable, StackTraceElement... stack) {
		throwable.setStackTrace(stack);
		return throwable;
	}

	private static StackTraceElement frame(String type, String method) {
		return new StackTraceElement(type, method, null, -1);
	}

}
