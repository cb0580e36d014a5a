package io.personaengine.api;

import java.time.Duration;
import java.time.Instant;

import io.personaengine.facts.IsoInstants;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.Filter;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BodySizeProperties.class)
class ApiConfiguration {

	/**
	 * Strict reading: a misspelt property, a fraction where a count belongs, a number sent as a
	 * string or a string sent as a number, a key given twice, an event type given by its index or
	 * an instant as epoch seconds is refused with the field named, instead of being silently
	 * dropped, coerced or guessed.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, (strings) -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(new SimpleModule("strict-instants").addDeserializer(Instant.class, new IsoInstants.Deserializer()));
	}

	@Bean
	FilterRegistrationBean<BodySizeLimit> bodySizeLimit(BodySizeProperties properties) {
		return first(new BodySizeLimit(properties.maxBodySize()), 0);
	}

	@Bean
	FilterRegistrationBean<AcceptHeaderCheck> acceptHeaderCheck() {
		return first(new AcceptHeaderCheck(), 1);
	}

	/**
	 * Checks of every endpoint of the API that need to know the endpoint: Accept read by quality
	 * ({@link AcceptQualityCheck}), then the parameters and parts it takes ({@link UnknownParameters}).
	 */
	@Bean
	WebMvcConfigurer apiInterceptors() {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(new AcceptQualityCheck()).addPathPatterns("/api/**");
				registry.addInterceptor(new UnknownParameters()).addPathPatterns("/api/**");
			}

		};
	}

	@Bean
	FilterRegistrationBean<ContentEncodingCheck> contentEncodingCheck() {
		return first(new ContentEncodingCheck(), 2);
	}

	/** A filter that runs before any other, Spring Security's included: {@code place} among these. */
	private static <F extends Filter> FilterRegistrationBean<F> first(F filter, int place) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + place);
		return registration;
	}

	/**
	 * Replaces the host's error report valve, Boot's included, by one that writes problems. Runs
	 * after Boot's customizer (lowest precedence), so Boot's valve is there to be replaced.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatErrorProblems() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				// Tomcat adds a valve of this class at start unless there is one already.
				host.setErrorReportValveClass(TomcatErrorProblems.class.getName());
				host.getPipeline().addValve(new TomcatErrorProblems());
			}
		});
	}

	/** Only with a graceful shutdown: an immediate one drops what is in flight by design. */
	@Bean
	@ConditionalOnProperty(name = "server.shutdown", havingValue = "graceful", matchIfMissing = true)
	ResponsesInFlight responsesInFlight(
			@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeoutPerShutdownPhase) {
		return new ResponsesInFlight(timeoutPerShutdownPhase);
	}

	@Bean
	ProblemResponses problemResponses() {
		return new ProblemResponses();
	}

	@Bean
	OpenAPI personaEngineOpenApi() {
		return new OpenAPI().info(new Info().title("Persona Engine")
			.description("Personas, segments and campaign actions for e-commerce customers, decided by Drools rules "
					+ "that analysts edit in the rules/ folder.")
			.version("v1")
			// The SPDX identifier, without which strict OpenAPI 3.1 validators refuse a license.
			.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			// The schemes that operations name ("admin" on the admin endpoints, "apiKey" on the
			// client ones); a name without its scheme leaves Swagger UI and generated clients no
			// way to authenticate.
			.components(new Components()
				.addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
					.description("The admin credentials (persona.admin.*), for reload, validate and rollback"))
				.addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name(ApiSecurity.API_KEY_HEADER)
					.description("Needed by the decision, segmentation, campaign and catalogue endpoints only when"
							+ " persona.api.key is set")));
	}

}
