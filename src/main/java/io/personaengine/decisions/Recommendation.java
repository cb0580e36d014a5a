package io.personaengine.decisions;

import io.personaengine.facts.CustomerFacts;

/**
 * A campaign action recommended for a customer: what to do ({@code action}), why ({@code source}
 * persona or segment and {@code rationale}), where ({@code channel}: EMAIL, SMS, PAID_SOCIAL, or
 * ALL for actions that are not a message, such as suppression) and how urgently ({@code priority},
 * 1 first). Consent rules delete the ones a customer has not agreed to receive.
 */
public final class Recommendation implements CustomerScoped {

	private final CustomerFacts customer;

	private final String action;

	private final String channel;

	private final int priority;

	private final String source;

	private final String rationale;

	private Double sampleShare;

	public Recommendation(CustomerFacts customer, String action, String channel, int priority, String source,
			String rationale) {
		this.customer = customer;
		this.action = action;
		this.channel = channel;
		this.priority = priority;
		this.source = source;
		this.rationale = rationale;
	}

	/** For a test on part of a segment: the share of the segment that should get it. */
	public Recommendation withSampleShare(double share) {
		this.sampleShare = share;
		return this;
	}

	@Override
	public CustomerFacts getCustomer() {
		return this.customer;
	}

	public String getAction() {
		return this.action;
	}

	public String getChannel() {
		return this.channel;
	}

	public int getPriority() {
		return this.priority;
	}

	public String getSource() {
		return this.source;
	}

	public String getRationale() {
		return this.rationale;
	}

	public Double getSampleShare() {
		return this.sampleShare;
	}

}
