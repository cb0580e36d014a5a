package io.personaengine.decisions;

import io.personaengine.facts.CustomerFacts;

/** The one persona a customer is: the first match in the documented order. */
public final class PrimaryPersona implements CustomerScoped {

	private final PersonaMatch match;

	public PrimaryPersona(PersonaMatch match) {
		this.match = match;
	}

	@Override
	public CustomerFacts getCustomer() {
		return this.match.getCustomer();
	}

	public String getPersona() {
		return this.match.getPersona();
	}

	public int getRank() {
		return this.match.getRank();
	}

	public String getReason() {
		return this.match.getReason();
	}

}
