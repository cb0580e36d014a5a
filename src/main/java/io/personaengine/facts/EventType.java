package io.personaengine.facts;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The event types of PERSONAS.md section 1, spelled as they travel in JSON and CSV. */
public enum EventType {

	EMAIL_OPEN("email_open", false, true),
	EMAIL_CLICK("email_click", false, true),
	SMS_CLICK("sms_click", false, true),
	SITE_VISIT("site_visit", true, true),
	PRODUCT_VIEW("product_view", true, false),
	ADD_TO_CART("add_to_cart", true, false),
	CHECKOUT_STARTED("checkout_started", true, false);

	private final String wireName;

	private final boolean onSite;

	private final boolean engagement;

	EventType(String wireName, boolean onSite, boolean engagement) {
		this.wireName = wireName;
		this.onSite = onSite;
		this.engagement = engagement;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/** On-site events need tracking consent in the EU, the EEA, the UK and Switzerland. */
	public boolean onSite() {
		return this.onSite;
	}

	public boolean engagement() {
		return this.engagement;
	}

	public boolean intentSignal() {
		return this == PRODUCT_VIEW || this == ADD_TO_CART || this == CHECKOUT_STARTED;
	}

	public static Optional<EventType> fromWireName(String name) {
		return Arrays.stream(values()).filter((type) -> type.wireName.equals(name)).findFirst();
	}

	public static String wireNames() {
		return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
	}

}
