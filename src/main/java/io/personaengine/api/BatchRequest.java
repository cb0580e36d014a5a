package io.personaengine.api;

import java.time.Instant;
import java.util.List;

import io.personaengine.facts.CustomerInput;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Many customers at once")
record BatchRequest(
		@Schema(description = "Default asOf for customers that give none; default now", example = "2026-11-01T00:00:00Z") Instant asOf,
		@Schema(description = "The customers (at most persona.decisions.max-batch-size, 1000 by default); [] for none",
				requiredMode = Schema.RequiredMode.REQUIRED) List<CustomerInput> customers) {

}
