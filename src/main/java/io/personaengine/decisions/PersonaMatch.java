package io.personaengine.decisions;

import io.personaengine.facts.CustomerFacts;

/**
 * A persona whose condition holds for a customer. {@code rank} is the persona's place in the
 * documented order: the lowest rank that matched becomes the primary persona.
 */
public final class PersonaMatch implements CustomerScoped {

	private final CustomerFacts customer;

	private final int rank;

	private final String persona;

	private final String reason;

	public PersonaMatch(CustomerFacts customer, int rank, String persona, String reason) {
		this.customer = customer;
		this.rank = rank;
		this.persona = persona;
		this.reason = reason;
	}

	@Override
	public CustomerFacts getCustomer() {
		return this.customer;
	}

	public int getRank() {
		return this.rank;
	}

	public String getPersona() {
		return this.persona;
	}

	public String getReason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "PersonaMatch[" + this.customer.getCustomerId() + ", " + this.rank + ", " + this.persona + "]";
	}

}
