package io.personaengine.rules;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A rule set compiled on a daemon thread of its own while the caller gets on with other work
 * (starting the context, reading an export). A daemon, so that a caller that fails first is not
 * kept waiting for the rules.
 */
public final class BackgroundRules {

	private final CompletableFuture<RuleSet> loading;

	private BackgroundRules(CompletableFuture<RuleSet> loading) {
		this.loading = loading;
	}

	public static BackgroundRules start(String threadName, Supplier<RuleSet> load) {
		return new BackgroundRules(CompletableFuture.supplyAsync(load, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			thread.start();
		}));
	}

	/** True once loading has ended in an exception, which {@link #await()} then throws. */
	public boolean failed() {
		return this.loading.isCompletedExceptionally();
	}

	/** The rule set, once loaded; or what loading threw, as it was thrown. */
	public RuleSet await() {
		try {
			return this.loading.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				// Out of memory, say: a command tells it as such, not as a bug wrapped in a CompletionException.
				throw cause;
			}
			throw ex;
		}
	}

}
