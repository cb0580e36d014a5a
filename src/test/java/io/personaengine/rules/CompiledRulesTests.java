package io.personaengine.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import io.personaengine.scenarios.ScenarioFiles;
import io.personaengine.scenarios.ScenarioResult;
import io.personaengine.scenarios.ScenarioRunner;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiled rules kept in a folder: reused only for the same files on the same build, deciding
 * as a fresh compile does; a damaged entry or an unsafe folder costs a compile, never a start.
 */
@ExtendWith(OutputCaptureExtension.class)
class CompiledRulesTests {

	@TempDir
	Path rules;

	@TempDir
	Path temp;

	Path cache;

	@BeforeEach
	void copyShippedRules() throws IOException {
		ShippedRules.copyTo(this.rules, (path) -> true);
		this.cache = Files.createDirectories(this.temp.resolve("cache"), PosixFilePermissions.asFileAttribute(
				PosixFilePermissions.fromString("rwx------")));
	}

	@Test
	void secondLoadOfTheSameFilesUsesTheKeptClassesAndDecidesTheSame() {
		RuleSetLoader first = new RuleSetLoader(Clock.systemUTC(), CompiledRules.in(this.cache));
		RuleSet compiled = first.load(this.rules);
		List<ScenarioResult> compiledResults = scenarios(compiled);
		first.passed(compiled);

		CompiledRules kept = CompiledRules.in(this.cache);
		RuleSet reused = new RuleSetLoader(Clock.systemUTC(), kept).load(this.rules);

		assertThat(kept.hits()).isEqualTo(1);
		assertThat(reused.version()).isEqualTo(compiled.version());
		assertThat(reused.ruleNames()).isEqualTo(compiled.ruleNames());
		List<ScenarioResult> reusedResults = scenarios(reused);
		assertThat(reusedResults).hasSize(compiledResults.size()).allMatch(ScenarioResult::passed);
		// Persona, matches and the rules fired, in order, for every scenario's customer.
		assertThat(reusedResults).isEqualTo(compiledResults);
	}

	@Test
	void ruleSetNotSaidToHavePassedIsNotKept() throws IOException {
		new RuleSetLoader(Clock.systemUTC(), CompiledRules.in(this.cache)).load(this.rules);

		assertThat(entries()).isEmpty();
		CompiledRules kept = CompiledRules.in(this.cache);
		new RuleSetLoader(Clock.systemUTC(), kept).load(this.rules);
		assertThat(kept.hits()).isZero();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "thresholds.yaml|# edited", "customer-language.dsl|# edited",
			"catalogue/segments.yaml|# edited", "personas.drl|// edited", "custom-segments.dslr|// edited" })
	void anyChangedFileIsCompiledAgain(String file, String comment) throws IOException {
		keep();
		Files.writeString(this.rules.resolve(file), Files.readString(this.rules.resolve(file)) + "\n" + comment + "\n");

		CompiledRules kept = CompiledRules.in(this.cache);
		new RuleSetLoader(Clock.systemUTC(), kept).load(this.rules);

		assertThat(kept.hits()).isZero();
	}

	@Test
	void renamedFileIsCompiledAgain() throws IOException {
		keep();
		Files.move(this.rules.resolve("guards.drl"), this.rules.resolve("guards-renamed.drl"));

		CompiledRules kept = CompiledRules.in(this.cache);
		new RuleSetLoader(Clock.systemUTC(), kept).load(this.rules);

		assertThat(kept.hits()).isZero();
	}

	@Test
	void damagedEntryIsIgnoredWithAWarningAndTheRulesCompile(CapturedOutput output) throws IOException {
		keep();
		Path entry = entries().get(0);
		byte[] bytes = Files.readAllBytes(entry);
		bytes[bytes.length / 2] ^= 0x5A;
		Files.write(entry, bytes);

		CompiledRules kept = CompiledRules.in(this.cache);
		RuleSet ruleSet = new RuleSetLoader(Clock.systemUTC(), kept).load(this.rules);

		assertThat(kept.hits()).isZero();
		assertThat(scenarios(ruleSet)).allMatch(ScenarioResult::passed);
		assertThat(output).contains("WARN").contains("ignoring compiled rules " + entry).contains("damaged");
	}

	@Test
	void truncatedEntryIsIgnoredAndReplacedOnceTheRulesPass(CapturedOutput output) throws IOException {
		keep();
		Path entry = entries().get(0);
		Files.write(entry, new byte[] { 1, 2, 3 });

		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC(), CompiledRules.in(this.cache));
		loader.passed(loader.load(this.rules));
		CompiledRules kept = CompiledRules.in(this.cache);
		new RuleSetLoader(Clock.systemUTC(), kept).load(this.rules);

		assertThat(output).contains("damaged");
		assertThat(kept.hits()).isEqualTo(1);
	}

	@Test
	void folderOthersCanWriteOrTheTemporaryFolderIsRefused() throws IOException {
		Path open = Files.createDirectory(this.temp.resolve("open"));
		Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
		Path tmp = Path.of(System.getProperty("java.io.tmpdir"));

		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			Validator validator = factory.getValidator();
			assertThat(validator.validate(new RulesCacheProperties(open))).singleElement()
				.satisfies((violation) -> assertThat(violation.getMessage()).contains("only its owner can write"));
			assertThat(validator.validate(new RulesCacheProperties(tmp))).hasSize(1);
			assertThat(validator.validate(new RulesCacheProperties(open.resolve("below")))).hasSize(1);
			assertThat(validator.validate(new RulesCacheProperties(this.cache))).isEmpty();
			assertThat(validator.validate(new RulesCacheProperties(this.cache.resolve("to-be-made")))).isEmpty();
			assertThat(validator.validate(new RulesCacheProperties(null))).isEmpty();
		}
		assertThat(CompiledRules.in(open).enabled()).isFalse();
		assertThat(CompiledRules.unsafe(tmp)).contains("temporary folder");
	}

	private void keep() {
		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC(), CompiledRules.in(this.cache));
		loader.passed(loader.load(this.rules));
		assertThat(this.cache).isNotEmptyDirectory();
	}

	private List<Path> entries() throws IOException {
		try (Stream<Path> files = Files.list(this.cache)) {
			return files.toList();
		}
	}

	private List<ScenarioResult> scenarios(RuleSet ruleSet) {
		return ScenarioRunner.run(ruleSet, ScenarioFiles.read(this.rules));
	}

}
