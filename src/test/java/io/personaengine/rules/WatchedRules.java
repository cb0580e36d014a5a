package io.personaengine.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The rules of a folder live, reloaded by a running watcher with a quiet period of 50 ms. */
record WatchedRules(LiveRules live, RulesLifecycle lifecycle, RulesWatcher watcher, SimpleMeterRegistry meters) {

	static WatchedRules of(Path rules) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		RuleSetLoader loader = new RuleSetLoader(Clock.systemUTC());
		LiveRules live = new LiveRules(loader.load(rules));
		RulesLifecycle lifecycle = new RulesLifecycle(loader, live,
				new RulesProperties(rules, true, 10, true, Duration.ofMillis(50)), Clock.systemUTC(), meters);
		RulesWatcher watcher = new RulesWatcher(lifecycle, Duration.ofMillis(50));
		watcher.start();
		return new WatchedRules(live, lifecycle, watcher, meters);
	}

	double reloads(String outcome) {
		return this.meters.get("persona.rules.reloads").tag("outcome", outcome).counter().count();
	}

}
