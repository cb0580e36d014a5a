package io.personaengine.rules;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import io.personaengine.catalogue.Catalogue;
import io.personaengine.facts.JsonProblems;
import io.personaengine.facts.Thresholds;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Builds a {@link RuleSet} from rule files with the KIE API and the classic (MVEL) engine, which
 * reports problems with file, line and column. Every problem is collected before giving up, so
 * an analyst sees all of them at once.
 */
public final class RuleSetLoader {

	private static final Logger log = LoggerFactory.getLogger(RuleSetLoader.class);

	private static final String RESOURCES = "src/main/resources/";

	/**
	 * A count or a number of days written as 3.9 is a mistake, not 3. A number in quotes ("100"),
	 * which Jackson would take for the number, is refused where it is written: {@link YamlQuotes}.
	 */
	static final YAMLMapper YAML = Thresholds.readStrictly(YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES))
		.build();

	private static final Pattern DROOLS_POSITION = Pattern.compile("\\s*\\[Line: (\\d+), Column: (\\d+)\\]");

	/**
	 * A position in the text: the DRL parser's own form, "[ERR 101] Line 127:55 no viable
	 * alternative ...", or "[127:55]".
	 */
	private static final Pattern TEXT_POSITION = Pattern.compile("\\bLine (\\d+):(\\d+)\\s*|\\[(\\d+):(\\d+)\\]\\s*");

	/** MVEL's caret under "[Near : {...}]" points into a line break the one-line message no longer has. */
	private static final Pattern NEAR_CARET = Pattern.compile("(\\[Near : \\{.*?\\}\\])\\s*\\^");

	/**
	 * Drools' parser failing on its own ("unexpected exception at input '<eof>'. Exception:
	 * java.lang.NullPointerException: ... Stack trace: ..."): the exception says nothing to an analyst.
	 */
	private static final Pattern PARSER_EXCEPTION = Pattern.compile("unexpected exception at input '(.*?)'\\. Exception: .*");

	private static final List<String> THRESHOLD_NAMES = Thresholds.names();

	/** Builds of the same files side by side (a validate during a reload) must not share a release id. */
	private static final java.util.concurrent.atomic.AtomicLong BUILDS = new java.util.concurrent.atomic.AtomicLong();

	private static final ClassLoader CLASS_LOADER = RuleSetLoader.class.getClassLoader();

	/** The stack a rule file is built alone with to find whether it overflows: see {@link #overflows}. */
	private static final long ALONE_STACK = 256 * 1024;

	private final Clock clock;

	public RuleSetLoader(Clock clock) {
		this.clock = clock;
	}

	public RuleSet load(Path dir) {
		return load(RuleFiles.read(dir));
	}

	/** Builds from files given by relative path, as read from a folder or uploaded. */
	public RuleSet load(SortedMap<String, byte[]> files) {
		return load(files, null);
	}

	/**
	 * Builds from files given by relative path; {@code previous}, the rule set they would replace
	 * (or null), tells an old rule from a new one.
	 */
	public RuleSet load(SortedMap<String, byte[]> written, RuleSet previous) {
		// The version is of the files as written, as a reload names them before they are read.
		String version = version(written);
		List<RuleProblem> problems = new ArrayList<>();
		SortedMap<String, byte[]> files = RuleText.read(written, problems);
		Thresholds thresholds = readThresholds(files, problems);
		// Read first: a catalogue id is written as a rule makes it.
		RuleSources sources = RuleSources.read(files);
		int beforeCatalogue = problems.size();
		Catalogue catalogue = new Catalogue(CatalogueFiles.read(files, RuleFiles.PERSONA_CATALOGUE, sources, problems),
				CatalogueFiles.read(files, RuleFiles.SEGMENT_CATALOGUE, sources, problems));
		boolean catalogueRead = problems.size() == beforeCatalogue;
		problems.addAll(CatalogueFiles.unread(files));
		if (files.keySet().stream().noneMatch((path) -> path.endsWith(".drl") || path.endsWith(".dslr"))) {
			problems.add(new RuleProblem(".", 0, 0, "no rule files (*.drl, *.dslr) in the rules folder"));
		}
		RuleIds ids = sources.ids(catalogue);
		KieBase kieBase = compile(files, version, sources, new BuildMessages(sources, previous), problems);
		if (catalogueRead) {
			// Without the catalogue every id would look unknown: its own problem says enough.
			problems.addAll(UnknownIds.in(sources, ids));
		}
		if (!problems.isEmpty()) {
			throw new RuleSetException("Rule set " + version + " does not compile", problems);
		}
		List<String> ruleNames = new ArrayList<>();
		for (KiePackage kiePackage : kieBase.getKiePackages()) {
			kiePackage.getRules().stream().map(Rule::getName).forEach(ruleNames::add);
		}
		ruleNames.sort(null);
		Map<String, RuleSet.Location> locations = new LinkedHashMap<>();
		sources.definitions().forEach((rule) -> locations.putIfAbsent(rule.name(),
				new RuleSet.Location(rule.file(), rule.line(), rule.froms())));
		return new RuleSet(version, kieBase, thresholds, catalogue, List.copyOf(files.keySet()), List.copyOf(ruleNames),
				this.clock.instant(), ids, locations, MissingEntries.in(files, sources, catalogue));
	}

	/** A content hash of the files and their paths: the same files always give the same version. */
	public static String version(SortedMap<String, byte[]> files) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				sha256.update(file.getKey().getBytes(StandardCharsets.UTF_8));
				sha256.update((byte) 0);
				sha256.update(file.getValue());
				sha256.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha256.digest()).substring(0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/**
	 * Drools parses a condition, and builds the network of a chain of conditions, by calling itself
	 * once per level: some hundreds of nested parentheses overflow the stack. That is a rule set
	 * that does not compile, said as one, where it can be found: the StackOverflowError would
	 * otherwise stop whoever loads, to whom an Error is no problem of the rules (a reload would be
	 * neither counted nor shown, a command would print a thousand lines of stack trace).
	 */
	private KieBase compile(SortedMap<String, byte[]> files, String version, RuleSources sources,
			BuildMessages messages, List<RuleProblem> problems) {
		try {
			return build(files, version, messages, problems);
		}
		catch (StackOverflowError overflow) {
			problems.addAll(tooDeep(files, sources));
			return null;
		}
	}

	/**
	 * Where {@code files} overflow the stack: the files whose parse overflowed, or if none did
	 * (a long chain of conditions parses, Drools' network of it overflows), each rule file built
	 * alone (with the DSL files a DSLR needs). In such a file the line where its parentheses nest
	 * deepest, if they nest deep enough to be why.
	 */
	static List<RuleProblem> tooDeep(SortedMap<String, byte[]> files, RuleSources sources) {
		List<RuleProblem> problems = new ArrayList<>();
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			if (!file.getKey().endsWith(".drl") && !file.getKey().endsWith(".dslr")) {
				continue;
			}
			SortedMap<String, byte[]> alone = new TreeMap<>(files);
			alone.keySet().removeIf((path) -> !path.equals(file.getKey()) && !path.endsWith(".dsl"));
			if (sources.tooDeep().isEmpty() ? !overflows(alone) : !sources.tooDeep().contains(file.getKey())) {
				continue;
			}
			DeepNesting.Deepest deepest = DeepNesting.in(new String(file.getValue(), StandardCharsets.UTF_8));
			problems.add((deepest.depth() >= DeepNesting.SUSPECT)
					? new RuleProblem(file.getKey(), deepest.line(), deepest.column(), "parentheses nested " + deepest.depth()
							+ " deep here: too deeply nested for Drools to parse (its parser overflowed the stack, "
							+ "StackOverflowError); nest fewer, or split the condition")
					: new RuleProblem(file.getKey(), 0, 0, "too deeply nested for Drools to parse, or too long a chain "
							+ "of conditions for it to build (it overflowed the stack, StackOverflowError); split the longest condition"));
		}
		if (problems.isEmpty()) {
			// Each file builds alone: together they overflow (or the stack was nearly full already).
			problems.add(new RuleProblem(".", 0, 0, "the rule files together are too deeply nested, or have too long a "
					+ "chain of conditions, for Drools to build (it overflowed the stack, StackOverflowError)"));
		}
		return problems;
	}

	/**
	 * Whether building {@code files} overflows a stack of {@link #ALONE_STACK}, a quarter of a
	 * thread's usual one: the file that overflowed a whole build still does with less, once the
	 * JIT has made the build's frames smaller than when it overflowed, while the shipped rules do not.
	 */
	private static boolean overflows(SortedMap<String, byte[]> files) {
		AtomicBoolean overflowed = new AtomicBoolean();
		Thread build = new Thread(null, () -> overflowed.set(overflowsHere(files)), "rules-depth", ALONE_STACK);
		build.start();
		try {
			build.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return overflowed.get();
	}

	private static boolean overflowsHere(SortedMap<String, byte[]> files) {
		KieServices kieServices = KieServices.get();
		ReleaseId releaseId = newReleaseId(kieServices, version(files));
		try {
			KieBuilder builder = kieServices.newKieBuilder(fileSystem(kieServices, releaseId, files), CLASS_LOADER)
				.buildAll(DrlProject.class);
			if (!builder.getResults().hasMessages(Message.Level.ERROR)) {
				KieContainer container = kieServices.newKieContainer(releaseId, CLASS_LOADER);
				try {
					container.getKieBase();
				}
				finally {
					container.dispose();
				}
			}
			return false;
		}
		catch (StackOverflowError overflow) {
			return true;
		}
		catch (RuntimeException | Error ex) {
			// Alone it may fail otherwise (a function another file declares): not an overflow. An
			// Error of this probe's own (its heap) is no answer either, and the thread would print it.
			return false;
		}
		finally {
			kieServices.getRepository().removeKieModule(releaseId);
		}
	}

	/** A release id per build keeps rule sets built side by side (a reload next to the live one) apart in the KIE repository. */
	private static ReleaseId newReleaseId(KieServices kieServices, String version) {
		return kieServices.newReleaseId("io.personaengine.rules", "rules-" + version, "1.0." + BUILDS.incrementAndGet());
	}

	private static KieFileSystem fileSystem(KieServices kieServices, ReleaseId releaseId, SortedMap<String, byte[]> files) {
		KieFileSystem kfs = kieServices.newKieFileSystem();
		kfs.generateAndWritePomXML(releaseId);
		files.forEach((path, content) -> {
			if (RuleFiles.isDrools(path)) {
				kfs.write(RESOURCES + path, content);
			}
		});
		return kfs;
	}

	private KieBase build(SortedMap<String, byte[]> files, String version, BuildMessages messages,
			List<RuleProblem> problems) {
		KieServices kieServices = KieServices.get();
		ReleaseId releaseId = newReleaseId(kieServices, version);
		try {
			return build(kieServices, releaseId, files, version, messages, problems);
		}
		finally {
			// The KieBase keeps what it needs; the repository entry would only pile up with reloads.
			kieServices.getRepository().removeKieModule(releaseId);
		}
	}

	private static KieBase build(KieServices kieServices, ReleaseId releaseId, SortedMap<String, byte[]> files,
			String version, BuildMessages messages, List<RuleProblem> problems) {
		KieBuilder builder = kieServices.newKieBuilder(fileSystem(kieServices, releaseId, files), CLASS_LOADER)
			.buildAll(DrlProject.class);
		for (Message message : builder.getResults().getMessages()) {
			String file = (message.getPath() != null) ? message.getPath().replaceFirst("^" + RESOURCES, "") : ".";
			if (file.equals(".") && message.getText() != null && message.getText().contains("DSL")) {
				// Drools names no file for a broken DSL mapping; with one .dsl file it is that one.
				List<String> dsls = files.keySet().stream().filter((path) -> path.endsWith(".dsl")).toList();
				file = (dsls.size() == 1) ? dsls.get(0) : file;
			}
			if (message.getLevel() == Message.Level.ERROR) {
				messages.add(droolsProblem(file, message, messages), problems);
			}
			else {
				log.warn("Rule set {}: {}", version, droolsProblem(file, message, messages));
			}
		}
		messages.finish(problems);
		if (!problems.isEmpty()) {
			// After a syntax error Drools adds "Parser returned a null Package" for the same file,
			// which says nothing the first problem did not.
			problems.removeIf((p) -> p.message().contains("Parser returned a null Package")
					&& problems.stream().anyMatch((other) -> other != p && other.file().equals(p.file())));
			return null;
		}
		return kieServices.newKieContainer(releaseId, CLASS_LOADER).getKieBase();
	}

	/**
	 * Reads the thresholds key by key first, so that a misspelt or missing name is reported as
	 * such, with its line, rather than as whatever Jackson trips over first.
	 */
	private static Thresholds readThresholds(SortedMap<String, byte[]> files, List<RuleProblem> problems) {
		byte[] content = files.get(RuleFiles.THRESHOLDS);
		if (content == null) {
			problems.add(new RuleProblem(RuleFiles.THRESHOLDS, 0, 0, "missing: the rules read their numbers from it"));
			return null;
		}
		int before = problems.size();
		Map<String, Integer> lines = new LinkedHashMap<>();
		try (JsonParser parser = YAML.createParser(content)) {
			try {
				if (parser.nextToken() != JsonToken.START_OBJECT) {
					problems.add(new RuleProblem(RuleFiles.THRESHOLDS, 1, 1, "expected lines of the form name: value"));
					return null;
				}
				YamlKeys.walkValue(parser, (key) -> {
					// Read key by key, every key given twice is found, not only the first.
					if (key.depth() == 1 && key.givenTwice()) {
						problems.add(yamlProblem(RuleFiles.THRESHOLDS, key.twice()));
					}
					else if (key.depth() == 1) {
						lines.put(key.name(), key.at().getLineNr());
					}
				});
			}
			catch (JacksonException ex) {
				problems.add(yamlProblem(RuleFiles.THRESHOLDS, YamlError.of(ex, parser)));
				return null;
			}
		}
		List<String> known = THRESHOLD_NAMES;
		List<String> missing = known.stream().filter((name) -> !lines.containsKey(name)).toList();
		// A name misspelt is said once, at the misspelling, not again as the name missing.
		Set<String> meant = new HashSet<>();
		lines.forEach((name, line) -> {
			if (!known.contains(name)) {
				String closest = YamlKeys.closest(name, missing);
				if (closest != null) {
					meant.add(closest);
				}
				problems.add(new RuleProblem(RuleFiles.THRESHOLDS, line, 1, "unknown threshold '" + name + "'"
						+ ((closest != null) ? ": did you mean '" + closest + "'? (names are case-sensitive)"
								: ": the rules read only " + String.join(", ", known.stream().sorted().toList())
										+ "; another one needs a change to the service")));
			}
		});
		missing.stream()
			.filter((name) -> !meant.contains(name))
			.forEach((name) -> problems.add(new RuleProblem(RuleFiles.THRESHOLDS, 0, 0, "missing threshold '" + name + "'")));
		problems.addAll(wrongKinds(content));
		oneDocument(RuleFiles.THRESHOLDS, content, problems);
		if (problems.size() > before) {
			return null;
		}
		try {
			Thresholds thresholds = YAML.readValue(content, Thresholds.class);
			for (String problem : thresholds.problems()) {
				String name = problem.substring(0, problem.indexOf(':'));
				problems.add(new RuleProblem(RuleFiles.THRESHOLDS, lines.getOrDefault(name, 0), 1, problem));
			}
			return thresholds;
		}
		catch (JacksonException ex) {
			problems.add(yamlProblem(RuleFiles.THRESHOLDS, YamlError.of(ex)));
			return null;
		}
	}

	/**
	 * Every value of the wrong kind ({@code recentPurchaseDays: ninety}, 3.9 for a count, a number
	 * in quotes), each at its line and column: read whole, the file stopped at the first, and an
	 * analyst who put it right met the next at the next reload. Each value is read alone, as the
	 * whole read reads it; of a name given twice, which is a problem of its own, the first.
	 */
	private static List<RuleProblem> wrongKinds(byte[] content) {
		List<YamlQuotes.Quoted> quoted = YamlQuotes.in(content);
		List<RuleProblem> problems = new ArrayList<>();
		Set<String> read = new HashSet<>();
		try (JsonParser parser = YAML.createParser(content)) {
			// The file is a mapping of names, as its keys were read.
			parser.nextToken();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				TokenStreamLocation at = parser.currentTokenLocation();
				String problem = (Thresholds.type(name) != null && read.add(name)) ? wrongKind(parser, name, quoted) : null;
				if (problem != null) {
					problems.add(new RuleProblem(RuleFiles.THRESHOLDS, at.getLineNr(), at.getColumnNr(), problem));
				}
				// Past the value, as one of the wrong kind ([100]) is refused at its start.
				parser.skipChildren();
			}
		}
		catch (JacksonException ex) {
			// The keys were read through already: the file is YAML.
		}
		return problems;
	}

	/** Why the value of threshold {@code name} at {@code parser} is of the wrong kind, or null. */
	private static String wrongKind(JsonParser parser, String name, List<YamlQuotes.Quoted> quoted) {
		TokenStreamLocation at = parser.currentTokenLocation();
		for (YamlQuotes.Quoted text : quoted) {
			if (text.line() == at.getLineNr() && text.column() == at.getColumnNr()) {
				// A text, whatever it looks like; Jackson would take "100" for the number, as it takes .5.
				return Thresholds.inQuotes(name, text.text());
			}
		}
		try {
			// One value of the file's mapping: the rest of it is no trailing content.
			YAML.readerFor(Thresholds.type(name)).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
			return null;
		}
		catch (DatabindException ex) {
			return YamlError.of(ex).reason() + " (at " + name + ")";
		}
		catch (JacksonException ex) {
			// A number Jackson cannot hold as the threshold's type (.inf, YAML's infinity, as a
			// BigDecimal) was said in Jackson's words, with the Java class.
			return JsonProblems.textFor(parser.getString(), Thresholds.type(name)) + " (at " + name + ")";
		}
	}

	/**
	 * Drools gives the column in the text ("[Line: 12, Column: 4]") more often than in the message,
	 * and counts columns from 0 ("Line 5:37" is the 38th character): they are counted from 1 here,
	 * as editors and every other problem count them. A position the text repeats is dropped, or
	 * counted from 1 too when it is on another line, so that no message contradicts the problem,
	 * and in characters, as {@code messages} counts the problem's own column.
	 */
	static RuleProblem droolsProblem(String file, Message message, BuildMessages messages) {
		String text = oneLine(message.getText());
		int line = message.getLine();
		int column = (message.getColumn() > 0) ? message.getColumn() + 1 : 0;
		Matcher position = DROOLS_POSITION.matcher(text);
		if (position.find()) {
			int textLine = Integer.parseInt(position.group(1));
			line = (line > 0) ? line : textLine;
			column = (column > 0 || line != textLine) ? column : Integer.parseInt(position.group(2)) + 1;
			text = position.replaceAll("").strip();
		}
		Matcher parser = TEXT_POSITION.matcher(text);
		if (parser.find()) {
			int textLine = Integer.parseInt(first(parser, 1, 3));
			if (line <= 0 || line == textLine) {
				line = textLine;
				column = (column > 0) ? column : Integer.parseInt(first(parser, 2, 4)) + 1;
			}
		}
		int problemLine = line;
		text = TEXT_POSITION.matcher(text).replaceAll((match) -> {
			int textLine = Integer.parseInt(first(match, 1, 3));
			if (textLine == problemLine) {
				return "";
			}
			int textColumn = messages.inCharacters(file, textLine, Integer.parseInt(first(match, 2, 4)) + 1);
			int written = messages.writtenLine(file, textLine);
			String where = (match.group(1) != null) ? "Line " + written + ":" + textColumn : "[" + written + ":" + textColumn + "]";
			return Matcher.quoteReplacement(where + " ");
		});
		text = NEAR_CARET.matcher(text).replaceAll("$1");
		Matcher exception = PARSER_EXCEPTION.matcher(text);
		if (exception.find()) {
			text = text.substring(0, exception.start()) + (exception.group(1).equals("<eof>")
					? "the file ends in the middle of a rule: is a ')' or an 'end' missing?"
					: "Drools' parser gave up at '" + exception.group(1) + "'");
		}
		// DSL expansion messages repeat the line as "[48] "; the problem already says where.
		return new RuleProblem(file, line, column, text.strip().replaceFirst("^\\[\\d+\\]\\s*", ""));
	}

	/** The group of the two alternatives {@code TEXT_POSITION} has that matched. */
	private static String first(MatchResult match, int group, int otherwise) {
		return (match.group(group) != null) ? match.group(group) : match.group(otherwise);
	}

	/** A second YAML document in {@code file}, which Jackson would say in JSON's words, or not read at all. */
	static void oneDocument(String file, byte[] content, List<RuleProblem> problems) {
		YamlError second = YamlDocuments.second(content, "put what follows in the first");
		if (second != null) {
			problems.add(yamlProblem(file, second));
		}
	}

	static RuleProblem yamlProblem(String file, YamlError error) {
		return new RuleProblem(file, error.line(), error.column(), error.reason());
	}

	private static String oneLine(String text) {
		return (text == null) ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
	}

}
