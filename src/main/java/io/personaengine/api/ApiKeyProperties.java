package io.personaengine.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * An optional key for the decision and catalogue endpoints: when {@code persona.api.key} is set
 * ({@code PERSONA_API_KEY}), callers send it as {@code X-API-Key}. Unset, they stay open.
 */
@ConfigurationProperties("persona.api")
public record ApiKeyProperties(String key) {

	public boolean required() {
		return this.key != null && !this.key.isBlank();
	}

}
