package io.personaengine.api;

import io.personaengine.rules.RulesLifecycle;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Rules", description = "The live rule set, its history and its last failed change")
@RestController
@RequestMapping(path = "/api/v1/rules", produces = MediaType.APPLICATION_JSON_VALUE)
class RulesController {

	private final RulesLifecycle lifecycle;

	RulesController(RulesLifecycle lifecycle) {
		this.lifecycle = lifecycle;
	}

	@Operation(summary = "The live rules: version, since when and why, files and rule names; the last failed "
			+ "change with its problems or failing scenarios; the recent history")
	@GetMapping
	RulesLifecycle.Status status() {
		return this.lifecycle.status();
	}

}
