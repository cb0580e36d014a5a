package io.personaengine.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.mvel2.CompileException;

/**
 * The rule whose own Java threw, read from the stack: Drools compiles each rule of the Java
 * dialect into a class of its own in the rule's package ({@code Rule_Eval_divides0}), whose
 * methods are the rule's {@code eval}s ({@code eval0}), the expressions of its accumulate
 * functions ({@code accumulateExpression0}) and its then part, with an inner class for each inline
 * {@code accumulate} ({@code Rule_Eval_divides0$Accumulate0}). What throws there comes out of the
 * engine with no rule named: a RuntimeException of Drools around it, not a ConsequenceException.
 * A {@code from}, and any part of a rule of the {@code mvel} dialect, runs in MVEL's interpreter:
 * no class of the rule is on the stack, nor anything else that says which rule it was; a
 * {@code from} is told by what it calls ({@link #thrownInAFrom}).
 */
public final class RuleFrames {

	/** Where the rules engine's own classes are: what it raises itself while running the rules. */
	private static final Pattern ENGINE = Pattern.compile("org\\.(drools|kie|mvel2)\\.");

	/** Drools' node of a {@code from}, which asks MVEL for its facts. */
	private static final String FROM_NODE = "org.drools.core.phreak.PhreakFromNode";

	/** The classes MVEL generates to call what an expression calls, once it has run it often enough. */
	private static final String MVEL_ACCESSOR = "ASMAccessorImpl";

	/**
	 * MVEL's word for what a {@code from} called when it threw, once MVEL runs the expression from
	 * its cache: the bottom of a stack that overflowed is cut off, this is not.
	 */
	private static final Pattern MVEL_INVOKED = Pattern.compile("cannot invoke method: (\\w+)");

	/** The JDK's own classes: reflection calling what a {@code from} calls, not what it calls. */
	private static final Pattern JDK = Pattern.compile("(java|javax|jdk|sun)\\.");

	/** What names the class of a rule's then part: that of the rule followed by it. */
	private static final String CONSEQUENCE = "DefaultConsequenceInvoker";

	/** Where the service's own Java is, and where Drools generates the rules' classes: {@code io.personaengine.rules}. */
	private static final String SERVICE = "io.personaengine.";

	/** What loads the service's own classes; the classes Drools generates from the rules are in a loader of its own, under it. */
	private static final ClassLoader SERVICE_LOADER = RuleFrames.class.getClassLoader();

	private RuleFrames() {
	}

	/** A rule and the part of it that threw: "eval", "accumulate" or, for any other, "conditions". */
	record Thrown(String rule, String part) {
	}

	/**
	 * The rule of {@code kieBase} whose own Java threw {@code failure}, or null. Its cause first,
	 * where the throw happened: each exception's frames from the top down, to the first of a
	 * rule's class. The service's own Java met first is a bug of the service, called by the rule
	 * (as {@link io.personaengine.scenarios.ScenarioRunner} takes it); the engine's met first, the
	 * exception is the engine's wrapping and the next one out is looked at.
	 */
	static Thrown thrownIn(KieBase kieBase, Throwable failure) {
		Map<String, String> rules = ruleClasses(kieBase);
		for (Throwable each : chain(failure)) {
			for (StackTraceElement frame : each.getStackTrace()) {
				String name = frame.getClassName();
				int inner = name.indexOf('$');
				String rule = rules.get((inner > 0) ? name.substring(0, inner) : name);
				if (rule != null) {
					return new Thrown(rule, part(frame, inner > 0));
				}
				if (ofTheEngine(frame)) {
					break;
				}
				if (ofTheService(frame)) {
					return null;
				}
			}
		}
		return null;
	}

	/**
	 * Whether {@code failure} was thrown in a {@code from}, and by which rule's if it can be told:
	 * Drools' node of a {@code from} on the stack of one of its chain, and the service's own Java
	 * met first in none of them, which is a bug of the service (as {@link #thrownIn}). MVEL runs a
	 * {@code from} without a trace of its rule, so the rule is the one of {@code locations} whose
	 * {@code from} is the expression MVEL says failed, or else the only one whose {@code from}
	 * calls a DRL function on the stack where it was thrown or a method MVEL says it invoked; none
	 * if no rule or several could be. Not a {@code from}'s failure at all, but a bug: the JVM's own
	 * errors, and what the engine throws of its own accord or with no stack to tell, unless MVEL
	 * names the expression.
	 */
	static Thrown thrownInAFrom(Map<String, RuleSet.Location> locations, Throwable failure) {
		List<Throwable> chain = chain(failure);
		// The JVM's own trouble (its heap) is no rule's, wherever MVEL wrapped it.
		if (chain.stream().anyMatch((each) -> each instanceof VirtualMachineError && !(each instanceof StackOverflowError))) {
			return null;
		}
		boolean inAFrom = false;
		Set<String> expressions = new LinkedHashSet<>();
		Set<String> called = new LinkedHashSet<>();
		for (Throwable each : chain) {
			for (StackTraceElement frame : each.getStackTrace()) {
				if (ofTheEngine(frame)) {
					break;
				}
				if (ofTheService(frame)) {
					return null;
				}
				// Only what the rules declare (a DRL function): a library's method of the same name
				// as one a from calls would name that rule with nothing to show for it.
				if (ofTheRules(frame)) {
					called.add(frame.getMethodName());
				}
			}
			inAFrom |= Arrays.stream(each.getStackTrace()).anyMatch((frame) -> frame.getClassName().equals(FROM_NODE));
			if (each instanceof CompileException mvel && mvel.getExpr() != null) {
				expressions.add(new String(mvel.getExpr()).strip());
			}
			Matcher invoked = MVEL_INVOKED.matcher(String.valueOf(each.getMessage()));
			if (invoked.lookingAt()) {
				called.add(invoked.group(1));
			}
		}
		// Drools or MVEL failing of its own accord, or a stack the JIT left empty, says nothing of
		// a rule: only MVEL naming the expression, or the rules' or a library's code throwing.
		if (!inAFrom || (expressions.isEmpty() && !thrownOutsideTheEngine(chain.get(0)))) {
			return null;
		}
		List<String> rules = rulesWhoseFrom(locations, (from) -> expressions.contains(from.strip()));
		if (rules.isEmpty()) {
			rules = rulesWhoseFrom(locations, (from) -> called.stream()
				.anyMatch((method) -> Pattern.compile("\\b" + Pattern.quote(method) + "\\s*\\(").matcher(from).find()));
		}
		return new Thrown((rules.size() == 1) ? rules.get(0) : null, "from");
	}

