package io.personaengine.api;


import io.personaengine.decisions.DecisionService;
import io.personaengine.decisions.RealRules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/** The decision endpoints over MockMvc, deciding with the real shipped rules. */
@WebMvcTest(controllers = DecisionController.class, properties = { "persona.decisions.max-batch-size=3", "persona.api.max-body-size=8KB" })
@Import({ DecisionService.class, ApiConfiguration.class, ApiSecurity.class, RealRulesConfiguration.class })
class DecisionControllerTests {

	@Autowired
	MockMvcTester mvc;

	/** Real but for one customer, for whom it fails as a bug in the service's own Java would. */
	@MockitoSpyBean
	DecisionService decisions;

	@Test
	void bugWhileDecidingIsA500SayingTheServiceFailedToDecideWithoutTheBug() {
		doThrow(new NullPointerException("a bug")).when(this.decisions)
			.decide(argThat((input) -> input != null && "bug-1".equals(input.customerId())));
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"bug-1\"}")).hasStatus(500)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.detail").isEqualTo(
						"The service failed to decide; the error is logged. Please report it if it persists.");
				assertThat(json).doesNotHavePath("$.errors");
			});
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"bug-2\"}")).hasStatusOk();
	}

	@Test
	void decidesPersonaRecommendationsAndWhy() {
		assertThat(post("/api/v1/decisions", DecisionController.EXAMPLE)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.customerId").isEqualTo("c-1001");
				assertThat(json).extractingPath("$.persona").isEqualTo("HIGH_ROLLER");
				assertThat(json).extractingPath("$.matchedPersonas[0].id").isEqualTo("HIGH_ROLLER");
				assertThat(json).extractingPath("$.recommendations[*].channel").asArray().doesNotContain("SMS");
				assertThat(json).extractingPath("$.firedRules").asArray().contains("RecentFrequentHighValueBuyerIsHighRoller");
				assertThat(json).extractingPath("$.ruleSetVersion").isEqualTo(RealRules.RULES.version());
				assertThat(json).extractingPath("$.facts.mppOpens90d").isEqualTo(1);
			});
	}

	@Test
	void unknownEventTypeIsABadRequestNamingTheFieldAndTheAllowedTypes() {
		assertThat(post("/api/v1/decisions",
				"{\"customerId\":\"c\",\"events\":[{\"type\":\"email_bounce\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}]}"))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("events[0].type");
				assertThat(json).extractingPath("$.errors[0].reason").asString().contains("email_bounce").contains("checkout_started");
			});
	}

	@Test
	void negativeTotalIsABadRequestNamingTheOrder() {
		assertThat(post("/api/v1/decisions",
				"{\"customerId\":\"c\",\"orders\":[{\"id\":\"o\",\"placedAt\":\"2026-01-01T00:00:00Z\",\"total\":-5}]}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("orders[0].total");
	}

	@Test
	void missingCustomerIdIsABadRequest() {
		assertThat(post("/api/v1/decisions", "{\"orders\":[]}")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("customerId");
	}

	@Test
	void orderWithItemsButNoTotalIsABadRequest() {
		assertThat(post("/api/v1/decisions",
				"{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"2026-01-01T00:00:00Z\",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":5}]}]}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("orders[0].total");
	}

	@Test
	void dateInAnotherFormatIsABadRequestShowingTheExpectedFormat() {
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"c\",\"asOf\":\"01/11/2026\"}")).hasStatus(400)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("asOf");
				assertThat(json).extractingPath("$.errors[0].reason").asString().contains("ISO-8601");
			});
	}

	@Test
	void malformedJsonIsABadRequest() {
		assertThat(post("/api/v1/decisions", "{\"customerId\":")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].reason")
			.asString()
			.startsWith("malformed JSON");
	}

	/** Jackson's "(start marker at [Source: REDACTED (`StreamReadFeature...` disabled); byte offset: #UNKNOWN])" tells a client nothing. */
	@Test
	void jsonCutShortInAnArrayIsSaidWithoutJacksonsOwnSettings() {
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"c\",\"orders\":[")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].reason")
			.asString()
			.isEqualTo("malformed JSON: Unexpected end-of-input: expected close marker for Array");
	}

	@Test
	void summaryTogetherWithRawHistoryIsABadRequest() {
		assertThat(post("/api/v1/decisions",
				"{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"2026-01-01T00:00:00Z\",\"total\":1}],\"summary\":{\"orderCount\":1,\"daysSinceLastOrder\":3}}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("summary");
	}

	/**
	 * Many producers write empty lists by default (a record initialised to an empty list,
	 * protobuf's JSON with defaults): an empty orders or events list beside a summary says no more
	 * than a summary left alone, and is decided on the summary, over REST and Kafka alike.
	 */
	@Test
	void summaryBesideEmptyOrdersAndEventsListsIsDecidedOnTheSummary() {
		String summary = "\"asOf\":\"2026-11-01T00:00:00Z\",\"summary\":{\"orderCount\":3,\"totalSpent\":300.00,\"daysSinceLastOrder\":120}";
		for (String lists : new String[] { "\"orders\":[]", "\"events\":[]", "\"orders\":[],\"events\":[]", "\"orders\":null" }) {
			assertThat(post("/api/v1/decisions", "{\"customerId\":\"c\"," + lists + "," + summary + "}")).as(lists)
				.hasStatusOk()
				.bodyJson()
				.extractingPath("$.persona")
				.isEqualTo("HIGH_ROLLER");
		}
	}

	@Test
	void summaryIsDecidedLikeRawHistory() {
		assertThat(post("/api/v1/decisions",
				"{\"customerId\":\"c\",\"asOf\":\"2026-11-01T00:00:00Z\",\"summary\":{\"orderCount\":3,\"totalSpent\":300.00,\"daysSinceLastOrder\":120}}"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.persona")
			.isEqualTo("HIGH_ROLLER");
	}

	@Test
	void amountPrintedWithTrailingZerosPastSixDecimalsIsReadAsItsValueAndASeventhDecimalIsStillRefused() {
		String order = "{\"customerId\":\"c\",\"asOf\":\"2026-11-01T00:00:00Z\",\"orders\":[{\"placedAt\":\"2026-10-01T00:00:00Z\",\"total\":%s,"
				+ "\"items\":[{\"sku\":\"s\",\"quantity\":1,\"unitPrice\":%s}]}]}";
		assertThat(post("/api/v1/decisions", order.formatted("100.50000000", "100.50000000"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.facts.totalSpent")
			.isEqualTo(100.50);
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"c\",\"summary\":{\"orderCount\":1,\"totalSpent\":0E-8,\"daysSinceLastOrder\":3}}"))
			.hasStatusOk();
		assertThat(post("/api/v1/decisions", order.formatted("100.1234560", "0.0000010"))).as("six decimals once the zero is dropped")
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.facts.totalSpent")
			.isEqualTo(100.123456);
		assertThat(post("/api/v1/decisions", order.formatted("100.0000001", "1"))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("orders[0].total");
		assertThat(post("/api/v1/decisions", order.formatted("1", "100.00000010"))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("orders[0].items[0].unitPrice");
	}

	@Test
	void hugeNumberIsABadRequestNotAHungRequest() {
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"c\",\"orders\":[{\"placedAt\":\"2026-01-01T00:00:00Z\",\"total\":1e100000000},"
				+ "{\"placedAt\":\"2026-01-02T00:00:00Z\",\"total\":5}]}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("orders[0].total");
	}

	/** ISO-8601 makes the seconds optional: 2026-11-01T00:00Z was a 400 while the segment command read it. */
	@Test
	void instantsWrittenToTheMinuteAreReadWithTheirOffset() {
		String customer = "{\"customerId\":\"c-1\",\"asOf\":\"2026-11-01T00:00Z\",\"orders\":[{\"id\":\"o-1\","
				+ "\"placedAt\":\"2026-10-13T23:30+02:00\",\"total\":50}],"
				+ "\"events\":[{\"type\":\"email_click\",\"occurredAt\":\"2026-10-31t00:00z\"}]}";
		assertThat(post("/api/v1/decisions", customer)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.asOf").isEqualTo("2026-11-01T00:00:00Z");
			assertThat(json).extractingPath("$.facts.daysSinceLastOrder").isEqualTo(18);
			assertThat(json).extractingPath("$.facts.daysSinceLastEngagement").isEqualTo(1);
		});
		assertThat(post("/api/v1/decisions/batch", "{\"asOf\":\"2026-11-01T00:00Z\",\"customers\":[{\"customerId\":\"a\"}]}"))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.decisions[0].asOf")
			.isEqualTo("2026-11-01T00:00:00Z");
		for (String notAnInstant : new String[] { "2026-11-01T00Z", "2026-11-01T00:00", "2026-11-01", "2026-11-01 00:00Z" }) {
			assertThat(post("/api/v1/decisions", "{\"customerId\":\"c-1\",\"asOf\":\"" + notAnInstant + "\"}")).as(notAnInstant)
				.hasStatus(400)
				.bodyJson()
				.extractingPath("$.errors[0].reason")
				.isEqualTo("invalid value '" + notAnInstant + "': expected an ISO-8601 instant such as 2026-11-01T09:30:00Z");
		}
	}

	/**
	 * Instant.parse read 24:00:00Z as the next day's midnight and 23:59:60Z as 23:59:59, where the
	 * imports refuse both as no time of a day: a 400 naming the field, saying why.
	 */
	@Test
	void instantAt24OrAtALeapSecondIsABadRequestNamingTheFieldAsTheImportsRefuseIt() {
		String at24 = "{\"customerId\":\"c-1\",\"asOf\":\"2026-11-01T00:00:00Z\",\"orders\":[{\"id\":\"o-1\","
				+ "\"placedAt\":\"2026-10-13T24:00:00Z\",\"total\":50}]}";
		assertThat(post("/api/v1/decisions", at24)).hasStatus(400).bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.errors[0].field").isEqualTo("orders[0].placedAt");
			assertThat(json).extractingPath("$.errors[0].reason").isEqualTo("invalid value '2026-10-13T24:00:00Z': expected an "
					+ "ISO-8601 instant such as 2026-11-01T09:30:00Z (24:00 is refused, as it may mean the start or the end of a day: "
					+ "write 00:00 of the day meant)");
		});
		for (String leap : new String[] { "2016-12-31T23:59:60Z", "2026-10-31T23:59:60.5+00:00" }) {
			assertThat(post("/api/v1/decisions", "{\"customerId\":\"c-1\",\"asOf\":\"" + leap + "\"}")).as(leap)
				.hasStatus(400)
				.bodyJson()
				.satisfies((json) -> {
					assertThat(json).extractingPath("$.errors[0].field").isEqualTo("asOf");
					assertThat(json).extractingPath("$.errors[0].reason").isEqualTo("invalid value '" + leap + "': expected an "
							+ "ISO-8601 instant such as 2026-11-01T09:30:00Z (a leap second, :60, is refused: write :59)");
				});
		}
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"c-1\",\"asOf\":\"2026-10-31T23:59:59.999999999Z\"}"))
			.hasStatusOk();
	}

	@Test
	void batchAsOfOutsideTheRangeIsABadRequest() {
		assertThat(post("/api/v1/decisions/batch", "{\"asOf\":\"1900-01-01T00:00:00Z\",\"customers\":[{\"customerId\":\"a\"}]}"))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("asOf");
	}

	@Test
	void countryThatIsNoIsoCodeIsABadRequestWithAHint() {
		assertThat(post("/api/v1/decisions", "{\"customerId\":\"c\",\"profile\":{\"country\":\"UK\"}}")).hasStatus(400)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("profile.country");
				assertThat(json).extractingPath("$.errors[0].reason").asString().contains("the United Kingdom is GB");
			});
	}

	@Test
	void bodyOverTheLimitIsContentTooLargeBeforeItIsRead() {
		String big = "{\"customerId\":\"c\",\"orders\":[" + "{\"placedAt\":\"2026-01-01T00:00:00Z\",\"total\":1},".repeat(200)
				+ "{\"placedAt\":\"2026-01-01T00:00:00Z\",\"total\":1}]}";
		assertThat(big.length()).isGreaterThan(8 * 1024);
		assertThat(post("/api/v1/decisions", big)).hasStatus(413)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("persona.api.max-body-size");
	}

	@Test
	void wrongContentTypeIsUnsupportedMediaType() {
		assertThat(this.mvc.post().uri("/api/v1/decisions").contentType(MediaType.TEXT_PLAIN).content("customer c")).hasStatus(415);
	}

	@Test
	void batchAnswersDecisionsInOrderWithCountsPerPersona() {
		String body = "{\"asOf\":\"2026-11-01T00:00:00Z\",\"customers\":[" + "{\"customerId\":\"a\",\"summary\":{\"orderCount\":3,\"totalSpent\":450,\"daysSinceLastOrder\":10}},"
				+ "{\"customerId\":\"b\"}," + "{\"customerId\":\"c\"}]}";
		assertThat(post("/api/v1/decisions/batch", body)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.count").isEqualTo(3);
			assertThat(json).extractingPath("$.decisions[*].customerId").asArray().containsExactly("a", "b", "c");
			assertThat(json).extractingPath("$.personaCounts.HIGH_ROLLER").isEqualTo(1);
			assertThat(json).extractingPath("$.personaCounts.DEAD_WEIGHT").isEqualTo(2);
			assertThat(json).extractingPath("$.personaCounts.UNCLASSIFIED").isEqualTo(0);
			assertThat(json).extractingPath("$.decisions[1].asOf").isEqualTo("2026-11-01T00:00:00Z");
		});
	}

	@Test
	void batchWithAnInvalidCustomerIsRefusedNamingIt() {
		String body = "{\"customers\":[{\"customerId\":\"a\"},{\"customerId\":\"\"}]}";
		assertThat(post("/api/v1/decisions/batch", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("customers[1].customerId");
	}

	/**
	 * A batch that leaves out its customers (or sends null) is a mistake of the caller, as a
	 * campaign count left out is: it was decided as an empty batch, 200 with nothing in it. An
	 * empty list is a batch of none.
	 */
	@Test
	void batchWithoutItsCustomersIsABadRequestNamingThemAndAnEmptyOneIsDecided() {
		for (String batch : new String[] { "{}", "{\"asOf\":\"2026-11-01T00:00:00Z\"}", "{\"customers\":null}" }) {
			assertThat(post("/api/v1/decisions/batch", batch)).as(batch)
				.hasStatus(400)
				.bodyJson()
				.satisfies((json) -> {
					assertThat(json).extractingPath("$.errors[0].field").isEqualTo("customers");
					assertThat(json).extractingPath("$.errors[0].reason").asString().startsWith("is required");
				});
		}
		assertThat(post("/api/v1/decisions/batch", "{\"customers\":[]}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.count")
			.isEqualTo(0);
	}

	/**
	 * The same customer id twice in a batch is decided twice, each entry on its own (a customer as
	 * of two instants, say), in request order: the rules match conclusions to their customer's facts, not
	 * to an id another entry shares.
	 */
	@Test
	void sameCustomerIdTwiceInABatchIsDecidedTwiceEachOnItsOwn() {
		assertThat(post("/api/v1/decisions/batch", "{\"asOf\":\"2026-11-01T00:00:00Z\",\"customers\":["
				+ "{\"customerId\":\"a\",\"summary\":{\"orderCount\":3,\"totalSpent\":300.00,\"daysSinceLastOrder\":10}},"
				+ "{\"customerId\":\"a\"}]}"))
			.hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.count").isEqualTo(2);
				assertThat(json).extractingPath("$.decisions[*].persona").asArray().containsExactly("HIGH_ROLLER", "DEAD_WEIGHT");
				assertThat(json).extractingPath("$.decisions[1].recommendations[*].action").asArray().containsExactly("SUPPRESS");
				assertThat(json).extractingPath("$.personaCounts.HIGH_ROLLER").isEqualTo(1);
				assertThat(json).extractingPath("$.personaCounts.DEAD_WEIGHT").isEqualTo(1);
			});
	}

	@Test
	void batchOverTheLimitIsContentTooLarge() {
		String body = "{\"customers\":[{\"customerId\":\"a\"},{\"customerId\":\"b\"},{\"customerId\":\"c\"},{\"customerId\":\"d\"}]}";
		assertThat(post("/api/v1/decisions/batch", body)).hasStatus(413)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("customers");
				assertThat(json).extractingPath("$.detail").asString().contains("at most 3");
			});
	}

	@Test
	void batchAtTheLimitIsDecided() {
		String body = "{\"customers\":[{\"customerId\":\"a\"},{\"customerId\":\"b\"},{\"customerId\":\"c\"}]}";
		assertThat(post("/api/v1/decisions/batch", body)).hasStatusOk();
	}

	private MockMvcTester.MockMvcRequestBuilder post(String uri, String json) {
		return this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json);
	}

}
