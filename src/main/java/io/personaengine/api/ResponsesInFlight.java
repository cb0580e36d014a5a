package io.personaengine.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import org.apache.catalina.AccessLog;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Keeps Tomcat's connector open until every request it took in has its response written.
 * Boot's graceful shutdown waits only until no servlet is running; Tomcat writes a response
 * after that, on the way out of its pipeline, so the connector was stopped under a response
 * not yet written and the client got the connection closed without a byte, most often on a
 * loaded machine. This waits in the phase between that graceful shutdown and the stop of the
 * web server, within what is left of {@code spring.lifecycle.timeout-per-shutdown-phase}
 * since the context began to close: a shutdown takes no longer than before.
 */
class ResponsesInFlight implements SmartLifecycle, ApplicationListener<ContextClosedEvent>,
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final Duration timeout;

	private final Set<Request> requests = ConcurrentHashMap.newKeySet();

	private final Object finished = new Object();

	private volatile long closingSince;

	private volatile boolean running;

	ResponsesInFlight(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// An engine valve: every other valve, the error report valve included, runs inside it.
		factory.addEngineValves(new Counter());
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		this.closingSince = System.nanoTime();
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		awaitResponses();
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		Thread waiting = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, "responses-in-flight");
		waiting.setDaemon(true);
		waiting.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Right after Boot's graceful shutdown, before the web server stops. */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1;
	}

	private void awaitResponses() {
		long since = (this.closingSince != 0) ? this.closingSince : System.nanoTime();
		long deadline = since + this.timeout.toNanos();
		synchronized (this.finished) {
			for (long left = deadline - System.nanoTime(); !this.requests.isEmpty() && left > 0; left = deadline
					- System.nanoTime()) {
				try {
					this.finished.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Counts a request from the engine until Tomcat logs it, which it does once the response is
	 * written (or the connection failed): the one point after the response that Tomcat offers.
	 */
	private final class Counter extends ValveBase implements AccessLog {

		Counter() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			ResponsesInFlight.this.requests.add(request);
			getNext().invoke(request, response);
		}

		@Override
		public void log(Request request, Response response, long time) {
			if (ResponsesInFlight.this.requests.remove(request)) {
				synchronized (ResponsesInFlight.this.finished) {
					ResponsesInFlight.this.finished.notifyAll();
				}
			}
		}

		@Override
		public void setRequestAttributesEnabled(boolean enabled) {
		}

		@Override
		public boolean getRequestAttributesEnabled() {
			return false;
		}

	}

}
