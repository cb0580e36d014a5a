package io.personaengine.api;

import java.util.Arrays;

import io.personaengine.campaigns.CampaignCounts;
import io.personaengine.facts.CustomerInput;
import io.personaengine.facts.Violation;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What a POST without its JSON body is told: that the body is missing, and what the endpoint
 * takes. The field is "", as for the other faults of the body as a whole (too large, cut short):
 * an empty JSON Pointer names the whole document.
 */
final class MissingBody {

	private MissingBody() {
	}

	/** {@code how} is "missing" or "null"; the endpoint is the one the request was mapped to. */
	static Violation of(String how, WebRequest request) {
		return new Violation("", "the request body is " + how + ": send " + expected(bodyType(request)));
	}

	/** Each type a controller reads with {@code @RequestBody}, with the smallest body it accepts. */
	static String expected(@Nullable Class<?> type) {
		if (type == CustomerInput.class) {
			return "one customer as a JSON object, such as {\"customerId\":\"c-1\"}";
		}
		if (type == BatchRequest.class) {
			return "the customers as a JSON object, such as {\"customers\":[{\"customerId\":\"c-1\"}]}";
		}
		if (type == CampaignCounts.class) {
			return "the send's counts as a JSON object, such as {\"segment\":\"ONE_HIT_WONDER\",\"delivered\":100,"
					+ "\"opens\":20,\"unsubscribes\":0,\"spamComplaints\":0}";
		}
		return "a JSON object";
	}

	private static @Nullable Class<?> bodyType(WebRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) instanceof HandlerMethod handler) {
			return Arrays.stream(handler.getMethodParameters())
				.filter((parameter) -> parameter.hasParameterAnnotation(RequestBody.class))
				.<Class<?>>map((parameter) -> parameter.getParameterType())
				.findFirst()
				.orElse(null);
		}
		return null;
	}

}
