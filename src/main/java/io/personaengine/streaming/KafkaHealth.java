package io.personaengine.streaming;

import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Kafka's part of {@code /actuator/health} ({@code kafka}), when Kafka is on: DOWN while the
 * consumers of the customers topic are stopped, or none of them is connected to a broker. The
 * service still answers REST then, but customers on the topic wait undecided, and without this
 * the only signs were WARN lines and the lag panel going blank.
 * <p>
 * Read from the consumers' own connection count, not by asking the broker: a health check then
 * costs nothing and never waits on a broker that does not answer.
 */
class KafkaHealth implements HealthIndicator {

	private final KafkaListenerEndpointRegistry registry;

	KafkaHealth(KafkaListenerEndpointRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		MessageListenerContainer consumers = this.registry.getListenerContainer(CustomerListener.ID);
		if (consumers == null || !consumers.isRunning()) {
			return Health.down().withDetail("consumers", "stopped").build();
		}
		long connections = 0;
		for (Map<MetricName, ? extends Metric> metrics : consumers.metrics().values()) {
			for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
				if (metric.getKey().name().equals("connection-count") && metric.getKey().group().equals("consumer-metrics")
						&& metric.getValue().metricValue() instanceof Number count) {
					connections += count.longValue();
				}
			}
		}
		Health.Builder health = (connections > 0) ? Health.up() : Health.down().withDetail("consumers", "not connected to a broker");
		return health.withDetail("connections", connections).build();
	}

}
