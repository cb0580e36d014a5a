package io.personaengine.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.personaengine.JarCommands;
import io.personaengine.rules.ShippedRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * segment in a JVM of its own, stopped while it runs as an operator stops it: Ctrl-C or kill,
 * which end the JVM through its shutdown hooks, past the run's own clean-up.
 */
class SegmentStoppedBySignalTests {

	@TempDir
	Path dir;

	/**
	 * The orders are read from standard input, which the test holds open and writes nothing to:
	 * the run waits there, its temporary file made beside the output, until the signal.
	 */
	@Test
	void segmentStoppedBySigtermRemovesItsTemporaryFileAndLeavesTheOutputAsItWas() throws IOException, InterruptedException {
		Path work = Files.createDirectories(this.dir.resolve("work"));
		Path decisions = Files.writeString(work.resolve("d.csv"), "yesterday's decisions\n");
		Path err = this.dir.resolve("segment.err");
		Process segment = JarCommands.started(List.of(), ProcessBuilder.Redirect.DISCARD, err, "segment", "--rules",
				ShippedRules.DIR.toAbsolutePath().toString(), "--orders", "/dev/stdin", "--as-of", "2011-12-10T00:00:00Z", "--out",
				decisions.toString());
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> files(work).anyMatch((name) -> name.endsWith(".partial")));
			// SIGTERM, as kill sends it, through the process handle: Process.destroy() also closes the
			// pipe to its standard input, and the run, reading an end of input there, could finish
			// on its own ("/dev/stdin is empty", exit 2) before the signal's shutdown began.
			assertThat(segment.toHandle().destroy()).as("signal sent").isTrue();
			assertThat(segment.waitFor(60, TimeUnit.SECONDS)).as("ended by the signal").isTrue();
		}
		finally {
			segment.destroyForcibly();
		}
		assertThat(segment.exitValue()).as(Files.readString(err)).isEqualTo(128 + 15);
		assertThat(decisions).hasContent("yesterday's decisions");
		assertThat(files(work)).as("no temporary file left").containsExactly("d.csv");
	}

	private static Stream<String> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList().stream();
		}
	}

}
