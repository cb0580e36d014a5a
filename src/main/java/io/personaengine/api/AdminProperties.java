package io.personaengine.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin endpoints (rules reload, validate, rollback) and their HTTP basic credentials. Off
 * by default, so the service starts with no secret; turning them on without a password stops
 * the start. Give the password through the environment ({@code PERSONA_ADMIN_PASSWORD}), never
 * in a committed file.
 */
@ConfigurationProperties("persona.admin")
public record AdminProperties(@DefaultValue("false") boolean enabled, @DefaultValue("admin") String username,
		String password) {

	public AdminProperties {
		if (enabled && (password == null || password.isBlank())) {
			throw new IllegalArgumentException("persona.admin.enabled is true but persona.admin.password is not set: "
					+ "set PERSONA_ADMIN_PASSWORD (and optionally PERSONA_ADMIN_USERNAME), or leave the admin endpoints off");
		}
		if (enabled && (username == null || username.isBlank())) {
			throw new IllegalArgumentException("persona.admin.username must not be blank");
		}
	}

}
