package io.personaengine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice of a command that ran out of memory, chosen by what the JVM says ran out: more heap
 * is no cure for a thread the system will not start, nor for full metaspace or direct buffers.
 * The messages are the JVM's and the JDK's own (Java 17, and earlier where they differ).
 */
class OutOfMemoryTests {

	private static final String WHERE = "while reading orders.csv, at row 5";

	private static final String LEFT = "; nothing was written to d.csv";

	private static final String NEEDS = "it needs about 30 MB for the rules";

	@Test
	void heapRunningOutIsToldTheHeapItHadAndToGiveItMoreWithXmx() {
		for (String message : List.of("Java heap space", "GC overhead limit exceeded", "Requested array size exceeds VM limit")) {
			assertThat(line(new OutOfMemoryError(message))).as(message)
				.matches("segment ran out of memory " + WHERE + ", with a heap of [\\d,]+ MB" + LEFT
						+ "\\. Give it more with -Xmx, e\\.g\\. java -Xmx320m -XX:\\+UseSerialGC -jar persona-engine\\.jar segment \\.\\.\\.: "
						+ NEEDS + "\\.");
		}
		assertThat(line(new OutOfMemoryError())).as("no message").contains("Give it more with -Xmx");
		assertThat(OutOfMemory.lastResort(new OutOfMemoryError("Java heap space"))).contains("Give it more with -Xmx");
	}

	@Test
	void threadTheSystemWouldNotStartIsToldToRaiseItsLimitOnProcessesNotTheHeap() {
		for (String message : List.of("unable to create native thread: possible out of memory or process/resource limits reached",
				"unable to create new native thread")) {
			assertThat(line(new OutOfMemoryError(message))).as(message)
				.isEqualTo("segment could not start a thread " + WHERE + LEFT + " (OutOfMemoryError: " + message
						+ "): the system limits the processes and threads a user may run (ulimit -u; a container's pids limit), "
						+ "and the memory for their stacks. Raise the limit, or run fewer programs at once.");
			assertThat(OutOfMemory.lastResort(new OutOfMemoryError(message))).as(message)
				.contains("could not start a thread")
				.contains("ulimit -u")
				.doesNotContain("-Xmx");
		}
	}

	@Test
	void metaspaceRunningOutIsToldToRaiseMaxMetaspaceSizeNotTheHeap() {
		assertThat(line(new OutOfMemoryError("Metaspace"))).isEqualTo("segment ran out of metaspace, the memory for the classes it "
				+ "loads (the rules compile to classes), " + WHERE + LEFT + ". Give it more with -XX:MaxMetaspaceSize, e.g. java "
				+ "-XX:MaxMetaspaceSize=512m -jar persona-engine.jar segment ..., or leave the option out: by default it has no bound.");
		assertThat(OutOfMemory.lastResort(new OutOfMemoryError("Metaspace"))).contains("-XX:MaxMetaspaceSize").doesNotContain("-Xmx");
	}

	/** Its own bound inside metaspace: -XX:MaxMetaspaceSize would not lift it, and neither would the heap. */
	@Test
	void compressedClassSpaceRunningOutIsToldToRaiseCompressedClassSpaceSizeNotMetaspaceNorTheHeap() {
		assertThat(line(new OutOfMemoryError("Compressed class space"))).isEqualTo("segment ran out of compressed class space, the "
				+ "part of metaspace for the classes it loads (the rules compile to classes), " + WHERE + LEFT + ". Give it more with "
				+ "-XX:CompressedClassSpaceSize, e.g. java -XX:CompressedClassSpaceSize=2g -jar persona-engine.jar segment ... (1 GB "
				+ "by default; up to 3 GB), or leave the option out.");
		assertThat(OutOfMemory.lastResort(new OutOfMemoryError("Compressed class space")))
			.contains("-XX:CompressedClassSpaceSize")
			.doesNotContain("-Xmx")
			.doesNotContain("MaxMetaspaceSize");
	}

	@Test
	void directBufferMemoryRunningOutIsToldToRaiseMaxDirectMemorySizeNotTheHeap() {
		for (String message : List.of("Cannot reserve 8192 bytes of direct buffer memory (allocated: 0, limit: 1024)",
				"Direct buffer memory")) {
			assertThat(line(new OutOfMemoryError(message))).as(message)
				.isEqualTo("segment ran out of direct buffer memory, kept outside the heap, " + WHERE + LEFT
						+ ". Give it more with -XX:MaxDirectMemorySize, e.g. java -XX:MaxDirectMemorySize=512m -jar persona-engine.jar "
						+ "segment ... (by default it is as large as the heap).");
			assertThat(OutOfMemory.lastResort(new OutOfMemoryError(message))).as(message)
				.contains("-XX:MaxDirectMemorySize")
				.doesNotContain("-Xmx");
		}
	}

	/** Drools compiles on threads of its own and wraps what they throw: the error is found among the causes. */
	@Test
	void adviceIsChosenByTheOutOfMemoryErrorAmongTheCauses() {
		Throwable wrapped = new IllegalStateException("Rules compilation failed or interrupted", new OutOfMemoryError("Metaspace"));
		assertThat(line(wrapped)).startsWith("segment ran out of metaspace");
		assertThat(OutOfMemory.lastResort(wrapped)).contains("-XX:MaxMetaspaceSize");
	}

	/**
	 * The compiling thread that ran out inside a class's initialiser may not be the one Drools
	 * reports: the one it reports fails to load the class, caused by a record of the error that
	 * keeps only its message. That was told as a bug, exit 70 and a stack trace.
	 */
	@Test
	void heapRunningOutInAClassInitialiserOnAnotherThreadIsStillRunningOutOfMemory() {
		Throwable record = new ExceptionInInitializerError(
				"Exception java.lang.OutOfMemoryError: Java heap space [in thread \"ForkJoinPool-1-worker-1\"]");
		Throwable reported = new RuntimeException("Rules compilation failed or interrupted",
				new NoClassDefFoundError("Could not initialize class org.drools.compiler.rule.builder.dialect.java.parser.JavaLexer")
					.initCause(record));
		assertThat(OutOfMemory.behind(reported)).isTrue();
		assertThat(line(reported)).startsWith("segment ran out of memory " + WHERE).contains("Give it more with -Xmx");
		Throwable metaspace = new NoClassDefFoundError("Could not initialize class X")
			.initCause(new ExceptionInInitializerError("Exception java.lang.OutOfMemoryError: Metaspace [in thread \"main\"]"));
		assertThat(line(metaspace)).startsWith("segment ran out of metaspace");
		assertThat(OutOfMemory.behind(new NoClassDefFoundError("Could not initialize class X")
			.initCause(new ExceptionInInitializerError("Exception java.lang.IllegalStateException: no [in thread \"main\"]")))).isFalse();
	}

	private static String line(Throwable thrown) {
		return OutOfMemory.reserve().line("segment", WHERE, LEFT, NEEDS, thrown);
	}

}
