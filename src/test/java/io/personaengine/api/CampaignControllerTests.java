package io.personaengine.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The campaign guardrail endpoint over MockMvc, with the real security and strict JSON. */
@WebMvcTest(controllers = CampaignController.class)
@Import({ ApiConfiguration.class, ApiSecurity.class })
class CampaignControllerTests {

	static final String URI = "/api/v1/campaigns/health";

	static final String TO_ONE_HIT_WONDERS = "{\"segment\":\"ONE_HIT_WONDER\",";

	@Autowired
	MockMvcTester mvc;

	@Test
	void exampleIsUnhealthyOnceAppleMppOpensAreExcluded() {
		assertThat(post(CampaignController.EXAMPLE)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.segment").isEqualTo("ONE_HIT_WONDER");
			assertThat(json).extractingPath("$.delivered").isEqualTo(10000);
			assertThat(json).extractingPath("$.opensCounted").isEqualTo(800);
			assertThat(json).extractingPath("$.checks[*].metric").asArray()
				.containsExactly("openRate", "unsubscribeRate", "spamComplaintRate");
			assertThat(json).extractingPath("$.checks[0].value").isEqualTo(0.08);
			assertThat(json).extractingPath("$.checks[0].threshold").isEqualTo(0.10);
			assertThat(json).extractingPath("$.checks[0].comparison").isEqualTo(">=");
			assertThat(json).extractingPath("$.checks[*].passed").asArray().containsExactly(false, true, true);
			assertThat(json).extractingPath("$.healthy").isEqualTo(false);
			assertThat(json).extractingPath("$.verdict").isEqualTo("UNHEALTHY: open rate 8.00 % is below 10.00 %");
		});
	}

	@Test
	void openRateAtExactlyTenPercentIsHealthy() {
		assertThat(post("{\"segment\":\"FALSE_START\",\"delivered\":10000,\"opens\":1000,\"appleMppOpens\":0,"
				+ "\"unsubscribes\":0,\"spamComplaints\":0}"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.healthy")
			.isEqualTo(true);
	}

	@Test
	void appleMppOpensMayBeLeftOutWhenTheyAreNotExcluded() {
		assertThat(post("{\"segment\":\"JUST_PASSING_THROUGH\",\"delivered\":100,\"opens\":20,\"unsubscribes\":0,"
				+ "\"spamComplaints\":0}"))
			.hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.segment").isEqualTo("JUST_PASSING_THROUGH");
				assertThat(json).extractingPath("$.opensCounted").isEqualTo(20);
				assertThat(json).extractingPath("$.appleMppOpensExcluded").isEqualTo(false);
			});
	}

	@Test
	void missingSegmentIsAProblemNamingIt() {
		assertThat(post("{\"delivered\":100,\"opens\":20,\"unsubscribes\":0,\"spamComplaints\":0}")).hasStatus(400)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("segment");
				assertThat(json).extractingPath("$.errors[0].reason").asString()
					.isEqualTo("is required: the win-back persona the send went to, one of ONE_HIT_WONDER, "
							+ "JUST_PASSING_THROUGH, FALSE_START");
			});
	}

	@Test
	void deliveredZeroIsAProblemNamingDelivered() {
		assertThat(post(TO_ONE_HIT_WONDERS + "\"delivered\":0,\"opens\":0,\"appleMppOpens\":0,\"unsubscribes\":0,\"spamComplaints\":0}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo(ApiExceptionHandler.INVALID_INPUT.toString());
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("delivered");
				assertThat(json).extractingPath("$.errors[0].reason").asString().startsWith("must be greater than 0");
			});
	}

	@Test
	void moreOpensThanDeliveredIsAProblemNamingOpens() {
		assertThat(post(TO_ONE_HIT_WONDERS + "\"delivered\":100,\"opens\":101,\"appleMppOpens\":0,\"unsubscribes\":0,\"spamComplaints\":0}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("opens");
				assertThat(json).extractingPath("$.errors[0].reason").isEqualTo("must not exceed delivered");
			});
	}

	@Test
	void missingCountIsAProblemNamingIt() {
		assertThat(post(TO_ONE_HIT_WONDERS + "\"delivered\":100,\"opens\":10,\"appleMppOpens\":0,\"unsubscribes\":0}")).hasStatus(400)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("spamComplaints");
				assertThat(json).extractingPath("$.errors[0].reason").isEqualTo("is required");
			});
	}

	@Test
	void fractionalCountIsAProblemNamingIt() {
		assertThat(post(TO_ONE_HIT_WONDERS + "\"delivered\":100.5,\"opens\":10,\"appleMppOpens\":0,\"unsubscribes\":0,\"spamComplaints\":0}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("delivered");
	}

	private MockMvcTester.MockMvcRequestBuilder post(String json) {
		return this.mvc.post().uri(URI).contentType(MediaType.APPLICATION_JSON).content(json);
	}

}