	/** Whether the first frame of {@code thrown} past the JDK's is neither the engine's nor the service's. */
	private static boolean thrownOutsideTheEngine(Throwable thrown) {
		return Arrays.stream(thrown.getStackTrace())
			.filter((frame) -> !JDK.matcher(frame.getClassName()).lookingAt())
			.findFirst()
			.filter((frame) -> !ofTheEngine(frame) && !ofTheService(frame))
			.isPresent();
	}

	/** A class Drools generated from the rules (a function's): the service's class loader does not see it. */
	private static boolean ofTheRules(StackTraceElement frame) {
		String type = frame.getClassName();
		if (JDK.matcher(type).lookingAt() || type.startsWith(MVEL_ACCESSOR)) {
			return false;
		}
		try {
			Class.forName(type, false, SERVICE_LOADER);
			return false;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return true;
		}
	}

	private static List<String> rulesWhoseFrom(Map<String, RuleSet.Location> locations, Predicate<String> matches) {
		return locations.entrySet()
			.stream()
			.filter((rule) -> rule.getValue().froms().stream().anyMatch(matches))
			.map(Map.Entry::getKey)
			.toList();
	}

	/** {@code failure} and its causes, the innermost, where it was thrown, first. */
	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable each = failure; each != null && seen.add(each); each = each.getCause()) {
			chain.add(0, each);
		}
		return chain;
	}

	/**
	 * The DRL function of {@code kieBase} nearest the top of {@code overflow}'s stack, where the
	 * stack overflowed: the one that calls itself, or one of those that call one another; null if
	 * none is among the frames the stack trace keeps. Drools compiles a function {@code depth} of a
	 * package into a class of its own there ({@code Depth}), whose method is the function.
	 */
	static String functionAtTheTop(KieBase kieBase, Throwable overflow) {
		Map<String, String> functions = new HashMap<>();
		for (KiePackage kiePackage : kieBase.getKiePackages()) {
			for (String name : kiePackage.getFunctionNames()) {
				functions.put(kiePackage.getName() + "." + Character.toUpperCase(name.charAt(0)) + name.substring(1), name);
			}
		}
		for (StackTraceElement frame : overflow.getStackTrace()) {
			String function = functions.get(frame.getClassName());
			if (function != null && function.equals(frame.getMethodName())) {
				return function;
			}
		}
		return null;
	}

	/** Whether {@code frame} runs the rules engine's own Java (Drools, KIE, MVEL). */
	public static boolean ofTheEngine(StackTraceElement frame) {
		return ENGINE.matcher(frame.getClassName()).lookingAt();
	}

	/**
	 * Whether {@code frame} runs the service's own Java rather than a class Drools generated from
	 * the rules into their package. Not by a pattern of names, which are Drools' choice: a DRL
	 * {@code function ruleFailure} becomes {@code io.personaengine.rules.RuleFailure.ruleFailure},
	 * the name of one of ours. Nor by the name of the frame's class loader, which in the jar is none. By
	 * the class: the service's class loader does not see the ones Drools generates, and a function
	 * that takes the name of one of ours is a method that class of ours does not have.
	 */
	public static boolean ofTheService(StackTraceElement frame) {
		if (!frame.getClassName().startsWith(SERVICE)) {
			return false;
		}
		Class<?> type;
		try {
			type = Class.forName(frame.getClassName(), false, SERVICE_LOADER);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		String method = frame.getMethodName();
		return method.equals("<init>") || method.equals("<clinit>")
				|| Arrays.stream(type.getDeclaredMethods()).anyMatch((declared) -> declared.getName().equals(method));
	}

	private static String part(StackTraceElement frame, boolean innerClass) {
		String method = frame.getMethodName();
		if (innerClass || method.startsWith("accumulate")) {
			return "accumulate";
		}
		return method.startsWith("eval") ? "eval" : "conditions";
	}

	/**
	 * The class of each rule of the Java dialect, by its full name: that of its then part's
	 * without {@link #CONSEQUENCE}. By the names Drools gave, not made again from the rules' names:
	 * those are cut to legal Java, and two rules may come to the same.
	 */
	private static Map<String, String> ruleClasses(KieBase kieBase) {
		Map<String, String> classes = new HashMap<>();
		for (KiePackage kiePackage : kieBase.getKiePackages()) {
			for (Rule rule : kiePackage.getRules()) {
				if (rule instanceof RuleImpl impl && impl.getConsequence() != null) {
					String consequence = impl.getConsequence().getClass().getName();
					if (consequence.endsWith(CONSEQUENCE)) {
						classes.putIfAbsent(consequence.substring(0, consequence.length() - CONSEQUENCE.length()), rule.getName());
					}
				}
			}
		}
		return classes;
	}

}
