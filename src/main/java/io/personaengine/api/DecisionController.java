package io.personaengine.api;

import io.personaengine.decisions.BatchDecision;
import io.personaengine.decisions.Decision;
import io.personaengine.decisions.DecisionService;
import io.personaengine.facts.CustomerInput;
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

@Tag(name = "Decisions", description = "Persona, segments and campaign actions for customers")
@SecurityRequirement(name = "apiKey")
@RestController
@RequestMapping(path = "/api/v1/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
class DecisionController {

	static final String EXAMPLE = """
			{
			  "customerId": "c-1001",
			  "asOf": "2026-11-01T00:00:00Z",
			  "profile": { "country": "SE", "emailConsent": true, "smsConsent": false,
			               "trackingConsent": true, "newsletter": true },
			  "orders": [
			    { "id": "o-1", "placedAt": "2026-03-02T10:00:00Z", "total": 180.00 },
			    { "id": "o-2", "placedAt": "2026-06-20T18:30:00Z", "total": 95.50, "discountCode": "SUMMER10" },
			    { "id": "o-3", "placedAt": "2026-10-12T09:15:00Z", "total": 240.00,
			      "items": [ { "sku": "SHOE-42", "collection": "shoes", "quantity": 1, "unitPrice": 240.00, "newArrival": true } ] }
			  ],
			  "events": [
			    { "type": "email_open", "occurredAt": "2026-10-20T08:00:00Z", "appleMpp": true },
			    { "type": "email_click", "occurredAt": "2026-10-21T08:05:00Z" },
			    { "type": "site_visit", "occurredAt": "2026-10-25T19:40:00Z" }
			  ]
			}""";

	private final DecisionService decisions;

	DecisionController(DecisionService decisions) {
		this.decisions = decisions;
	}

	@Operation(summary = "Decide for one customer",
			description = "Derives the customer's facts as of asOf, runs the live rules and answers the primary persona, "
					+ "every matched persona and segment, the recommended actions and why.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = CustomerInput.class), examples = @ExampleObject(value = EXAMPLE))))
	@ApiResponse(responseCode = "200", description = "The decision")
	@ApiResponse(responseCode = "400", description = "Invalid customer: the problem lists each field and reason",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "The rules ran past persona.decisions.timeout; try again later",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	Decision decide(@RequestBody CustomerInput customer) {
		return this.decisions.decide(customer);
	}

	@Operation(summary = "Decide for many customers in one request",
			description = "Decisions in request order, with a count per persona and per segment. All customers are "
					+ "checked first: one invalid customer refuses the batch and the problem names it (customers[i].field).")
	@ApiResponse(responseCode = "200", description = "The decisions")
	@ApiResponse(responseCode = "400", description = "An invalid customer",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "413", description = "More customers than the batch limit",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "The rules ran past persona.decisions.timeout; try again later "
			+ "or with fewer customers",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE })
	BatchDecision decideAll(@RequestBody BatchRequest batch) {
		return this.decisions.decideAll(batch.customers(), batch.asOf());
	}

}
