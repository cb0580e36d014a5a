package io.personaengine.decisions;

import io.personaengine.facts.CustomerFacts;

/** A conclusion about one customer; lets the engine group results and fired rules by customer. */
public interface CustomerScoped {

	CustomerFacts getCustomer();

}
