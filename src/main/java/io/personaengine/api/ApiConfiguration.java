package io.personaengine.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	/**
	 * Strict reading: a misspelt property, a fraction where a count belongs or a number sent as a
	 * string is refused with the field named, instead of being silently dropped or coerced.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
	}

	@Bean
	org.springframework.boot.web.servlet.FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
			@org.springframework.beans.factory.annotation.Value("${persona.api.max-body-size:10MB}") org.springframework.util.unit.DataSize limit) {
		org.springframework.boot.web.servlet.FilterRegistrationBean<BodySizeLimit> registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
				new BodySizeLimit(limit));
		registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	OpenAPI personaEngineOpenApi() {
		return new OpenAPI().info(new Info().title("Persona Engine")
			.description("Personas, segments and campaign actions for e-commerce customers, decided by Drools rules "
					+ "that analysts edit in the rules/ folder.")
			.version("v1")
			.license(new License().name("Apache-2.0")));
	}

}
