package io.personaengine.decisions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.personaengine.facts.CustomerFacts;
import io.personaengine.facts.CustomerIds;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.CustomerValidator;
import io.personaengine.facts.FactDeriver;
import io.personaengine.facts.InvalidInputException;
import io.personaengine.facts.Violation;
import io.personaengine.metrics.DecisionMetrics;
import io.personaengine.rules.LiveRules;
import io.personaengine.rules.RuleFailure;
import io.personaengine.rules.RuleSet;
import org.springframework.stereotype.Service;

/**
 * Validates customers, derives their facts and decides on them with the live rule set, read once
 * per call so that a whole batch is decided by one version.
 */
@Service
public class DecisionService {

	/** The source of decisions over REST, one customer or a batch, in the metrics. */
	static final String SOURCE = "rest";

	private final LiveRules rules;

	private final CustomerValidator validator;

	private final DecisionProperties properties;

	private final Clock clock;

	private final DecisionMetrics metrics;

	public DecisionService(LiveRules rules, jakarta.validation.Validator beanValidator, DecisionProperties properties,
			Clock clock) {
		this(rules, beanValidator, properties, clock, DecisionMetrics.NONE);
	}

	@org.springframework.beans.factory.annotation.Autowired
	public DecisionService(LiveRules rules, jakarta.validation.Validator beanValidator, DecisionProperties properties,
			Clock clock, DecisionMetrics metrics) {
		this.rules = rules;
		this.validator = new CustomerValidator(beanValidator,
				new CustomerValidator.Limits(properties.maxOrdersPerCustomer(), properties.maxEventsPerCustomer()));
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
		metrics.serves(SOURCE);
	}

	/** @throws DecisionTimeoutException if the rules run longer than {@code persona.decisions.timeout} */
	public Decision decide(CustomerInput input) {
		Instant now = this.clock.instant();
		this.validator.validate(input, now);
		RuleSet ruleSet = this.rules.current();
		CustomerFacts facts = FactDeriver.derive(input, ruleSet.thresholds(), now);
		return decide(ruleSet, List.of(facts), SOURCE, false).get(0);
	}

	/**
	 * All customers are checked first; one invalid customer refuses the batch, naming it. No list
	 * of customers at all (null) is refused too: left out, it was decided as an empty batch.
	 */
	public BatchDecision decideAll(List<CustomerInput> batch, Instant batchAsOf) {
		List<CustomerInput> inputs = (batch != null) ? batch : List.of();
		if (inputs.size() > this.properties.maxBatchSize()) {
			throw new BatchTooLargeException(inputs.size(), this.properties.maxBatchSize());
		}
		Instant now = this.clock.instant();
		List<Violation> violations = new ArrayList<>();
		if (batch == null) {
			violations.add(new Violation("customers", "is required: the customers to decide, an array ([] for none)"));
		}
		if (batchAsOf != null) {
			// The batch asOf is every customer's unless they give their own: held to the same range.
			this.validator.violations(new CustomerInput("batch", batchAsOf, null, null, null, null), now)
				.stream()
				.filter((v) -> v.field().equals("asOf"))
				.forEach(violations::add);
		}
		for (int i = 0; i < inputs.size(); i++) {
			String prefix = "customers[" + i + "]";
			this.validator.violations(inputs.get(i), now).forEach((v) -> violations.add(v.prefixed(prefix)));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		RuleSet ruleSet = this.rules.current();
		Instant asOf = (batchAsOf != null) ? batchAsOf : now;
		List<CustomerFacts> facts = inputs.stream().map((input) -> FactDeriver.derive(input, ruleSet.thresholds(), asOf)).toList();
		List<Decision> decisions = decide(ruleSet, facts, SOURCE, true);
		return new BatchDecision(ruleSet.version(), decisions.size(), personaCounts(ruleSet, decisions),
				segmentCounts(ruleSet, decisions), decisions);
	}

	/** What is wrong with one customer, as a REST client would be told; empty when nothing is. */
	public List<Violation> check(CustomerInput input) {
		return this.validator.violations(input, this.clock.instant());
	}

	/**
	 * Customers already checked, decided together with the rule set live now; each
	 * without an asOf is decided as of now. Bounded by {@code persona.decisions.timeout} like a
	 * REST batch.
	 */
	public List<Decision> decideChecked(List<CustomerInput> inputs, String source) {
		RuleSet ruleSet = this.rules.current();
		Instant now = this.clock.instant();
		List<CustomerFacts> facts = inputs.stream().map((input) -> FactDeriver.derive(input, ruleSet.thresholds(), now)).toList();
		return decide(ruleSet, facts, source, false);
	}

	/**
	 * @param findTheCustomer whether a rule that throws is named with the first customer it throws
	 * for, as a segmentation names it: each customer decided alone again, within the same time
	 * bound (a REST batch). Not for one customer, nor for a Kafka poll, whose customers the
	 * listener decides one by one itself when it fails.
	 * @throws RuleFailedException if a rule throws, naming it
	 */
	private List<Decision> decide(RuleSet ruleSet, List<CustomerFacts> facts, String source, boolean findTheCustomer) {
		long start = System.nanoTime();
		Deadline deadline = Deadline.in(this.properties.timeout());
		List<Decision> decisions;
		try {
			decisions = DecisionEngine.decide(ruleSet, facts, deadline);
		}
		catch (RuntimeException ex) {
			// One customer is named, as a batch names the first a rule throws for: what an operator
			// looks up first.
			String during = (facts.size() == 1) ? "while deciding customer " + CustomerIds.inMessage(facts.get(0).getCustomerId())
					: "while deciding " + DecisionTimeoutException.customers(facts.size());
			// A batch of one already names its customer: deciding it alone again would say the same.
			throw (findTheCustomer && facts.size() > 1) ? RuleFailure.namedWithItsCustomer(ruleSet, ex, facts, deadline, during)
					: RuleFailure.named(ruleSet, ex, during);
		}
		this.metrics.record(source, decisions, System.nanoTime() - start);
		return decisions;
	}

	static Map<String, Integer> personaCounts(RuleSet ruleSet, List<Decision> decisions) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		ruleSet.catalogue().personaIds().forEach((id) -> counts.put(id, 0));
		decisions.forEach((d) -> counts.merge(String.valueOf(d.persona()), 1, Integer::sum));
		return counts;
	}

	static Map<String, Integer> segmentCounts(RuleSet ruleSet, List<Decision> decisions) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		ruleSet.catalogue().segmentIds().stream().filter((id) -> !id.equals("COUNTRY")).forEach((id) -> counts.put(id, 0));
		decisions.forEach((d) -> d.segments().forEach((s) -> counts.merge(s.id(), 1, Integer::sum)));
		return counts;
	}

}
