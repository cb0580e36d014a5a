package io.personaengine.decisions;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** Decisions for many customers, with how many landed in each persona and segment. */
@Schema(description = "Decisions for a batch, in request order, with counts")
public record BatchDecision(String ruleSetVersion, int count,
		@Schema(description = "Customers per primary persona, every catalogued persona listed") Map<String, Integer> personaCounts,
		@Schema(description = "Customers per segment, every catalogued segment listed") Map<String, Integer> segmentCounts,
		List<Decision> decisions) {
}
