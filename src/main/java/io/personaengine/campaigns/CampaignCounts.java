package io.personaengine.campaigns;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a campaign send has counted so far. Counts are boxed so that a missing one is refused by
 * name instead of silently read as 0, which would make an unhealthy send look healthy. Apple MPP
 * opens matter only when they are excluded, so only then are they required.
 */
@Schema(description = "The counts of one win-back send, each over delivered messages.")
public record CampaignCounts(
		@Schema(description = "Messages delivered (sent minus bounces)", example = "10000", minimum = "1",
				requiredMode = Schema.RequiredMode.REQUIRED) Long delivered,
		@Schema(description = "Unique opens, Apple MPP opens included", example = "1200", minimum = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) Long opens,
		@Schema(description = "How many of the opens were Apple Mail Privacy Protection opens. Required with "
				+ "excludeAppleMppOpens; otherwise optional, and checked against opens when given.", example = "400",
				minimum = "0") Long appleMppOpens,
		@Schema(description = "Unsubscribes", example = "20", minimum = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) Long unsubscribes,
		@Schema(description = "Spam complaints", example = "3", minimum = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) Long spamComplaints,
		@Schema(description = "Count only opens that are not Apple MPP opens. Default false.", example = "true") Boolean excludeAppleMppOpens,
		@Schema(description = "The win-back group the send went to, named by its persona id (a decision's persona): "
				+ "the guardrails are defined only for these three (PERSONAS.md section 5). Not an id of GET /api/v1/segments.",
				example = "ONE_HIT_WONDER", allowableValues = { "ONE_HIT_WONDER", "JUST_PASSING_THROUGH", "FALSE_START" },
				requiredMode = Schema.RequiredMode.REQUIRED) String segment) {

	public CampaignCounts {
		excludeAppleMppOpens = (excludeAppleMppOpens != null) ? excludeAppleMppOpens : Boolean.FALSE;
	}

}
