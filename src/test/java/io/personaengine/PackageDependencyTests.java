package io.personaengine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's classes as the JDK's jdeps reads them from the compiled code. Two classes of
 * different features that use each other can be understood, changed and tested only together,
 * which is what packaging by feature is meant to avoid (within a feature, classes may work
 * together both ways). Only such pairs are refused: features still use each other through
 * different classes (decisions and rules: the engine runs a rule set, a rule set's checks
 * decide), and longer cycles of classes are not looked for.
 */
class PackageDependencyTests {

	@Test
	void noClassUsesAClassOfAnotherPackageThatUsesItBack() throws URISyntaxException {
		Set<List<String>> uses = uses();

		assertThat(uses).as("jdeps found the classes").contains(List.of("io.personaengine.decisions.DecisionService",
				"io.personaengine.rules.LiveRules"));
		assertThat(uses).filteredOn((use) -> !packageOf(use.get(0)).equals(packageOf(use.get(1))))
			.filteredOn((use) -> uses.contains(List.of(use.get(1), use.get(0))))
			.isEmpty();
	}

	/** Which class uses which ({@code [user, used]}), nested classes counted as their outermost one. */
	private static Set<List<String>> uses() throws URISyntaxException {
		Path classes = Path.of(PersonaEngineApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		ToolProvider jdeps = ToolProvider.findFirst("jdeps")
			.orElseThrow(() -> new IllegalStateException("jdeps not found: run the tests on a full JDK (jdk.jdeps)"));
		StringWriter out = new StringWriter();
		int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none", classes.toString());
		assertThat(status).as(out.toString()).isZero();
		Set<List<String>> uses = new HashSet<>();
		for (String line : out.toString().lines().toList()) {
			String[] words = line.trim().split("\\s+");
			if (words.length >= 3 && words[1].equals("->") && words[0].startsWith("io.personaengine.")
					&& words[2].startsWith("io.personaengine.")) {
				String user = outermost(words[0]);
				String used = outermost(words[2]);
				if (!user.equals(used)) {
					uses.add(List.of(user, used));
				}
			}
		}
		return uses;
	}

	private static String outermost(String className) {
		int nested = className.indexOf('$');
		return (nested < 0) ? className : className.substring(0, nested);
	}

	private static String packageOf(String className) {
		return className.substring(0, className.lastIndexOf('.'));
	}

}
