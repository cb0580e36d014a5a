package io.personaengine.campaigns;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a campaign send has counted so far. Counts are boxed so that a missing one is refused by
 * name instead of silently read as 0, which would make an unhealthy send look healthy.
 */
@Schema(description = "The counts of one win-back send, each over delivered messages.")
public record CampaignCounts(
		@Schema(description = "Messages delivered (sent minus bounces)", example = "10000", minimum = "1",
				requiredMode = Schema.RequiredMode.REQUIRED) Long delivered,
		@Schema(description = "Unique opens, Apple MPP opens included", example = "1200", minimum = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) Long opens,
		@Schema(description = "How many of the opens were Apple Mail Privacy Protection opens", example = "400",
				minimum = "0", requiredMode = Schema.RequiredMode.REQUIRED) Long appleMppOpens,
		@Schema(description = "Unsubscribes", example = "20", minimum = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) Long unsubscribes,
		@Schema(description = "Spam complaints", example = "3", minimum = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) Long spamComplaints,
		@Schema(description = "Count only opens that are not Apple MPP opens. Default false.", example = "true") Boolean excludeAppleMppOpens,
		@Schema(description = "The win-back segment the send went to", example = "ONE_HIT_WONDER",
				allowableValues = { "ONE_HIT_WONDER", "JUST_PASSING_THROUGH", "FALSE_START" }) String segment) {

	public CampaignCounts {
		excludeAppleMppOpens = (excludeAppleMppOpens != null) ? excludeAppleMppOpens : Boolean.FALSE;
	}

	public CampaignCounts(long delivered, long opens, long appleMppOpens, long unsubscribes, long spamComplaints,
			boolean excludeAppleMppOpens) {
		this(delivered, opens, appleMppOpens, unsubscribes, spamComplaints, excludeAppleMppOpens, null);
	}

}
