package io.personaengine.scenarios;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.IsoInstants;
import io.personaengine.facts.JsonPath;
import io.personaengine.rules.RuleFiles;
import io.personaengine.rules.RuleProblem;
import io.personaengine.rules.RuleText;
import io.personaengine.rules.YamlDocuments;
import io.personaengine.rules.YamlError;
import io.personaengine.rules.YamlKeys;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads scenario files ({@code tests/*.yaml} under the rules folder). A file that cannot be read
 * becomes a failed result naming the file, line and reason, so that a typo in a scenario is
 * reported like any other failure instead of silently skipping it.
 */
public final class ScenarioFiles {

	public static final String FOLDER = "tests/";

	/** The name of a failure that is no scenario, or none that could be read. */
	static final String UNREADABLE = "(unreadable)";

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		// .5, +100 and True, numbers and booleans as YAML writes them, come as texts: read as
		// thresholds.yaml reads them. One written in quotes is refused (ScenarioQuotes).
		.withCoercionConfig(LogicalType.Integer, (numbers) -> numbers.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
		.withCoercionConfig(LogicalType.Float, (numbers) -> numbers.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
		.withCoercionConfig(LogicalType.Boolean, (booleans) -> booleans.setCoercion(CoercionInputShape.String, CoercionAction.TryConvert))
		// orderCount: 3.9 was read as 3, and the scenario ran on a customer it did not describe.
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		// Scenarios are read one list item at a time from the same parser.
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		// Instants as the API reads them: 2026-11-01T00:00Z was refused, and 1700000000 taken as seconds.
		.addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstants.Deserializer()))
		.build();

	private ScenarioFiles() {
	}

	/** The scenario files of a rules folder, by path relative to it. */
	public static SortedMap<String, byte[]> read(Path rulesDir) {
		return RuleFiles.read(rulesDir, ScenarioFiles::isScenarioFile);
	}

	public static boolean isScenarioFile(String relativePath) {
		String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
		String lower = relativePath.toLowerCase(Locale.ROOT);
		return relativePath.startsWith(FOLDER) && !RuleFiles.isTemporary(name)
				&& (lower.endsWith(".yaml") || lower.endsWith(".yml"));
	}

	/**
	 * Parsed scenarios, a failed result for each file or scenario that could not be read, and a
	 * warning for each file that holds no scenario.
	 */
	public record Parsed(List<Scenario> scenarios, List<ScenarioResult> unreadable, List<RuleProblem> withoutScenarios) {
	}

	public static Parsed parse(SortedMap<String, byte[]> files) {
		List<Scenario> scenarios = new ArrayList<>();
		List<ScenarioResult> unreadable = new ArrayList<>();
		List<RuleProblem> withoutScenarios = new ArrayList<>();
		files.forEach((file, content) -> {
			int read = scenarios.size() + unreadable.size();
			parseFile(file, content, scenarios, unreadable);
			if (scenarios.size() + unreadable.size() == read) {
				// Empty, only comments, or scenarios: [] (saved empty by mistake, say): it passed
				// unseen, as if its scenarios had all passed. Said, not failed, as a folder without
				// scenarios goes live with a warning: failing it stopped the start and every reload.
				withoutScenarios.add(new RuleProblem(file, 0, 0, "no scenarios in the file: it checks nothing; write "
						+ "them under 'scenarios:' as a list, or remove the file"));
			}
		});
		return new Parsed(scenarios, unreadable, withoutScenarios);
	}

	private static void parseFile(String file, byte[] saved, List<Scenario> scenarios, List<ScenarioResult> unreadable) {
		byte[] content = RuleText.withoutByteOrderMark(saved);
		RuleText.NotUtf8 notUtf8 = RuleText.notUtf8(content);
		if (notUtf8 != null) {
			// Said once for the file; its scenarios are read on, with U+FFFD for what is not UTF-8.
			unreadable.add(new ScenarioResult(file, ScenarioResult.OF_THE_FILE, notUtf8.line(), notUtf8.column(), UNREADABLE,
					List.of(notUtf8.reason()), null, List.of()));
			content = RuleText.asUtf8(content);
		}
		// Jackson reads the first document alone: the scenarios of a second would pass unseen.
		YamlError second = YamlDocuments.second(content, "put the scenarios in one list under the first 'scenarios:', "
				+ "or in a file of their own");
		if (second != null) {
			unreadable.add(new ScenarioResult(file, ScenarioResult.OF_THE_FILE, second.line(), second.column(), UNREADABLE,
					List.of(second.reason()), null, List.of()));
		}
		Written written = written(content);
		Map<Start, List<YamlKeys.Key>> duplicates = written.twice();
		List<YamlKeys.Key> outside = duplicates.getOrDefault(Start.OUTSIDE, List.of());
		for (YamlKeys.Key duplicate : outside) {
			if (duplicate.depth() == 1 && duplicate.name().equals("scenarios")) {
				// Both lists would run, unlike any other key given twice: the file is refused whole
				// rather than run otherwise than a reader of YAML expects.
				unreadable.add(givenTwice(file, ScenarioResult.OF_THE_FILE, duplicate, UNREADABLE, "'scenarios' is given twice (first on line " + duplicate.first()
						+ "); a file holds one list of scenarios: put them all under the first"));
				return;
			}
		}
		outside.forEach((duplicate) -> unreadable.add(givenTwice(file, ScenarioResult.OF_THE_FILE, duplicate, UNREADABLE)));
		ScenarioQuotes quoted = ScenarioQuotes.of(content);
		JsonParser parser = YAML.createParser(content);
		try (parser) {
			if (parser.nextToken() == null) {
				return;
			}
			if (!parser.isExpectedStartObjectToken()) {
				unreadable.add(failure(file, ScenarioResult.OF_THE_FILE, parser.currentTokenLocation(),
						"expected 'scenarios:' followed by a list of scenarios"));
				return;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String property = parser.currentName();
				// Where the key is written: past it, the parser is at its value, which may be on a later line.
				TokenStreamLocation key = parser.currentTokenLocation();
				JsonToken value = parser.nextToken();
				if (!"scenarios".equals(property) || value != JsonToken.START_ARRAY) {
					String problem = "scenarios".equals(property)
							? "'scenarios' is not a list: write each scenario under it as an item starting with '- '"
							: "unknown key '" + property + "': a scenario file holds 'scenarios:' and a list";
					unreadable.add(failure(file, ScenarioResult.OF_THE_FILE, key, problem));
					parser.skipChildren();
					continue;
				}
				TokenStreamContext list = parser.streamReadContext();
				int index = -1;
				for (JsonToken item = parser.nextToken(); item != null && item != JsonToken.END_ARRAY; item = parser.nextToken()) {
					index++;
					TokenStreamLocation start = parser.currentTokenLocation();
					int line = start.getLineNr();
					if (item != JsonToken.START_OBJECT) {
						// "- oops" used to end the reading of the file here, without a word.
						unreadable.add(failure(file, index, start, "each scenario is a mapping of name:, customer: and expect:"));
						parser.skipChildren();
						continue;
					}
					Start at = new Start(line, start.getColumnNr());
					List<YamlKeys.Key> twice = duplicates.getOrDefault(at, List.of());
					UnknownKeys problems = new UnknownKeys(list);
					Scenario.Spec spec = null;
					try {
						spec = YAML.readerFor(Scenario.Spec.class).withHandler(problems).readValue(parser);
					}
					catch (DatabindException ex) {
						// One scenario that cannot be read must not hide the ones after it: skip
						// to the end of this one and go on.
						problems.found.add(ex);
						while (parser.streamReadContext() != list && parser.nextToken() != null) {
							// skipping what is left of the scenario
						}
					}
					RequiredKeys.Checked required = RequiredKeys.check(file, index, start,
							written.ofScenario().getOrDefault(at, List.of()), spec);
					List<ScenarioResult> failures = new ArrayList<>(required.failures());
					List<ScenarioResult> inQuotes = quoted.refused(file, index);
					failures.addAll(inQuotes);
					if (!problems.found.isEmpty() || !failures.isEmpty()) {
						for (DatabindException problem : problems.found) {
							if (required.misspelt(problem)) {
								continue;
							}
							Places.Place place = placeOf(problem, new Places(content, index), line);
							// A text in quotes that is no number either ("many") is said once, as one in quotes.
							if (inQuotes.stream().noneMatch((text) -> text.line() == place.line() && text.column() == place.column())) {
								failures.add(new ScenarioResult(file, index, place.line(), place.column(), UNREADABLE, List.of(describe(problem)),
										null, List.of()));
							}
						}
						failures.sort(Comparator.comparingInt(ScenarioResult::line));
						unreadable.addAll(failures);
						for (YamlKeys.Key duplicate : twice) {
							unreadable.add(givenTwice(file, index, duplicate, UNREADABLE));
						}
						continue;
					}
					// A key given twice is read as its last value: the scenario is not what it
					// says, so it fails rather than runs.
					for (YamlKeys.Key duplicate : twice) {
						unreadable.add(givenTwice(file, index, duplicate, spec.name()));
					}
					Scenario scenario = twice.isEmpty()
							? toScenario(file, index, line, new Places(content, index), spec, quoted.pins(spec.thresholds(), index), unreadable)
							: null;
					if (scenario != null) {
						scenarios.add(scenario);
					}
				}
			}
		}
		catch (JacksonException ex) {
			// At SnakeYAML's line and column, as a rule file's YAML is placed; where the parser
			// stopped for a limit of Jackson's, which names no place.
			YamlError error = YamlError.of(ex, parser);
			unreadable.add(new ScenarioResult(file, ScenarioResult.OF_THE_FILE, error.line(), error.column(), UNREADABLE,
					List.of(describe(ex)), null, List.of()));
		}
	}

	/**
	 * Each key a scenario does not take, kept instead of thrown, so that all of them are said at
	 * once: Jackson stops at the first, and an analyst who put it right met the next one at the
	 * next run. {@code list} is the context of the list of scenarios, where the path from the
	 * scenario to the key starts.
	 */
	private static final class UnknownKeys extends DeserializationProblemHandler {

		private final TokenStreamContext list;

		private final List<DatabindException> found = new ArrayList<>();

		UnknownKeys(TokenStreamContext list) {
			this.list = list;
		}

		@Override
		public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser, ValueDeserializer<?> deserializer,
				Object beanOrClass, String propertyName) {
			JsonParser reading = context.getParser();
			if (reading == parser) {
				// A bean read key by key, which no scenario holds: Jackson stops at its first.
				return false;
			}
			// A record is read whole before its unknown keys are handled, from a copy: the parser
			// reading the scenario is past the record's end, in the mapping or list around it.
			UnrecognizedPropertyException unknown = UnrecognizedPropertyException.from(reading, beanOrClass, propertyName,
					(deserializer != null) ? deserializer.getKnownPropertyNames() : null);
			for (TokenStreamContext at = reading.streamReadContext(); at != null && at != this.list; at = at.getParent()) {
				if (at.inArray()) {
					unknown.prependPath(null, at.getCurrentIndex());
				}
				else {
					unknown.prependPath(null, at.currentName());
				}
			}
			this.found.add(unknown);
			parser.skipChildren();
			return true;
		}

	}

	/** The failure of scenario {@code name} for a key given twice, at the second, said as every rule file says it. */
	private static ScenarioResult givenTwice(String file, int scenario, YamlKeys.Key key, String name) {
		return givenTwice(file, scenario, key, name, key.twice().reason());
	}

	private static ScenarioResult givenTwice(String file, int scenario, YamlKeys.Key key, String name, String reason) {
		YamlError error = key.twice();
		return new ScenarioResult(file, scenario, error.line(), error.column(), name, List.of(reason), null, List.of());
	}

	/**
	 * The keys of a file as written, by where the scenario they are in starts: {@code twice} those
	 * given twice ({@link Start#OUTSIDE} outside any scenario), {@code ofScenario} each scenario's own keys.
	 */
	private record Written(Map<Start, List<YamlKeys.Key>> twice, Map<Start, List<YamlKeys.Key>> ofScenario) {
	}

	/** Where a scenario starts: its line alone would not do, as {@code [{name: A}, {name: B}]} starts two on one. */
	private record Start(int line, int column) {

		static final Start OUTSIDE = new Start(0, 0);

	}

	/**
	 * Read apart from the scenarios themselves: Jackson's own duplicate detection leaves its parser
	 * unable to go on to the next scenario, and what Jackson reads does not say which keys were
	 * written (a key missing and one without a value are both null).
	 */
	private static Written written(byte[] content) {
		Written written = new Written(new HashMap<>(), new HashMap<>());
		try (JsonParser parser = YAML.createParser(content)) {
			YamlKeys.walk(parser, (key) -> {
				// scenarios: is a list in the file's mapping; its items are the scenarios.
				Start scenario = (key.depth() >= 3) ? new Start(key.in().get(2).line(), key.in().get(2).column()) : Start.OUTSIDE;
				if (key.givenTwice()) {
					written.twice().computeIfAbsent(scenario, (k) -> new ArrayList<>()).add(key);
				}
				if (key.depth() == 3 && key.in().get(1).list()) {
					written.ofScenario().computeIfAbsent(scenario, (k) -> new ArrayList<>()).add(key);
				}
			});
		}
		catch (JacksonException ex) {
			// The reading proper reports what is wrong with the file.
		}
		return written;
	}

	/** The scenario to run, or null when it checks nothing: then it is a failure, not a pass, at what expect: holds. */
	private static Scenario toScenario(String file, int index, int line, Places places, Scenario.Spec spec,
			Map<String, Object> pins, List<ScenarioResult> unreadable) {
		CustomerInput customer = spec.customer();
		if (customer.customerId() == null) {
			customer = new CustomerInput(spec.name(), customer.asOf(), customer.profile(), customer.orders(),
					customer.events(), customer.summary());
		}
		if (spec.expect().isEmpty()) {
			Places.Place at = places.value(List.of(Scenario.Spec.EXPECT));
			unreadable.add(new ScenarioResult(file, index, at.line(), at.column(), spec.name(), List.of("expect: names nothing to check"),
					null, List.of()));
			return null;
		}
		return new Scenario(file, index, line, spec.name(), spec.asOf(), pins, customer, spec.expect(), places);
	}

	/** A failure at the line and column of {@code at}. */
	static ScenarioResult failure(String file, int scenario, TokenStreamLocation at, String reason) {
		return new ScenarioResult(file, scenario, at.getLineNr(), at.getColumnNr(), UNREADABLE, List.of(reason), null, List.of());
	}

	/** A parser of a scenario file, reading it as the scenarios are read. */
	static JsonParser parser(byte[] content) {
		return YAML.createParser(content);
	}

	/**
	 * Records are read whole before Jackson complains, so its location is past the culprit; what
	 * it names is looked up by its path from the scenario instead: the line and column where an
	 * unknown key starts, as a misspelt required key is placed, or where a value of the wrong kind
	 * does. A problem without a path, at Jackson's line alone (column 0).
	 */
	private static Places.Place placeOf(JacksonException ex, Places places, int scenarioLine) {
		List<Object> steps = JsonPath.steps(ex);
		if (steps.isEmpty()) {
			return new Places.Place(lineOf(ex, scenarioLine), 0);
		}
		return (ex instanceof UnrecognizedPropertyException) ? places.key(steps) : places.value(steps);
	}

	private static int lineOf(JacksonException ex, int fallback) {
		int line = YamlError.of(ex).line();
		return (line > 0) ? line : fallback;
	}

	/** What Jackson could not read in a scenario, in the analyst's words, and where ("(at customer.summary.orderCount)"). */
	static String describe(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException unknown) {
			return unknownKey(unknown);
		}
		// A value of the wrong kind is said as the REST API says it, with where, by YamlError.
		String message = YamlError.of(ex).reason();
		return (ex.getPath().isEmpty() || ex instanceof DatabindException) ? message : message + " (at " + JsonPath.of(ex) + ")";
	}

	/**
	 * "unknown key 'persnoa' (at expect.persnoa): did you mean 'persona'? expect takes actions,
	 * ...": in the analyst's words, where Jackson's name the Java class and "ignorable".
	 */
	private static String unknownKey(UnrecognizedPropertyException unknown) {
		String key = unknown.getPropertyName();
		List<String> known = (unknown.getKnownPropertyIds() != null)
				? unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList() : List.of();
		String meant = YamlKeys.closest(key, known);
		String path = JsonPath.of(unknown);
		int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf(']'));
		String where = (dot > 0) ? path.substring(0, (path.charAt(dot) == ']') ? dot + 1 : dot) : "a scenario";
		return "unknown key '" + key + "' (at " + path + ")" + ((meant != null) ? ": did you mean '" + meant + "'?" : "")
				+ (known.isEmpty() ? "" : ((meant != null) ? " " : ": ") + where + " takes " + String.join(", ", known));
	}

}
