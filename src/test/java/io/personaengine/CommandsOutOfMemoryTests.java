package io.personaengine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.personaengine.JarCommands.Run;
import io.personaengine.rules.ShippedRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The jar's commands in a JVM of their own given too small a heap, as a batch import run with a
 * low -Xmx meets it: running out of memory is said in one line, with where the command was, the
 * heap it had and what to do, and a status of its own; not the JVM's stack trace and status 1.
 */
class CommandsOutOfMemoryTests {

	/** Progress as segment prints it while reading, e.g. "orders.csv: 28,672 rows (5%), 23,796 rows/s". */
	private static final Pattern PROGRESS = Pattern.compile("orders\\.csv: ([\\d,]+) rows \\(\\d+%\\), [\\d,]+ rows/s");

	@TempDir
	Path dir;

	/**
	 * One new customer and order a row, the most heap a row can take: 32 MB are full after some
	 * 50,000 rows, quickly, where a file of few customers would have the heap thrash for long.
	 */
	@Test
	void segmentOutOfMemoryWhileReadingSaysWhereInOneLineExitsSeventyOneAndWritesNoOutput() throws Exception {
		Path work = Files.createDirectories(this.dir.resolve("work"));
		Path orders = work.resolve("orders.csv");
		try (BufferedWriter writer = Files.newBufferedWriter(orders, StandardCharsets.UTF_8)) {
			writer.write("customer_id,order_id,placed_at,total\n");
			for (int i = 0; i < 400_000; i++) {
				writer.write("c" + i + ",o" + i + ",2011-11-" + (10 + i % 18) + "T10:00:00Z," + (1 + i % 997) + ".50\n");
			}
		}
		Path decisions = work.resolve("decisions.csv");
		Run run = fork("32m", "segment", "--rules", ShippedRules.DIR.toAbsolutePath().toString(), "--orders",
				orders.toString(), "--as-of", "2011-12-10T00:00:00Z", "--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(71);
		assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
		assertThat(run.out()).as("no summary").isEmpty();
		List<String> lines = run.err().lines().toList();
		// The rules compile alongside the reading, and may be what runs out first.
		Matcher said = Pattern.compile("segment ran out of memory (compiling the rules, )?while reading orders\\.csv, at row ([\\d,]+), "
				+ "with a heap of \\d+ MB; nothing was written to " + Pattern.quote(decisions.toString())
				+ "\\. Give it more with -Xmx, e\\.g\\. java -Xmx320m -XX:\\+UseSerialGC -jar persona-engine\\.jar segment \\.\\.\\.: "
				+ "it needs about 30 MB for the rules, then 250 bytes a customer and an order \\(450 a UCI invoice\\)\\.")
			.matcher(lines.get(lines.size() - 1));
		assertThat(said.matches()).as(run.err()).isTrue();
		long row = number(said.group(2));
		assertThat(row).isBetween(1L, 400_000L);
		// Before it, only progress, none of it past the row the line names.
		for (String line : lines.subList(0, lines.size() - 1)) {
			Matcher progress = PROGRESS.matcher(line);
			assertThat(progress.matches()).as(run.err()).isTrue();
			assertThat(number(progress.group(1))).isLessThanOrEqualTo(row);
		}
		try (Stream<Path> files = Files.list(work)) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("no --out, no temporary file")
				.containsExactly("orders.csv");
		}
	}

	/**
	 * Running out of memory while deciding, after a first chunk of decisions went into the
	 * temporary file: told with how far it got, and --out left as it was. The rule asks for more
	 * heap than there is, which fails at once, as a full heap does at its last allocation.
	 */
	@Test
	void segmentOutOfMemoryWhileDecidingSaysHowFarItGotExitsSeventyOneAndLeavesTheOutputAsItWas() throws Exception {
		Path rules = this.dir.resolve("rules");
		ShippedRules.copyTo(rules, (path) -> !path.startsWith("tests/"));
		Files.writeString(rules.resolve("greedy.drl"), """
				package io.personaengine.rules;
				import io.personaengine.facts.CustomerFacts;

				rule "HoldsEverything"
				when
				    $c : CustomerFacts( customerId == "c2100" )
				then
				    long[] everything = new long[Integer.MAX_VALUE - 8];
				end
				""");
		Path work = Files.createDirectories(this.dir.resolve("work"));
		StringBuilder orders = new StringBuilder("customer_id,order_id,placed_at,total\n");
		for (int i = 1; i <= 2_500; i++) {
			orders.append("c").append(i).append(",o").append(i).append(",2011-11-20T10:00:00Z,10.00\n");
		}
		Files.writeString(work.resolve("orders.csv"), orders);
		Path decisions = Files.writeString(work.resolve("d.csv"), "yesterday's decisions\n");
		Run run = fork("64m", "segment", "--rules", rules.toString(), "--orders", work.resolve("orders.csv").toString(),
				"--as-of", "2011-12-10T00:00:00Z", "--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(71);
		assertThat(run.err().lines()).singleElement(STRING)
			.startsWith("segment ran out of memory with 2,000 of 2,500 customers decided, with a heap of ")
			.contains(" MB; nothing was written to " + decisions + ". Give it more with -Xmx");
		assertThat(run.out()).as("no summary").isEmpty();
		assertThat(decisions).hasContent("yesterday's decisions");
		try (Stream<Path> files = Files.list(work)) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("no temporary file")
				.containsExactlyInAnyOrder("orders.csv", "d.csv");
		}
	}

