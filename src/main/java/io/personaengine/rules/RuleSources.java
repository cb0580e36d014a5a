package io.personaengine.rules;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.personaengine.catalogue.Catalogue;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.lang.dsl.AbstractDSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLMapping;
import org.drools.drl.parser.lang.dsl.DSLMappingEntry;
import org.drools.drl.parser.lang.dsl.DSLTokenizedMappingFile;
import org.drools.drl.parser.lang.dsl.DefaultExpander;

/**
 * The rule files as Drools' own parser reads them, a {@code .dslr} expanded with every
 * {@code .dsl} as the build expands it: where each rule is written, which persona and segment ids
 * conditions compare with, and which ids consequences produce. Read beside the build because the
 * KieBase keeps none of it: no line of a rule, no literal of a condition. A file that does not
 * parse is skipped here; the build reports it.
 */
final class RuleSources {

	/** A rule, where it is written, and the expression of each of its {@code from}s, as written. */
	record Definition(String file, int line, String packageName, String name, List<String> froms) {

		String where() {
			return (this.line > 0) ? this.file + ":" + this.line : this.file;
		}

	}

	/**
	 * A condition comparing a persona, a segment or an action with a written id. When the
	 * comparison is the whole condition, {@code part} is null and {@code comparison} is what the
	 * condition amounts to ({@code !( segment == "X" )} is {@code NOT_EQUAL}); when it is only part
	 * of it ({@code segment == "X" || ...}), {@code part} is the comparison as written, and
	 * {@code comparison} what it is as written.
	 */
	record Reference(String file, int line, int column, String kind, String id, Comparison comparison, String part,
			Form form) {
	}

	/**
	 * How the id is written and compared: a text, a number ({@code country == 5}, which Drools
	 * compiles and which never holds), a text compared in any case ({@code equalsIgnoreCase}), or
	 * a regular expression ({@code matches}). The last two only for a customer's country, whose
	 * values are a known, finite list.
	 */
	enum Form {

		TEXT, NUMBER, ANY_CASE, PATTERN

	}

	/**
	 * A constraint of a pattern as written ({@code lifetimeValue > 3}): where its pattern starts
	 * and where it is, both as Drools compiled the file, lines and columns from 1 in UTF-16 units.
	 */
	record Constraint(String file, int patternLine, int patternColumn, int line, int column, String expression) {
	}

	/** How a condition compares with the id: equal to it, in a list of ids, or their opposites. */
	enum Comparison {

		EQUAL, NOT_EQUAL, IN, NOT_IN;

		/** What the comparison amounts to under a '!': {@code !( segment == "X" )} is {@code segment != "X"}. */
		Comparison negated() {
			return switch (this) {
				case EQUAL -> NOT_EQUAL;
				case NOT_EQUAL -> EQUAL;
				case IN -> NOT_IN;
				case NOT_IN -> IN;
			};
		}

	}

	static final String PERSONA = "persona";

	static final String SEGMENT = "segment";

	static final String ACTION = "action";

	/** A customer's country: an ISO 3166-1 alpha-2 code in capitals, as the facts hold it. */
	static final String COUNTRY = "country";

	/** Where conditions name ids: the fact type, and which kind of id its field of that name holds. */
	private static final Map<String, String> TESTED = Map.of("SegmentMatch", SEGMENT, "PersonaMatch", PERSONA,
			"PrimaryPersona", PERSONA, "Recommendation", ACTION, "CustomerFacts", COUNTRY);

	/** Where consequences make ids: the fact type, and which constructor argument is the id. */
	private static final Map<String, Integer> PRODUCER_ARGUMENT = Map.of("SegmentMatch", 1, "PersonaMatch", 2,
			"Recommendation", 1);

	/** Which constructor argument of a {@code Recommendation} is its channel. */
	private static final int CHANNEL_ARGUMENT = 2;

	private static final Map<String, String> PRODUCER_KIND = Map.of("SegmentMatch", SEGMENT, "PersonaMatch", PERSONA,
			"Recommendation", ACTION);

	private static final Pattern PRODUCER = Pattern.compile("\\bnew\\s+(?:[\\w.]+\\.)?(SegmentMatch|PersonaMatch|Recommendation)\\s*\\(");

	private static final Pattern LINE_BREAK = Pattern.compile("\\R");

