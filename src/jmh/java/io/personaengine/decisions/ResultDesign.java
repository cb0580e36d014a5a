package io.personaengine.decisions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.Thresholds;
import io.personaengine.rules.RuleFiles;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.drools.core.impl.InternalRuleBase;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.SequentialOption;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A benchmark prototype of the "result" fact design (docs/performance.md, "Decision core"): the
 * rules of {@code src/jmh/resources/result-design} write their conclusions onto one
 * {@link Evaluation} per customer instead of inserting a fact per conclusion. Decides like
 * {@code DecisionEngine} (a pooled session per call, the fired rules recorded per customer by a
 * listener), or, in sequential mode, with a stateless session of a KieBase built with
 * {@link SequentialOption#YES}.
 */
final class ResultDesign {

	static final Path FOLDER = Path.of("src/jmh/resources/result-design");

	private static final AtomicLong BUILDS = new AtomicLong();

	private static final Pattern RULE_START = Pattern.compile("(?m)^(rule \"[^\"]+\"\n)");

	private static final Pattern PRIMARY_PATTERN = Pattern.compile("\\$e : Evaluation\\( primary == \"(\\w+)\" \\)");

	private final Thresholds thresholds;

	private final boolean sequential;

	private final KieSessionsPool sessions;

	private final StatelessKieSession stateless;

	private ResultDesign(KieBase kieBase, Thresholds thresholds, boolean sequential) {
		this.thresholds = thresholds;
		this.sequential = sequential;
		this.sessions = sequential ? null : kieBase.newKieSessionsPool(1);
		this.stateless = sequential ? kieBase.newStatelessKieSession() : null;
		if (sequential) {
			this.stateless.addEventListener(new FiredRules());
		}
	}

	/**
	 * Builds the rule files of {@link #FOLDER} that {@code wanted} names, as the shipped loader
	 * builds {@code rules/}. {@code evalActions}: the primary persona is set without a modify and
	 * the action rules test it in an eval at a salience below the primary rule's, the form
	 * sequential mode needs ({@link #withEvalActions}); {@code sequential} implies it.
	 */
	static ResultDesign load(Predicate<String> wanted, Thresholds thresholds, boolean evalActions, boolean sequential) {
		SortedMap<String, byte[]> files = RuleFiles.read(FOLDER, wanted);
		if (evalActions || sequential) {
			files.replaceAll(ResultDesign::withEvalActions);
		}
		KieServices kieServices = KieServices.get();
		KieFileSystem kfs = kieServices.newKieFileSystem();
		ReleaseId releaseId = kieServices.newReleaseId("io.personaengine.prototype", "result-design",
				"1.0." + BUILDS.incrementAndGet());
		kfs.generateAndWritePomXML(releaseId);
		files.forEach((path, content) -> kfs.write("src/main/resources/" + path, content));
		ClassLoader classLoader = ResultDesign.class.getClassLoader();
		KieBuilder builder = kieServices.newKieBuilder(kfs, classLoader).buildAll(DrlProject.class);
		List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
		if (!errors.isEmpty()) {
			throw new IllegalStateException("the prototype rules do not compile: " + errors);
		}
		KieBaseConfiguration configuration = kieServices.newKieBaseConfiguration();
		if (sequential) {
			configuration.setOption(SequentialOption.YES);
		}
		KieBase kieBase = kieServices.newKieContainer(releaseId, classLoader).newKieBase(configuration);
		if (((InternalRuleBase) kieBase).getRuleBaseConfiguration().isSequential() != sequential) {
			// An option set on a KieBase built from a KieContainer does not always reach it.
			throw new IllegalStateException("sequential mode is not what was asked for: " + sequential);
		}
		return new ResultDesign(kieBase, thresholds, sequential);
	}

	/**
	 * Sequential mode evaluates each rule once, with the facts as they were inserted: a rule
	 * matching {@code Evaluation( primary == "HIGH_ROLLER" )} never sees the primary persona set
	 * later. An eval is evaluated only when its rule's turn comes (by salience), so action rules
	 * below the primary rule's salience see it, with no modify.
	 */
	private static byte[] withEvalActions(String path, byte[] content) {
		String text = new String(content, StandardCharsets.UTF_8);
		if (path.equals("personas.drl")) {
			text = text.replace("modify( $e ) { setPrimary( $e.firstPersona() ) }", "$e.setPrimary( $e.firstPersona() );");
		}
		else if (path.equals("recommendations.drl")) {
			text = RULE_START.matcher(text).replaceAll("$1    salience -150\n");
			text = PRIMARY_PATTERN.matcher(text).replaceAll("\\$e : Evaluation()\n    eval( \\$e.isPrimary( \"$1\" ) )");
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	List<Decision> decide(List<CustomerFacts> customers, String version) {
		List<Evaluation> evaluations = new ArrayList<>(customers.size());
		for (CustomerFacts customer : customers) {
			evaluations.add(new Evaluation(customer));
		}
		if (this.sequential) {
			List<Object> facts = new ArrayList<>(customers.size() + 1);
			facts.add(this.thresholds);
			facts.addAll(evaluations);
			this.stateless.execute(facts);
		}
		else {
			KieSession session = this.sessions.newKieSession();
			try {
				session.addEventListener(new FiredRules());
				session.insert(this.thresholds);
				evaluations.forEach(session::insert);
				int limit = DecisionEngine.MAX_FIRINGS_PER_CUSTOMER * Math.max(customers.size(), 1);
				if (session.fireAllRules(limit) >= limit) {
					throw new IllegalStateException("the prototype rules did not settle");
				}
			}
			finally {
				session.dispose();
			}
		}
		List<Decision> decisions = new ArrayList<>(customers.size());
		for (Evaluation evaluation : evaluations) {
			decisions.add(evaluation.toDecision(version));
		}
		return decisions;
	}

	/** Records each fired rule on the Evaluation its match was about, as DecisionEngine's listener does. */
	private static final class FiredRules extends DefaultAgendaEventListener {

		@Override
		public void afterMatchFired(AfterMatchFiredEvent event) {
			for (Object object : event.getMatch().getObjects()) {
				if (object instanceof Evaluation evaluation) {
					evaluation.fired(event.getMatch().getRule().getName());
					return;
				}
			}
		}

	}

}