	/**
	 * Files are read through buffers outside the heap, of 8 KB: with 1 KB of them the first read
	 * fails. More heap is no cure, and was the advice.
	 */
	@Test
	void segmentOutOfDirectBufferMemoryIsToldToRaiseMaxDirectMemorySizeNotTheHeap() throws Exception {
		assumeTrue(readingAFileTakesADirectBuffer(), "this JVM reads files without direct buffers");
		Path decisions = this.dir.resolve("d.csv");
		Run run = JarCommands.forked(List.of("-XX:MaxDirectMemorySize=1k"), ProcessBuilder.Redirect.PIPE, "segment", "--rules",
				ShippedRules.DIR.toAbsolutePath().toString(), "--orders", "src/test/resources/imports/orders.csv", "--as-of",
				"2011-12-10T00:00:00Z", "--out", decisions.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(71);
		assertThat(run.err().lines()).singleElement(STRING)
			.startsWith("segment ran out of direct buffer memory, kept outside the heap, ")
			.endsWith("; nothing was written to " + decisions + ". Give it more with -XX:MaxDirectMemorySize, e.g. java "
					+ "-XX:MaxDirectMemorySize=512m -jar persona-engine.jar segment ... (by default it is as large as the heap).");
		assertThat(decisions).doesNotExist();
	}

	@Test
	void testRulesOutOfMemoryWhileCompilingSaysSoInOneLineAndExitsSeventyOne() throws Exception {
		Path rules = ShippedRules.DIR.toAbsolutePath();
		Run run = fork("16m", "test-rules", "--rules", rules.toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(71);
		assertThat(run.err()).matches("test-rules ran out of memory while compiling the rules in " + Pattern.quote(rules.toString())
				+ ", with a heap of \\d+ MB\\. Give it more with -Xmx, e\\.g\\. java -Xmx320m -XX:\\+UseSerialGC -jar persona-engine\\.jar "
				+ "test-rules \\.\\.\\.: the shipped rules need about 30 MB, more rules more\\.\\R");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void testRulesOutOfDirectBufferMemoryIsToldToRaiseMaxDirectMemorySizeNotTheHeap() throws Exception {
		assumeTrue(readingAFileTakesADirectBuffer(), "this JVM reads files without direct buffers");
		Run run = JarCommands.forked(List.of("-XX:MaxDirectMemorySize=1k"), ProcessBuilder.Redirect.PIPE, "test-rules", "--rules",
				ShippedRules.DIR.toAbsolutePath().toString());
		assertThat(run.exit()).as(run.err()).isEqualTo(71);
		assertThat(run.err().lines()).singleElement(STRING)
			.startsWith("test-rules ran out of direct buffer memory, kept outside the heap, ")
			.endsWith(". Give it more with -XX:MaxDirectMemorySize, e.g. java -XX:MaxDirectMemorySize=512m -jar persona-engine.jar "
					+ "test-rules ... (by default it is as large as the heap).");
	}

	/**
	 * Whether reading a file into an array takes one of the direct buffers -XX:MaxDirectMemorySize
	 * bounds, as on JDK 17; JDK 25 reads without one, so that the commands never meet the bound
	 * (the wording for it is tested in {@code OutOfMemoryTests} on every JDK). The forked commands
	 * run on this test's JVM.
	 */
	private static boolean readingAFileTakesADirectBuffer() throws Exception {
		BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)
			.stream()
			.filter((pool) -> pool.getName().equals("direct"))
			.findFirst()
			.orElseThrow();
		AtomicBoolean took = new AtomicBoolean();
		// A thread of its own: each keeps its own cache of such buffers, which this one has not filled.
		Thread reader = new Thread(() -> {
			long before = direct.getCount();
			try (InputStream in = Files.newInputStream(Path.of("pom.xml"))) {
				in.read(new byte[8192]);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			took.set(direct.getCount() > before);
		});
		reader.start();
		reader.join();
		return took.get();
	}

	/** The serial collector, as the README recommends for batch runs, and {@code heap}. */
	private static Run fork(String heap, String... args) throws Exception {
		return JarCommands.forked(List.of("-Xmx" + heap, "-XX:+UseSerialGC"), ProcessBuilder.Redirect.PIPE, args);
	}

	private static long number(String digits) {
		return Long.parseLong(digits.replace(",", ""));
	}

}
