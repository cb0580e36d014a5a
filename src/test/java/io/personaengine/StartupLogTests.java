package io.personaengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What the start-up log tells an operator about who may call the service; never a secret. */
@ExtendWith(OutputCaptureExtension.class)
class StartupLogTests {

	@Test
	void startUpSaysTheAdminEndpointsAreOffAndTheDecisionEndpointsOpenByDefault(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(output).contains("Admin endpoints (reload, validate, rollback) off (persona.admin.enabled); decision, batch, "
					+ "segmentation, campaign-health and catalogue endpoints open to any caller (no persona.api.key)");
		}
	}

	/** A key of blanks (an empty secret, say) protects nothing: said as open, not left to be found out. */
	@Test
	void startUpSaysAKeyOfBlanksLeavesTheDecisionEndpointsOpen(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--persona.api.key=  ")) {
			assertThat(output).contains("endpoints open to any caller (no persona.api.key)");
		}
	}

	@Test
	void startUpSaysWhoMayCallWhatWithoutThePasswordOrTheKey(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("--persona.admin.enabled=true", "--persona.admin.username=ops",
				"--persona.admin.password=pw-not-to-log", "--persona.api.key=key-not-to-log")) {
			assertThat(output).contains("Admin endpoints (reload, validate, rollback) on, HTTP basic as user 'ops'; decision, batch, "
					+ "segmentation, campaign-health and catalogue endpoints need the key in X-API-Key")
				.doesNotContain("pw-not-to-log")
				.doesNotContain("key-not-to-log");
		}
	}

	private static ConfigurableApplicationContext start(String... more) {
		String[] args = { "--server.port=0", "--persona.rules.watch=false", "--spring.main.banner-mode=off" };
		String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return PersonaEngineApplication.service().run(all);
	}

}
