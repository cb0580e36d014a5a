package io.personaengine.decisions;

import io.personaengine.facts.CustomerFacts;

/** A segment a customer belongs to; a customer may be in any number of them. */
public final class SegmentMatch implements CustomerScoped {

	private final CustomerFacts customer;

	private final String segment;

	private final String reason;

	public SegmentMatch(CustomerFacts customer, String segment, String reason) {
		this.customer = customer;
		this.segment = segment;
		this.reason = reason;
	}

	@Override
	public CustomerFacts getCustomer() {
		return this.customer;
	}

	public String getSegment() {
		return this.segment;
	}

	public String getReason() {
		return this.reason;
	}

}
