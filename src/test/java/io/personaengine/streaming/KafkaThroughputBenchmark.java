package io.personaengine.streaming;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.personaengine.PersonaEngineApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Customers per second through Kafka, end to end: a broker, the service with the shipped rules,
 * N customers produced up front, timed from the first decision read to the last. The broker is an
 * embedded KRaft one, or the one at the bootstrap servers given as the second argument; each run
 * uses topics and a consumer group of its own, so it can be repeated against the same broker. With
 * {@code --warm-up=W}, W more customers are produced before them and the clock starts at the W-th
 * decision read, so that the figure is a running service's rather than one still compiling its
 * code; the CPU of the timed part is then said per customer, by thread. Not a test: run it with
 * {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.personaengine.streaming.KafkaThroughputBenchmark -Dexec.args="200000 [localhost:9092] [--warm-up=200000]"}.
 */
public final class KafkaThroughputBenchmark {

	public static void main(String[] args) throws Exception {
		List<String> positional = new ArrayList<>();
		int warmUp = 0;
		for (String arg : args) {
			if (arg.startsWith("--warm-up=")) {
				warmUp = Integer.parseInt(arg.substring("--warm-up=".length()));
			}
			else {
				positional.add(arg);
			}
		}
		int customers = (positional.size() > 0) ? Integer.parseInt(positional.get(0)) : 200_000;
		EmbeddedKafkaKraftBroker embedded = null;
		String servers;
		if (positional.size() > 1) {
			servers = positional.get(1);
		}
		else {
			embedded = new EmbeddedKafkaKraftBroker(1, 3);
			embedded.afterPropertiesSet();
			servers = embedded.getBrokersAsString();
		}
		String run = "bench-" + System.currentTimeMillis();
		String customersTopic = "persona.customers." + run;
		String decisionsTopic = "persona.decisions." + run;
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
			admin.createTopics(Stream.of(customersTopic, decisionsTopic, customersTopic + ".DLT")
				.map((name) -> new NewTopic(name, 3, (short) 1))
				.toList()).all().get();
		}
		produce(servers, customersTopic, warmUp + customers);
		long start = System.nanoTime();
		ConfigurableApplicationContext service = SpringApplication.run(PersonaEngineApplication.class, "--server.port=0",
				"--persona.kafka.enabled=true", "--spring.kafka.bootstrap-servers=" + servers, "--persona.rules.watch=false",
				"--persona.kafka.customers-topic=" + customersTopic, "--persona.kafka.decisions-topic=" + decisionsTopic,
				"--persona.kafka.dead-letter-topic=" + customersTopic + ".DLT", "--persona.kafka.group-id=" + run,
				"--logging.level.root=WARN");
		long firstAt = 0;
		long read = 0;
		CpuByThread cpuAtStart = null;
		long readAtStart = 0;
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, run + "-reader");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(decisionsTopic));
			while (read < warmUp + customers) {
				int n = consumer.poll(Duration.ofMillis(200)).count();
				read += n;
				if (n > 0 && firstAt == 0 && read >= Math.max(warmUp, 1)) {
					firstAt = System.nanoTime();
					cpuAtStart = (warmUp > 0) ? CpuByThread.now() : null;
					// The poll that started the clock was read before it: not timed.
					readAtStart = read;
				}
			}
		}
		long end = System.nanoTime();
		System.out.printf("%,d customers via %s%s: %.1f s from start-up to the last decision, %.1f s from the %s to the last decision: %,.0f customers/s%n",
				customers, (embedded != null) ? "an embedded broker" : servers,
				(warmUp > 0) ? String.format(" after %,d to warm up", warmUp) : "", (end - start) / 1e9, (end - firstAt) / 1e9,
				(warmUp > 0) ? "warm-up's last" : "first", (read - readAtStart) / ((end - firstAt) / 1e9));
		if (cpuAtStart != null) {
			CpuByThread.now().minus(cpuAtStart).print(read - readAtStart);
		}
		service.close();
		if (embedded != null) {
			embedded.destroy();
		}
	}

	private static void produce(String servers, String topic, int customers) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < customers; i++) {
				String id = "c" + i;
				producer.send(new ProducerRecord<>(topic, id, "{\"customerId\":\"" + id
						+ "\",\"asOf\":\"2026-11-01T00:00:00Z\",\"profile\":{\"country\":\"SE\",\"emailConsent\":true},"
						+ "\"summary\":{\"orderCount\":" + (i % 5) + ",\"totalSpent\":" + (i % 5) * 80 + ",\"daysSinceLastOrder\":"
						+ ((i % 5 == 0) ? "null" : String.valueOf(i % 400)) + "}}"));
			}
			producer.flush();
		}
	}

	/**
	 * CPU time of the process and of its threads grouped by name (digits dropped; on Linux as the system names them, in 15 letters): on Linux every
	 * thread's, the JIT's compilers and the garbage collector's included, from /proc; elsewhere
	 * the Java threads', the rest of the process being the compilers' and the collector's.
	 */
	private record CpuByThread(long processNanos, Map<String, Long> threadNanos) {

		private static final Path TASKS = Path.of("/proc/self/task");

		static CpuByThread now() throws IOException {
			Map<String, Long> byName = new TreeMap<>();
			long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime();
			if (Files.isDirectory(TASKS)) {
				try (Stream<Path> tasks = Files.list(TASKS)) {
					for (Path task : tasks.toList()) {
						try {
							String stat = Files.readString(task.resolve("stat"));
							String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
							// utime and stime, in clock ticks of 10 ms (USER_HZ on Linux)
							long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
							byName.merge(Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#"), nanos, Long::sum);
						}
						catch (IOException | RuntimeException ended) {
							// the thread ended while it was read
						}
					}
				}
				return new CpuByThread(process, byName);
			}
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
				long nanos = (info != null) ? threads.getThreadCpuTime(info.getThreadId()) : -1;
				if (nanos > 0) {
					byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos, Long::sum);
				}
			}
			return new CpuByThread(process, byName);
		}

		CpuByThread minus(CpuByThread before) {
			Map<String, Long> delta = new TreeMap<>();
			this.threadNanos.forEach((name, nanos) -> delta.put(name, nanos - before.threadNanos.getOrDefault(name, 0L)));
			return new CpuByThread(this.processNanos - before.processNanos, delta);
		}

		void print(long customers) {
			long named = this.threadNanos.values().stream().mapToLong(Long::longValue).sum();
			System.out.printf("CPU a customer while timed: %.1f µs in all, %.1f µs in threads not listed%n",
					this.processNanos / 1e3 / customers, Math.max(0, this.processNanos - named) / 1e3 / customers);
			this.threadNanos.entrySet()
				.stream()
				.filter((entry) -> entry.getValue() / 1e3 / customers >= 0.5)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.forEach((entry) -> System.out.printf("  %6.1f µs  %s%n", entry.getValue() / 1e3 / customers, entry.getKey()));
		}

	}

}
