package io.personaengine.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Changing the live rules (reload, rollback) and compiling uploaded rules
 * (validate) are admin operations behind HTTP basic; decisions and catalogues are open unless
 * {@code persona.api.key} is set. Stateless: no sessions, no cookies, so no CSRF to defend.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AdminProperties.class, ApiKeyProperties.class })
class ApiSecurity {

	private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);

	static final String API_KEY_HEADER = "X-API-Key";

	static final String[] ADMIN_PATHS = { "/api/v1/rules/reload", "/api/v1/rules/validate", "/api/v1/rules/rollback" };

	static final String[] CLIENT_PATHS = { "/api/v1/decisions", "/api/v1/decisions/**", "/api/v1/segmentations",
			"/api/v1/campaigns/**", "/api/v1/personas",
			"/api/v1/segments" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AdminProperties admin, ApiKeyProperties apiKey) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			boolean toAdmin = adminPath(request);
			String reason = toAdmin ? adminReason(request.getHeader(HttpHeaders.AUTHORIZATION))
					: apiKeyReason(request.getHeader(API_KEY_HEADER));
			if (toAdmin && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
				logRefused(request, reason);
			}
			problem(request, response, HttpStatus.UNAUTHORIZED, toAdmin ? HttpHeaders.AUTHORIZATION : API_KEY_HEADER, reason,
					toAdmin);
		};
		log.info(whoMayCallWhat(admin, apiKey));
		if (admin.enabled()) {
			http.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized));
		}
		else {
			// No user to check HTTP basic credentials against: checked, any were refused with a 401,
			// at an admin path and at an open endpoint alike. Off, they are ignored.
			http.addFilterBefore(new AdminOperationsOff(), BasicAuthenticationFilter.class);
		}
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler((request, response, ex) -> problem(request, response, HttpStatus.FORBIDDEN,
						HttpHeaders.AUTHORIZATION, "these credentials may not call this endpoint", false)))
			.addFilterBefore(new ApiKeyFilter(apiKey), BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				if (admin.enabled()) {
					requests.requestMatchers(HttpMethod.POST, ADMIN_PATHS).hasRole("ADMIN");
				}
				if (apiKey.required()) {
					requests.requestMatchers(CLIENT_PATHS).hasAnyRole("CLIENT", "ADMIN");
				}
				requests.anyRequest().permitAll();
			});
		return http.build();
	}

	/**
	 * Said once at start-up: whether the rules can be changed over HTTP, and whether the decision
	 * endpoints are open to anyone on the network, which an operator could otherwise learn only by
	 * trying (a key set to blanks, say, leaves them open). Never the password or the key.
	 */
	static String whoMayCallWhat(AdminProperties admin, ApiKeyProperties apiKey) {
		return "Admin endpoints (reload, validate, rollback) "
				+ (admin.enabled() ? "on, HTTP basic as user '" + admin.username() + "'" : "off (persona.admin.enabled)")
				+ "; decision, batch, segmentation, campaign-health and catalogue endpoints "
				+ (apiKey.required() ? "need the key in " + API_KEY_HEADER : "open to any caller (no persona.api.key)");
	}

	/**
	 * Credentials sent to an admin endpoint and refused, logged at WARN with where they came from:
	 * the one sign an operator gets of someone guessing the password that can change the live
	 * rules. Not the user name, which is what the caller typed (a password, by mistake, or line
	 * breaks), nor anything else they sent; a request without credentials is no attempt and is not logged.
	 */
	private static void logRefused(HttpServletRequest request, String reason) {
		log.warn("Admin credentials refused: {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
				request.getRemoteAddr(), reason);
	}

	/** The admin user, if the admin endpoints are on; never a generated default password. */
	@Bean
	UserDetailsService users(AdminProperties admin, PasswordEncoder encoder) {
		if (!admin.enabled()) {
			return new InMemoryUserDetailsManager();
		}
		return new InMemoryUserDetailsManager(
				User.withUsername(admin.username()).password(encoder.encode(admin.password())).roles("ADMIN").build());
	}

	/** Spring Security uses this bean for what its firewall refuses. */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return new FirewallRejection();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	private static boolean adminPath(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/api/v1/rules/");
	}

	/**
	 * What is wrong with the admin credentials sent: "credentials are required" misleads a caller
	 * who sent some, and a wrong password reads differently from a header that is no HTTP basic.
	 */
	static String adminReason(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return "admin credentials are required (HTTP basic)";
		}
		if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return "admin credentials are required as HTTP basic (Authorization: Basic base64(user:password)); "
					+ "no other scheme is accepted";
		}
		String malformed = "the Authorization header is not valid HTTP basic: expected Basic base64(user:password)";
		try {
			byte[] decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
			if (new String(decoded, StandardCharsets.UTF_8).indexOf(':') < 0) {
				return malformed;
			}
		}
		catch (IllegalArgumentException ex) {
			return malformed;
		}
		return "the admin credentials were refused: wrong user name or password";
	}

	static String apiKeyReason(String sent) {
		return (sent == null) ? "an API key is required in the " + API_KEY_HEADER + " header"
				: "the API key in the " + API_KEY_HEADER + " header is not valid";
	}

	/** Type about:blank, so the title is the status phrase (RFC 9457, 4.2.1). */
	static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String field,
			String detail, boolean basic) throws IOException {
		if (basic) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"persona-engine\"");
		}
		RawProblem.write(request, response, status, ProblemTypes.BLANK.toString(), status.getReasonPhrase(), detail, field,
				detail);
	}

	/** Authenticates a caller that sends the configured key; compares in constant time. */
	static final class ApiKeyFilter extends OncePerRequestFilter {

		private final byte[] key;

		ApiKeyFilter(ApiKeyProperties properties) {
			this.key = properties.required() ? properties.key().getBytes(StandardCharsets.UTF_8) : null;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String sent = request.getHeader(API_KEY_HEADER);
			if (this.key != null && sent != null && MessageDigest.isEqual(this.key, sent.getBytes(StandardCharsets.UTF_8))) {
				SecurityContextHolder.getContext()
					.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("api-key", null,
							List.of(new SimpleGrantedAuthority("ROLE_CLIENT"))));
			}
			chain.doFilter(request, response);
		}

	}

}