	private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*)\"|'([^'\\\\]*)'");

	private final List<Definition> definitions = new ArrayList<>();

	private final List<Reference> references = new ArrayList<>();

	private final List<Constraint> constraints = new ArrayList<>();

	private final Map<String, Produced> produced = Map.of(PERSONA, new Produced(), SEGMENT, new Produced(), ACTION,
			new Produced());

	/** The channels of each action, where a consequence writes both as texts. */
	private final SortedMap<String, SortedSet<String>> channels = new TreeMap<>();

	private final Map<String, String[]> written = new HashMap<>();

	private final Map<String, String[]> expanded = new HashMap<>();

	private final Map<String, DslrLines> dslrLines = new HashMap<>();

	private final Map<String, DslrRules> dslrRules = new TreeMap<>();

	/** The phrases of the .dsl files, in the order the expander tries them. */
	private final List<DSLMappingEntry> phrases = new ArrayList<>();

	/** Whether a keyword of the .dsl files breaks lines, which moves the expander's own count. */
	private boolean keywordBreaksLines;

	private final List<String> languages = new ArrayList<>();

	/** The files whose parse overflowed the stack. */
	private final List<String> tooDeep = new ArrayList<>();

	private RuleSources() {
	}

	static RuleSources read(SortedMap<String, byte[]> files) {
		RuleSources sources = new RuleSources();
		DefaultExpander expander = sources.expander(files, false);
		DefaultExpander marking = sources.expander(files, true);
		files.forEach((file, content) -> {
			boolean dslr = file.toLowerCase(java.util.Locale.ROOT).endsWith(".dslr");
			if (!dslr && !file.toLowerCase(java.util.Locale.ROOT).endsWith(".drl")) {
				return;
			}
			String text = new String(content, StandardCharsets.UTF_8);
			String drl = dslr ? expander.expand(text) : text;
			if (dslr) {
				sources.dslrRules.put(file, DslrRules.of(text));
			}
			if (dslr && !sources.keywordBreaksLines) {
				sources.dslrLines.put(file, DslrLines.of(text, drl, marking.expand(text)));
			}
			sources.written.put(file, lines(text));
			sources.expanded.put(file, lines(drl));
			PackageDescr descr;
			try {
				DrlParser parser = new DrlParser();
				descr = parser.parse(false, drl);
				descr = parser.hasErrors() ? null : descr;
			}
			catch (DroolsParserException | RuntimeException ex) {
				// The build says what is wrong with this file, with more care than a second parse.
				descr = null;
			}
			catch (StackOverflowError ex) {
				// Nested too deeply for the parser, which reads each level by calling itself: the build
				// overflows too, and is told which file it was (RuleSetLoader).
				sources.tooDeep.add(file);
				descr = null;
			}
			if (descr != null) {
				sources.add(file, descr);
			}
			else {
				// The ids its rules produce are unknown: refusing an id as unknown elsewhere would
				// blame a good rule for the broken one.
				sources.produced.values().forEach((ids) -> ids.open = true);
			}
		});
		return sources;
	}

	List<String> tooDeep() {
		return this.tooDeep;
	}

	List<Definition> definitions() {
		return this.definitions;
	}

	List<Reference> references() {
		return this.references;
	}

	List<Constraint> constraints() {
		return this.constraints;
	}

	/**
	 * The ids the catalogue lists or the rules produce. Actions are only those rules recommend: a
	 * catalogue's {@code defaultActions} describe, they recommend nothing.
	 */
	RuleIds ids(Catalogue catalogue) {
		return new RuleIds(this.produced.get(PERSONA).known(catalogue.personaIds()),
				this.produced.get(SEGMENT).known(catalogue.segmentIds()), this.produced.get(ACTION).known(List.of()),
				this.channels);
	}

	List<DSLMappingEntry> phrases() {
		return this.phrases;
	}

	Set<String> dslrFiles() {
		return this.dslrRules.keySet();
	}

	/** Where the rules of a .dslr are, and their parts; null for another file. */
	DslrRules rules(String file) {
		return this.dslrRules.get(file);
	}

	/** The .dsl files, whose phrases a .dslr is written in. */
	List<String> languages() {
		return this.languages;
	}

	/** The lines of a rule or .dsl file as written. */
	List<String> writtenLines(String file) {
		String[] lines = this.written.get(file);
		return (lines != null) ? List.of(lines) : List.of();
	}

	/** Line {@code line} of a file as written (1-based), or "" past its end. */
	String written(String file, int line) {
		return lineOf(this.written.get(file), line);
	}

	/** Line {@code line} of a file as Drools compiled it: for a .dslr, after expansion. */
	String expanded(String file, int line) {
		return lineOf(this.expanded.get(file), line);
	}

	/**
	 * Whether line {@code line} of a file as Drools compiled it reads, column for column, as it is
	 * written: left as written, or a line of DRL passed through, whose leading '>' the expander
	 * turns into a space.
	 */
	boolean readsAsWritten(String file, int line) {
		String expanded = expanded(file, line);
		String written = written(file, writtenLine(file, line));
		return expanded.equals(written)
				|| written.stripLeading().startsWith(">") && expanded.equals(written.replaceFirst(">", " "));
	}

	/** A file as Drools compiled it, lines joined by '\n': for a .dslr, after expansion; null for no rule file. */
	String compiled(String file) {
		String[] lines = this.expanded.get(file);
		return (lines != null) ? String.join("\n", lines) : null;
	}

	private void add(String file, PackageDescr descr) {
		for (RuleDescr rule : descr.getRules()) {
			List<String> froms = new ArrayList<>();
			if (rule.getLhs() != null) {
				conditions(file, rule.getLhs(), froms);
			}
			this.definitions.add(new Definition(file, writtenLine(file, rule.getLine()), descr.getNamespace(), rule.getName(),
					List.copyOf(froms)));
			// Ids are looked for from the then part on: a condition may name the id it goes on to make.
			int then = (rule.getConsequenceLine() > 0) ? rule.getConsequenceLine() : rule.getLine();
			String consequence = String.valueOf(rule.getConsequence());
			produces(consequence, file, then, rule.getEndLine(), firstLine(file, then, consequence));
			rule.getNamedConsequences()
				.values()
				.forEach((named) -> produces(String.valueOf(named), file, then, rule.getEndLine(), 0));
		}
		for (FunctionDescr function : descr.getFunctions()) {
			produces(function.getBody(), file, function.getLine(), function.getEndLine(), 0);
		}
	}

	private void conditions(String file, BaseDescr descr, List<String> froms) {
		if (descr instanceof ConditionalElementDescr element) {
			element.getDescrs().forEach((child) -> conditions(file, (BaseDescr) child, froms));
		}
		else if (descr instanceof PatternDescr pattern) {
			String type = pattern.getObjectType();
			String kind = (type != null) ? TESTED.get(type.substring(type.lastIndexOf('.') + 1)) : null;
			for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
				if (constraint instanceof ExprConstraintDescr expression) {
					this.constraints.add(new Constraint(file, pattern.getLine(), pattern.getColumn() + 1, expression.getLine(),
							expression.getColumn() + 1, expression.getExpression()));
					if (kind != null) {
						compared(file, expression, kind);
					}
				}
			}
			if (pattern.getSource() instanceof AccumulateDescr accumulate && accumulate.getInput() != null) {
				conditions(file, accumulate.getInput(), froms);
			}
			else if (pattern.getSource() instanceof CollectDescr collect) {
				conditions(file, collect.getInputPattern(), froms);
			}
			else if (pattern.getSource() instanceof FromDescr from) {
				froms.add(from.getExpression());
			}
		}
	}

	private static final String STRING = "\"([^\"\\\\]*)\"";

	/**
	 * A text between quotes, or a number ({@code country == 5} compiles and never holds), as one
	 * group: the quotes tell which it is. Drools has turned a text in {@code '...'} into
	 * {@code "..."} by the time the constraint is read. A number only where it starts, and
	 * whole: not the {@code 5} of {@code x5} or of {@code 55 + 1}.
	 */
	private static final String VALUE = "(\"[^\"\\\\]*\"|(?<![\\w.$])-?\\d[\\w.]*+)";

	private static final Pattern VALUE_LITERAL = Pattern.compile(VALUE);

	/**
	 * By kind: {@code segment == "LOYAL"} or {@code "LOYAL" != segment}; not a text joined to
	 * more ({@code segment == "COUNTRY_" + $c.country}), which only begins the id.
	 */
	private static final Map<String, Pattern> COMPARED = byKind((field) -> field + "\\s*([!=]=)\\s*" + VALUE + "(?!\\s*\\+)|"
			+ "(?<!\\+\\s{0,20})" + VALUE + "\\s*([!=]=)\\s*" + field);

	/** By kind: {@code segment.equals( "LOYAL" )} or {@code "LOYAL".equals( segment )}, each perhaps after a '!'. */
	private static final Map<String, Pattern> EQUALS = byKind((field) -> called(field, "equals"));

	/**
	 * A customer's country compared in any case: {@code country.equalsIgnoreCase( "se" )} holds
	 * for SE, {@code "Sweden"} for no one.
	 */
	private static final Pattern ANY_CASE = Pattern.compile(called(field(COUNTRY), "equalsIgnoreCase"));

	/**
	 * A customer's country compared with a regular expression: {@code country matches "S."}, and
	 * {@code not matches}; its text as written, escapes and all ({@code "S\\w"}), which
	 * {@link UnknownIds} reads as MVEL does.
	 */
	private static final Pattern MATCHES = Pattern.compile(field(COUNTRY) + "\\s+(not\\s+)?matches\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

	/**
	 * By kind: {@code segment in ( "A", "B" )} and {@code segment memberOf [ "A", "B" ]} (an
	 * inline list), and {@code not in}, {@code not memberOf}.
	 */
	private static final Map<String, Pattern> IN = byKind((field) -> field
			+ "\\s+(not\\s+)?(?:in\\s*\\(([^)]*)\\)|memberOf\\s*\\[([^\\]]*)\\])");

	/** {@code field.method( "..." )} or {@code "...".method( field )}, perhaps after a '!'. */
	private static String called(String field, String method) {
		String call = "\\s*\\.\\s*" + method + "\\s*\\(\\s*";
		return "(!\\s*)?(?:" + field + call + STRING + "\\s*\\)|" + STRING + call + field + "\\s*\\))";
	}

	private static Map<String, Pattern> byKind(UnaryOperator<String> regex) {
		return Map.of(SEGMENT, Pattern.compile(regex.apply(field(SEGMENT))), PERSONA,
				Pattern.compile(regex.apply(field(PERSONA))), ACTION, Pattern.compile(regex.apply(field(ACTION))), COUNTRY,
				Pattern.compile(regex.apply(field(COUNTRY))));
	}

	/**
	 * The field of the pattern's own fact, written as is or as {@code this.segment}; not
	 * {@code $other.segment}, which may be another fact's.
	 */
	private static String field(String kind) {
		return "(?<![\\w.$])(?:this\\s*\\.\\s*)?" + kind + "(?![\\w(])";
	}

	private void compared(String file, ExprConstraintDescr constraint, String kind) {
		String expression = constraint.getExpression();
		Matcher matcher = COMPARED.get(kind).matcher(expression);
		while (matcher.find()) {
			int id = (matcher.group(2) != null) ? 2 : 3;
			String operator = (id == 2) ? matcher.group(1) : matcher.group(4);
			value(file, constraint, matcher, matcher.start(id), kind, matcher.group(id),
					operator.equals("==") ? Comparison.EQUAL : Comparison.NOT_EQUAL);
		}
		called(file, constraint, EQUALS.get(kind).matcher(expression), kind, Form.TEXT);
		if (kind.equals(COUNTRY)) {
			called(file, constraint, ANY_CASE.matcher(expression), kind, Form.ANY_CASE);
			Matcher matches = MATCHES.matcher(expression);
			while (matches.find()) {
				reference(file, constraint, matches, matches.start(2), kind, matches.group(2),
						(matches.group(1) == null) ? Comparison.EQUAL : Comparison.NOT_EQUAL, Form.PATTERN);
			}
		}
		Matcher in = IN.get(kind).matcher(expression);
		while (in.find()) {
			int list = (in.group(2) != null) ? 2 : 3;
			Matcher each = VALUE_LITERAL.matcher(in.group(list));
			while (each.find()) {
				value(file, constraint, in, in.start(list) + each.start(1), kind, each.group(1),
						(in.group(1) == null) ? Comparison.IN : Comparison.NOT_IN);
			}
		}
	}

	/** Each {@code field.method( "..." )} or {@code "...".method( field )} {@code call} finds, perhaps after a '!'. */
	private void called(String file, ExprConstraintDescr constraint, Matcher call, String kind, Form form) {
		while (call.find()) {
			int id = (call.group(2) != null) ? 2 : 3;
			reference(file, constraint, call, call.start(id), kind, call.group(id),
					(call.group(1) == null) ? Comparison.EQUAL : Comparison.NOT_EQUAL, form);
		}
	}

	/** A {@link #VALUE} written at {@code index}: a text in quotes, or a number. */
	private void value(String file, ExprConstraintDescr constraint, MatchResult comparison, int index, String kind,
			String value, Comparison written) {
		boolean text = value.startsWith("\"");
		reference(file, constraint, comparison, text ? index + 1 : index, kind,
				text ? value.substring(1, value.length() - 1) : value, written, text ? Form.TEXT : Form.NUMBER);
	}

	/**
	 * The id written at {@code index} of the constraint's expression. Its line is the
	 * constraint's, moved on by the lines the expression breaks before the id ({@code in ( ... )}
	 * over several lines); its column is where the id is written on that line: in a .dslr, in the
	 * analyst's phrase, not in its DRL. {@code comparison} is where the comparison is written.
	 */
	private void reference(String file, ExprConstraintDescr constraint, MatchResult comparison, int index, String kind,
			String id, Comparison written, Form form) {
		String expression = constraint.getExpression();
		// Around a comparison that is the whole condition, only groups and '!': !( segment == "X" ).
		boolean whole = (expression.substring(0, comparison.start()) + expression.substring(comparison.end()))
			.matches("[\\s()!]*");
		String before = expression.substring(0, index);
		int line = writtenLine(file, constraint.getLine() + (int) before.chars().filter((c) -> c == '\n').count());
		String text = written(file, line);
		// An empty id is placed at its quotes: as a word, it would be found anywhere, the line's start first.
		Matcher word = Pattern.compile(id.isEmpty() ? "\"\"" : "(?<![\\w])" + Pattern.quote(id) + "(?![\\w])").matcher(text);
		this.references.add(new Reference(file, line, word.find() ? inCharacters(text, word.start() + 1) : 0, kind, id,
				(whole && negated(expression, index)) ? written.negated() : written,
				whole ? null : comparison.group().strip().replaceAll("\\s+", " "), form));
	}

	/**
	 * Whether {@code index} of the expression is inside an odd number of groups written after a
	 * '!' ({@code !( segment == "X" || ... )}), which turn what is in them around.
	 */
	private static boolean negated(String expression, int index) {
		Deque<Boolean> groups = new ArrayDeque<>();
		char quote = 0;
		for (int i = 0; i < index; i++) {
			char c = expression.charAt(i);
			if (quote != 0) {
				i += (c == '\\') ? 1 : 0;
				quote = (c == quote) ? 0 : quote;
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '(') {
				groups.push(expression.substring(0, i).stripTrailing().endsWith("!"));
			}
			else if (c == ')' && !groups.isEmpty()) {
				groups.pop();
			}
		}
		return groups.stream().filter(Boolean::booleanValue).count() % 2 == 1;
	}

	/**
	 * Column {@code column} of {@code line}, counted in UTF-16 units as Java and Drools count
	 * them, in characters as an editor and YAML problems count them: an emoji is one, not two.
	 */
	static int inCharacters(String line, int column) {
		int units = Math.min(column - 1, line.length());
		return line.codePointCount(0, units) + (column - 1 - units) + 1;
	}

	/**
	 * The line (as Drools compiled it) a consequence starts on: Drools gives the line of its
	 * {@code then}, and the code from its first statement, which may be on a later line.
	 */
	private int firstLine(String file, int then, String code) {
		String first = code.lines().findFirst().orElse("").strip();
		String[] compiled = this.expanded.get(file);
		for (int line = Math.max(then, 1); !first.isEmpty() && compiled != null && line <= compiled.length; line++) {
			if (compiled[line - 1].contains(first)) {
				return line;
			}
		}
		return 0;
	}

	/**
	 * The ids {@code code} makes, written in {@code file} from line {@code from} to line {@code to}
	 * (as Drools compiled it; 0 when not known), each placed where it is first written there;
	 * {@code first} is the line the code starts on (0 when not known), which tells the line that
	 * makes an id.
	 */
	private void produces(String code, String file, int from, int to, int first) {
		if (code == null) {
			return;
		}
		Matcher producer = PRODUCER.matcher(code);
		while (producer.find()) {
			List<String> arguments = arguments(code, producer.end());
			int position = PRODUCER_ARGUMENT.get(producer.group(1));
			Produced ids = this.produced.get(PRODUCER_KIND.get(producer.group(1)));
			if (arguments.size() <= position) {
				ids.open = true;
				continue;
			}
			String argument = arguments.get(position).strip();
			Matcher literal = LITERAL.matcher(argument);
			if (!literal.lookingAt()) {
				ids.open = true;
				continue;
			}
			String text = (literal.group(1) != null) ? literal.group(1) : literal.group(2);
			String rest = argument.substring(literal.end()).strip();
			int line = (first > 0) ? first + (int) code.substring(0, producer.start()).chars().filter((c) -> c == '\n').count()
					: from;
			if (rest.isEmpty()) {
				ids.ids.putIfAbsent(text, made(file, from, to, line, text));
				if (producer.group(1).equals("Recommendation") && arguments.size() > CHANNEL_ARGUMENT) {
					String channel = text(arguments.get(CHANNEL_ARGUMENT));
					if (channel != null) {
						this.channels.computeIfAbsent(text, (action) -> new TreeSet<>()).add(channel);
					}
				}
			}
			else if (rest.startsWith("+") && !text.isEmpty()) {
				ids.prefixes.putIfAbsent(text, made(file, from, to, line, text));
			}
			else {
				ids.open = true;
			}
		}
	}

	/**
	 * Where {@code id} is first written in {@code file} between lines {@code from} and {@code to}
	 * (as Drools compiled them; to the file's end when {@code to} is 0): in a .dslr, in the
	 * analyst's phrase. When it is not written there, as when a .dsl phrase makes it, at line
	 * {@code line}, which makes it (the phrase's), without a column: a later rule that merely names
	 * the id is not where it is made.
	 */
	private Place made(String file, int from, int to, int line, String id) {
		int start = writtenLine(file, from);
		String[] lines = this.written.get(file);
		int end = (lines == null) ? 0 : (to > 0) ? Math.min(writtenLine(file, to), lines.length) : lines.length;
		Pattern word = Pattern.compile("(?<![\\w])" + Pattern.quote(id) + "(?![\\w])");
		for (int at = Math.max(start, 1); at <= end; at++) {
			Matcher found = word.matcher(lines[at - 1]);
			if (found.find()) {
				return new Place(file, at, inCharacters(lines[at - 1], found.start() + 1));
			}
		}
		return new Place(file, writtenLine(file, line), 0);
	}

	/** Where something is written: lines and columns from 1, 0 when not known. */
	record Place(String file, int line, int column) {
	}

	/**
	 * The ids of {@code kind} the rules make, each where it is first made, and the starts of the
	 * families they make ({@code COUNTRY_} of {@code "COUNTRY_" + ...}), each where first made.
	 */
	SortedMap<String, Place> made(String kind) {
		return Collections.unmodifiableSortedMap(this.produced.get(kind).ids);
	}

	/**
	 * Whether some rule makes ids of {@code kind} that cannot be read from its text ({@code new
	 * SegmentMatch( $c, $name, ... )}), or a rule file does not parse: then any id may be made.
	 */
	boolean open(String kind) {
		return this.produced.get(kind).open;
	}

	SortedMap<String, Place> families(String kind) {
		return Collections.unmodifiableSortedMap(this.produced.get(kind).prefixes);
	}

	/** Whether the catalogue's {@code id} names the family {@code prefix} starts ({@code COUNTRY} for {@code COUNTRY_}). */
	static boolean names(String id, String prefix) {
		return prefix.startsWith(id) && prefix.substring(id.length()).matches("[^A-Za-z0-9]*");
	}

	/** The text an argument is, if it is one text and nothing more ({@code "EMAIL"}), else null. */
	private static String text(String argument) {
		Matcher literal = LITERAL.matcher(argument.strip());
		if (!literal.matches()) {
			return null;
		}
		return (literal.group(1) != null) ? literal.group(1) : literal.group(2);
	}

	/** The top-level arguments of a call whose '(' ends at {@code start}, up to its ')'. */
	static List<String> arguments(String code, int start) {
		List<String> arguments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int depth = 0;
		char quote = 0;
		for (int i = start; i < code.length(); i++) {
			char c = code.charAt(i);
			if (quote != 0) {
				current.append(c);
				if (c == '\\' && i + 1 < code.length()) {
					current.append(code.charAt(++i));
				}
				else if (c == quote) {
					quote = 0;
				}
				continue;
			}
			if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '(' || c == '[' || c == '{') {
				depth++;
			}
			else if ((c == ')' || c == ']' || c == '}') && depth-- == 0) {
				arguments.add(current.toString());
				return arguments;
			}
			else if (c == ',' && depth == 0) {
				arguments.add(current.toString());
				current.setLength(0);
				continue;
			}
			current.append(c);
		}
		// No closing ')': the build reports that; claim to know nothing.
		return List.of();
	}

	/**
	 * The expander of the .dsl files; {@code marking}, with every line break of a phrase's DRL as
	 * {@link DslrLines#MARK}, to tell where expanded lines come from.
	 */
	private DefaultExpander expander(SortedMap<String, byte[]> files, boolean marking) {
		DefaultExpander expander = new DefaultExpander();
		files.forEach((file, content) -> {
			if (file.toLowerCase(java.util.Locale.ROOT).endsWith(".dsl")) {
				if (!marking) {
					this.languages.add(file);
					this.written.put(file, lines(new String(content, StandardCharsets.UTF_8)));
				}
				DSLTokenizedMappingFile dsl = new DSLTokenizedMappingFile();
				try {
					if (dsl.parseAndLoad(new StringReader(new String(content, StandardCharsets.UTF_8)))) {
						if (marking) {
							mark(dsl.getMapping());
						}
						else {
							this.phrases.addAll(dsl.getMapping().getEntries());
						}
						expander.addDSLMapping(dsl.getMapping());
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException("a StringReader does not fail", ex);
				}
			}
		});
		return expander;
	}

	private void mark(DSLMapping mapping) {
		for (DSLMappingEntry entry : mapping.getEntries()) {
			String value = entry.getValuePattern();
			if (value != null && LINE_BREAK.matcher(value).find()) {
				this.keywordBreaksLines |= entry.getSection() == DSLMappingEntry.KEYWORD;
				if (entry instanceof AbstractDSLMappingEntry markable) {
					// The entry unescapes what it is given once more: the expansion is compared
					// with the real one before its marks are believed (DslrLines).
					markable.setValuePattern(LINE_BREAK.matcher(value).replaceAll(DslrLines.MARK));
				}
			}
		}
	}

	/**
	 * For a .dslr, the written line of line {@code line} (from 1) as Drools compiled it, after
	 * expansion; for any other file the same line.
	 */
	int writtenLine(String file, int line) {
		return this.dslrLines.getOrDefault(file, DslrLines.AS_WRITTEN).ofCompiled(line);
	}

	/** For a .dslr, the written line of a line of the expander's own problems ("Unable to expand"). */
	int writtenLineOfExpander(String file, int line) {
		return this.dslrLines.getOrDefault(file, DslrLines.AS_WRITTEN).ofExpander(line);
	}

	private static String[] lines(String text) {
		return text.split("\\R", -1);
	}

	private static String lineOf(String[] lines, int line) {
		return (lines != null && line > 0 && line <= lines.length) ? lines[line - 1] : "";
	}

	/** What consequences make of one kind of id. */
	private static final class Produced {

		final TreeMap<String, Place> ids = new TreeMap<>();

		final TreeMap<String, Place> prefixes = new TreeMap<>();

		boolean open;

		/**
		 * A catalogue id that names a family the rules make ({@code COUNTRY} for
		 * {@code "COUNTRY_" + ...}) is no id a customer ever has, unless a rule makes it too.
		 */
		RuleIds.Known known(List<String> catalogued) {
			TreeSet<String> all = new TreeSet<>(this.ids.keySet());
			TreeSet<String> families = new TreeSet<>();
			for (String id : catalogued) {
				boolean family = !this.ids.containsKey(id) && this.prefixes.keySet().stream().anyMatch((prefix) -> names(id, prefix));
				(family ? families : all).add(id);
			}
			return new RuleIds.Known(all, new TreeSet<>(this.prefixes.keySet()), families, this.open);
		}

	}

}
