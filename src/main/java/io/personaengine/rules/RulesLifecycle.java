package io.personaengine.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.personaengine.rules.ReloadReport.FailedScenario;
import io.personaengine.rules.ReloadReport.Outcome;
import io.personaengine.scenarios.ScenarioFiles;
import io.personaengine.scenarios.ScenarioResult;
import io.personaengine.scenarios.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the live rules safely. A candidate is built from the folder beside the live rule set,
 * never in place of it; it must compile and, unless switched off, pass the scenarios in
 * {@code tests/}. Only then is it swapped in, in one step: a decision already running keeps the
 * rule set it started with. A rejected candidate changes nothing but the report. One change at
 * a time: reloads and rollbacks are serialised.
 */
public class RulesLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RulesLifecycle.class);

	private final RuleSetLoader loader;

	private final LiveRules live;

	private final Path dir;

	private final boolean checkScenarios;

	private final int historySize;

	private final Clock clock;

	private final MeterRegistry meters;

	private final MultiGauge liveVersion;

	/** Good rule sets, newest first; the first is the live one. */
	private final Deque<Loaded> history = new ArrayDeque<>();

	private volatile ReloadReport lastFailure;

	/** The failure last written to the log; guarded by this object's lock, as reloads are. */
	private String lastLoggedFailure;

	/** Content hash of the scenarios the live rules last passed. */
	private String scenariosVersion;

	public RulesLifecycle(RuleSetLoader loader, LiveRules live, RulesProperties properties, Clock clock,
			MeterRegistry meters) {
		this.loader = loader;
		this.live = live;
		this.dir = properties.dir().toAbsolutePath().normalize();
		this.checkScenarios = properties.checkScenarios();
		this.historySize = properties.historySize();
		this.clock = clock;
		this.meters = meters;
		this.history.push(new Loaded(live.current(), clock.instant(), "start-up"));
		this.liveVersion = MultiGauge.builder("persona.rules.info")
			.description("1 for the rule-set version live in this instance")
			.register(meters);
		this.liveVersion.register(List.of(MultiGauge.Row.of(Tags.of("version", live.current().version()), 1)), true);
		Gauge.builder("persona.rules.loaded.timestamp", this, (lifecycle) -> lifecycle.currentEntry().since().toEpochMilli() / 1000.0)
			.description("When the live rule set went live")
			.baseUnit("seconds")
			.register(meters);
		// At zero from the start, so that dashboards show "no failed reloads" rather than "no data".
		for (Attempt attempt : Attempt.values()) {
			reloads(attempt);
		}
		this.scenariosVersion = RuleSetLoader.version(ScenarioFiles.read(this.dir));
	}

	/** A rule set that was live, since when, and why it was loaded. */
	public record Loaded(RuleSet ruleSet, Instant since, String reason) {
	}

	/** What {@code GET /api/v1/rules} shows. */
	public record Status(String folder, boolean scenarioChecks, Live live, ReloadReport lastFailure,
			List<HistoryEntry> history) {
	}

	public record Live(String version, Instant since, String reason, List<String> files, List<String> rules) {
	}

	public record HistoryEntry(String version, Instant since, String reason, int rules) {
	}

	public synchronized Status status() {
		Loaded current = this.history.peekFirst();
		RuleSet ruleSet = current.ruleSet();
		return new Status(this.dir.toString(), this.checkScenarios,
				new Live(ruleSet.version(), current.since(), current.reason(), ruleSet.files(), ruleSet.ruleNames()),
				this.lastFailure, this.history.stream()
					.map((entry) -> new HistoryEntry(entry.ruleSet().version(), entry.since(), entry.reason(),
							entry.ruleSet().ruleNames().size()))
					.toList());
	}

	public Path dir() {
		return this.dir;
	}

	/** Reads the folder and, if the candidate passes its checks, makes it live. */
	public synchronized ReloadReport reload(String reason) {
		Instant start = this.clock.instant();
		SortedMap<String, byte[]> ruleFiles;
		SortedMap<String, byte[]> scenarioFiles;
		try {
			ruleFiles = RuleFiles.read(this.dir);
			scenarioFiles = ScenarioFiles.read(this.dir);
		}
		catch (RuleSetException | java.io.UncheckedIOException ex) {
			return rejected(unreadable(ex, reason, start), Attempt.COMPILE_ERROR);
		}
		String version = RuleSetLoader.version(ruleFiles);
		RuleSet current = this.live.current();
		if (version.equals(current.version()) && !scenariosChanged(scenarioFiles)) {
			// The folder is back to what serves: a break saved again is news again.
			this.lastLoggedFailure = null;
			return new ReloadReport(Outcome.UNCHANGED, version, current.version(), reason, start, 0, List.of(),
					liveWarnings(current, scenarioFiles), 0, List.of());
		}
		ReloadReport.Outcome verdict = Outcome.LOADED;
		Checked checked = check(ruleFiles, scenarioFiles, reason, start);
		if (checked.report().rejected()) {
			return rejected(checked.report(), checked.attempt());
		}
		// Passed: whatever failed before is put right, so the same break saved again is news again.
		this.lastLoggedFailure = null;
		if (version.equals(current.version())) {
			verdict = Outcome.UNCHANGED;
		}
		else {
			swapIn(checked.ruleSet(), reason);
		}
		this.scenariosVersion = RuleSetLoader.version(scenarioFiles);
		ReloadReport report = withOutcome(checked.report(), verdict);
		if (verdict == Outcome.LOADED) {
			reloads(Attempt.SUCCESS).increment();
			log.info("Rule set {} is live ({}), replacing {}: {} rules, {} scenarios passed, built in {} ms", version,
					reason, current.version(), checked.ruleSet().ruleNames().size(), report.scenariosRun(),
					report.durationMillis());
			if (this.checkScenarios && report.scenariosRun() == 0) {
				log.warn(StartupRules.NO_SCENARIOS, version, this.dir);
			}
		}
		// Said whenever the scenarios were run again, the rules unchanged too: a scenario file
		// saved empty changes no rule, and would otherwise go unseen.
		StartupRules.warn(log, version, report.warnings());
		return report;
	}

	/**
	 * Compiles and checks the folder's files with {@code ruleUploads} and {@code scenarioUploads}
	 * in place of or beside them, without touching the live rules. A folder that cannot be read (a
	 * link in it leads nowhere) is said as a reload says it, not as a failure of the service.
	 */
	public ReloadReport validateOverFolder(SortedMap<String, byte[]> ruleUploads,
			SortedMap<String, byte[]> scenarioUploads, String reason) {
		SortedMap<String, byte[]> ruleFiles;
		SortedMap<String, byte[]> scenarioFiles;
		try {
			ruleFiles = new TreeMap<>(RuleFiles.read(this.dir));
			scenarioFiles = new TreeMap<>(ScenarioFiles.read(this.dir));
		}
		catch (RuleSetException | java.io.UncheckedIOException ex) {
			return unreadable(ex, reason, this.clock.instant());
		}
		ruleFiles.putAll(ruleUploads);
		scenarioFiles.putAll(scenarioUploads);
		return validate(ruleFiles, scenarioFiles, reason);
	}

	/** Compiles and checks files without touching the live rules; uploaded rules never go live. */
	public ReloadReport validate(SortedMap<String, byte[]> ruleFiles, SortedMap<String, byte[]> scenarioFiles,
			String reason) {
		Checked checked = check(ruleFiles, scenarioFiles, reason, this.clock.instant());
		return checked.report().rejected() ? checked.report() : withOutcome(checked.report(), Outcome.VALID);
	}

	/**
	 * Back to the previous good rule set, or to {@code version} from the history, at once and
	 * without reading the folder.
	 */
	public synchronized Loaded rollback(String version) {
		List<Loaded> entries = new ArrayList<>(this.history);
		Loaded target;
		if (version == null || version.isBlank()) {
			if (entries.size() < 2) {
				throw new RollbackException("there is no earlier rule set to roll back to", false);
			}
			target = entries.get(1);
		}
		else {
			target = entries.stream()
				.filter((entry) -> entry.ruleSet().version().equals(version))
				.findFirst()
				.orElseThrow(() -> new RollbackException("version " + version + " is not in the history "
						+ entries.stream().map((e) -> e.ruleSet().version()).toList(), true));
		}
		if (target.ruleSet().version().equals(this.live.current().version())) {
			throw new RollbackException("version " + target.ruleSet().version() + " is already live", false);
		}
		String reason = "rollback from " + this.live.current().version();
		swapIn(target.ruleSet(), reason);
		log.info("Rule set {} is live again ({})", target.ruleSet().version(), reason);
		return this.history.peekFirst();
	}

	public RuleSet current() {
		return this.live.current();
	}

	public synchronized Loaded currentEntry() {
		return this.history.peekFirst();
	}

	public synchronized List<Loaded> history() {
		return List.copyOf(this.history);
	}

	public ReloadReport lastFailure() {
		return this.lastFailure;
	}

	/**
	 * The warnings of the live rules and of the scenario files they last passed, as a reload
	 * that ran those scenarios says them: what is still to put right is said by every reload.
	 */
	private List<RuleProblem> liveWarnings(RuleSet current, SortedMap<String, byte[]> scenarioFiles) {
		List<RuleProblem> warnings = new ArrayList<>(current.warnings());
		if (this.checkScenarios && !scenarioFiles.isEmpty()) {
			warnings.addAll(ScenarioFiles.parse(scenarioFiles).withoutScenarios());
		}
		return List.copyOf(warnings);
	}

	/**
	 * Same rules but other scenarios: they are run again, so that a scenario an analyst just broke
	 * shows up as a failure even though nothing would be swapped.
	 */
	private boolean scenariosChanged(SortedMap<String, byte[]> scenarioFiles) {
		return this.checkScenarios && !RuleSetLoader.version(scenarioFiles).equals(this.scenariosVersion);
	}

	/** A candidate checked: the rule set if it compiled, the report, and how the attempt is counted. */
	private record Checked(RuleSet ruleSet, ReloadReport report, Attempt attempt) {
	}

	/**
	 * The {@code outcome} of {@code persona_rules_reloads_total}: what became of an attempt to load
	 * changed rules. A rule that throws or loops on a scenario's customer is neither a compile error
	 * (it compiled) nor a failed scenario (none ran to its end): it is a rule failing.
	 */
	enum Attempt {

		SUCCESS, COMPILE_ERROR, RULE_FAILURE, SCENARIO_FAILURE;

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private Checked check(SortedMap<String, byte[]> ruleFiles, SortedMap<String, byte[]> scenarioFiles, String reason,
			Instant start) {
		String version = RuleSetLoader.version(ruleFiles);
		String liveVersion = this.live.current().version();
		RuleSet candidate;
		try {
			candidate = this.loader.load(ruleFiles, this.live.current());
		}
		catch (RuleSetException ex) {
			return new Checked(null, new ReloadReport(Outcome.REJECTED, version, liveVersion, reason, start,
					millisSince(start), ex.problems(), List.of(), 0, List.of()), Attempt.COMPILE_ERROR);
		}
		List<FailedScenario> failed = new ArrayList<>();
		List<RuleProblem> warnings = new ArrayList<>(candidate.warnings());
		int run = 0;
		if (this.checkScenarios && !scenarioFiles.isEmpty()) {
			List<ScenarioResult> results;
			try {
				ScenarioRunner.Results ran = ScenarioRunner.run(candidate, scenarioFiles);
				results = ran.results();
				warnings.addAll(ran.withoutScenarios());
			}
			catch (RuleSetException ex) {
				// A rule that throws or loops on a scenario customer is a broken rule set, not a crash:
				// the runner names the rule (RuleFailure). Anything else is a bug of the service, which
				// goes on up as one, nothing swapped in: said as a failed rule, it was looked for in the rules.
				return new Checked(null, new ReloadReport(Outcome.REJECTED, version, liveVersion, reason, start,
						millisSince(start), ex.problems(), candidate.warnings(), 0, List.of()), Attempt.RULE_FAILURE);
			}
			run = ScenarioResult.Count.of(results).run();
			ScenarioResult.failing(results).stream().map(FailedScenario::of).forEach(failed::add);
		}
		Outcome outcome = failed.isEmpty() ? Outcome.LOADED : Outcome.REJECTED;
		return new Checked(candidate, new ReloadReport(outcome, version, liveVersion, reason, start, millisSince(start),
				List.of(), List.copyOf(warnings), run, List.copyOf(failed)),
				failed.isEmpty() ? Attempt.SUCCESS : Attempt.SCENARIO_FAILURE);
	}

	private void swapIn(RuleSet ruleSet, String reason) {
		this.live.replace(ruleSet);
		this.lastLoggedFailure = null;
		this.history.removeIf((entry) -> entry.ruleSet().version().equals(ruleSet.version()));
		this.history.push(new Loaded(ruleSet, this.clock.instant(), reason));
		while (this.history.size() > this.historySize) {
			this.history.removeLast();
		}
		this.liveVersion.register(List.of(MultiGauge.Row.of(Tags.of("version", ruleSet.version()), 1)), true);
	}

	/**
	 * Logged once per distinct failure: a watcher firing twice on one broken save says it once,
	 * but a scenario failing another way, or the same break saved again after the folder was put
	 * right, is said again. The version alone would not do: it does not cover the scenario files.
	 */
	private ReloadReport rejected(ReloadReport report, Attempt attempt) {
		String failure = report.version() + report.findings();
		this.lastFailure = report;
		if (!failure.equals(this.lastLoggedFailure)) {
			log.warn(report.describe());
			this.lastLoggedFailure = failure;
		}
		reloads(attempt).increment();
		return report;
	}

	private Counter reloads(Attempt attempt) {
		return Counter.builder("persona.rules.reloads")
			.description("Attempts to load a changed rule set, by outcome")
			.tag("outcome", attempt.label())
			.register(this.meters);
	}

	private static ReloadReport withOutcome(ReloadReport report, Outcome outcome) {
		return new ReloadReport(outcome, report.version(), report.liveVersion(), report.reason(), report.at(),
				report.durationMillis(), report.problems(), report.warnings(), report.scenariosRun(), report.failedScenarios());
	}

	/** The folder could not be read, so the candidate has no version. */
	private ReloadReport unreadable(RuntimeException ex, String reason, Instant start) {
		return new ReloadReport(Outcome.REJECTED, null, this.live.current().version(), reason, start, 0, problemsOf(ex),
				List.of(), 0, List.of());
	}

	private static List<RuleProblem> problemsOf(RuntimeException ex) {
		if (ex instanceof RuleSetException rules) {
			return rules.problems();
		}
		return List.of(new RuleProblem(".", 0, 0, ex.getMessage()));
	}

	private long millisSince(Instant start) {
		return Duration.between(start, this.clock.instant()).toMillis();
	}

}
