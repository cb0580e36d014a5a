package io.personaengine.api;

import io.personaengine.campaigns.CampaignCounts;
import io.personaengine.campaigns.CampaignHealth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Campaigns", description = "Guardrails for win-back sends")
@SecurityRequirement(name = "apiKey")
@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
class CampaignController {

	static final String EXAMPLE = """
			{
			  "segment": "ONE_HIT_WONDER",
			  "delivered": 10000,
			  "opens": 1200,
			  "appleMppOpens": 400,
			  "unsubscribes": 20,
			  "spamComplaints": 3,
			  "excludeAppleMppOpens": true
			}""";

	@Operation(summary = "Check a win-back send against the guardrails",
			description = "A win-back send to the customers of ONE_HIT_WONDER, JUST_PASSING_THROUGH or FALSE_START "
					+ "(segment, required) is healthy only while open rate >= 10 %, unsubscribe rate < 3 % and "
					+ "spam-complaint rate < 0.08 %, each over delivered messages. delivered, opens, unsubscribes and "
					+ "spamComplaints are required; appleMppOpens only with excludeAppleMppOpens, which leaves them out "
					+ "of the opens. Rates are fractions; the checks compare the counts exactly, so a rate at its "
					+ "threshold is judged exactly.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = CampaignCounts.class), examples = @ExampleObject(value = EXAMPLE))))
	@ApiResponse(responseCode = "200", description = "Each check and the verdict")
	@ApiResponse(responseCode = "400", description = "Invalid counts: the problem lists each field and reason",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/health", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	CampaignHealth health(@RequestBody CampaignCounts counts) {
		return CampaignHealth.of(counts);
	}

}
