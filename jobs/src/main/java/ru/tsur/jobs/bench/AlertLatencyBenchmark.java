package ru.tsur.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import ru.tsur.config.PulseConfig;
import ru.tsur.generator.PostGenerator;
import ru.tsur.jobs.Environments;
import ru.tsur.jobs.KafkaPipeline;
import ru.tsur.jobs.StreamingJob;
import ru.tsur.jobs.kafka.EmbeddedKafka;
import ru.tsur.jobs.kafka.KafkaClients;
import ru.tsur.sla.SlaOptions;

/**
 * Alert latency: how long after a deadline passes its alert is readable (read_committed) in topic {@code alerts}. The
 * deployed streaming job (Kafka in, Parquet and Kafka out, checkpoints on) runs against an in-process broker with a
 * benchmark SLA policy whose first-reaction deadline is 30 s, so every new incident's deadline passes during the run.
 * Phase 1 (busy): fresh posts (published "now") at {@code --rate} per second for {@code --busy-seconds}; phase 2
 * (idle): nothing for {@code --idle-seconds}. An alert whose deadline passed during phase 1 counts as busy, later as
 * idle. Any {@code key=value} argument overrides the job configuration (e.g. {@code watermark.out.of.orderness=2s},
 * {@code sla.quiet.after=5s}, {@code sla.quiet.lag=5s}, {@code checkpoint.interval=1s},
 * {@code kafka.delivery=at-least-once}); {@code --auto-watermark-ms} sets Flink's periodic watermark interval.
 * Last line: {@code alert-latency busy p50=… p95=… max=… n=… idle p50=… p95=… max=… n=…} (seconds).
 */
public final class AlertLatencyBenchmark {
    static final String POLICY = "/bench/sla-latency-policy.properties";

    private record Seen(Instant deadline, long latencyMs, String kind) {}

    public static void main(String[] args) throws Exception {
        int busySeconds = BenchSupport.intArg(args, "--busy-seconds", 90);
        int idleSeconds = BenchSupport.intArg(args, "--idle-seconds", 90);
        int rate = BenchSupport.intArg(args, "--rate", 20);
        int autoWatermarkMs = BenchSupport.intArg(args, "--auto-watermark-ms", 200);
        Map<String, String> overrides = BenchSupport.overrides(args);
        Path warehouse = Files.createTempDirectory("pulse-latency-wh");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, "posts", "posts-classified", "posts-dlq", "alerts", "incident-events", "rules");
            Map<String, String> conf = new HashMap<>();
            conf.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            conf.put("warehouse.uri", warehouse.toUri().toString());
            conf.put("privacy.pseudonym.key", "benchmark-key-0123456789");
            conf.put("kafka.group.id", "bench-latency");
            conf.putAll(overrides);
            PulseConfig c = PulseConfig.fromMap(conf, Map.of());
            StreamExecutionEnvironment env = Environments.streaming(c, false);
            env.getConfig().setAutoWatermarkInterval(autoWatermarkMs);
            StreamingJob.Options opts = StreamingJob.Options.from(c);
            SlaOptions s = opts.sla();
            opts = opts.withSla(new SlaOptions(POLICY, s.routingResource(), s.outOfOrderness(), s.quietAfter(),
                    s.quietLag(), s.liveLag(), s.wallClockFallback(), s.pendingEventWait(), s.postIdTtl(), s.asOf(),
                    s.spikeMinCount(), s.spikeFactor(), s.eventsSource()));
            StreamingJob.build(KafkaPipeline.inputs(env, c, null, null), KafkaPipeline.outputs(c), opts);
            System.out.printf("configuration: out-of-orderness %s, sla quiet after %s, quiet lag %s, wall-clock "
                            + "fallback %s, checkpoint interval %s, delivery %s, auto watermark %d ms, rate %d/s%n",
                    c.outOfOrderness(), s.quietAfter(), s.quietLag(), s.wallClockFallback(), c.checkpointInterval(),
                    c.exactlyOnce() ? "exactly-once" : "at-least-once", autoWatermarkMs, rate);

            JobClient job = env.executeAsync("bench-alert-latency");
            waitRunning(job);
            List<Seen> seen = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = new Thread(() -> read(kafka.bootstrapServers(), seen, stop), "alerts-reader");
            reader.start();

            Instant busyEnd = produce(kafka.bootstrapServers(), rate, busySeconds);
            System.out.printf("busy phase over at %s; idle for %d s%n", busyEnd, idleSeconds);
            Thread.sleep(idleSeconds * 1000L);
            stop.set(true);
            reader.join();
            job.cancel().get();

            List<Long> busy = new ArrayList<>();
            List<Long> idle = new ArrayList<>();
            synchronized (seen) {
                for (Seen a : seen) {
                    (a.deadline().isAfter(busyEnd) ? idle : busy).add(a.latencyMs());
                }
            }
            System.out.printf("alert-latency busy %s idle %s (seconds from deadline to alert readable in topic "
                    + "alerts; load average %s)%n", summary(busy), summary(idle), BenchSupport.loadAverage());
        }
    }

    private static void waitRunning(JobClient job) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("job did not start: " + job.getJobStatus().get());
            }
            Thread.sleep(200);
        }
        Thread.sleep(5000); // tasks deployed and sources subscribed
    }

    /** Fresh generated posts (ids made unique, published now) at a steady rate; returns when the phase ended. */
    private static Instant produce(String bootstrap, int rate, int seconds) throws Exception {
        ObjectMapper json = new ObjectMapper();
        PostGenerator gen = new PostGenerator(PostGenerator.Options.defaults(3, OffsetDateTime.now(ZoneOffset.UTC)));
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrap, Map.of("linger.ms", "0"))) {
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                ObjectNode post = (ObjectNode) json.readTree(gen.next().json());
                post.put("id", "bench:" + i);
                post.put("published_at", OffsetDateTime.now(ZoneOffset.ofHours(3)).toString());
                post.remove("reply_to");
                post.remove("repost_of");
                producer.send(new ProducerRecord<>("posts", (int) (i % 2), null, json.writeValueAsBytes(post)));
            }
        }
        return Instant.now();
    }

    private static void read(String bootstrap, List<Seen> seen, AtomicBoolean stop) {
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.committedConsumer(bootstrap, "latency-reader")) {
            c.subscribe(List.of("alerts"));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    JsonNode a = json.readTree(r.value());
                    if (a.path("deadline").isTextual()) {
                        Instant deadline = Instant.parse(a.get("deadline").asText());
                        synchronized (seen) {
                            seen.add(new Seen(deadline, now - deadline.toEpochMilli(), a.path("kind").asText()));
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading alerts failed", e);
        }
    }

    private static String summary(List<Long> ms) {
        if (ms.isEmpty()) {
            return "p50=- p95=- max=- n=0";
        }
        List<Long> s = new ArrayList<>(ms);
        s.sort(null);
        return String.format("p50=%.1f p95=%.1f max=%.1f n=%d", s.get(s.size() / 2) / 1e3,
                s.get(Math.min(s.size() - 1, (int) (s.size() * 0.95))) / 1e3, s.get(s.size() - 1) / 1e3, s.size());
    }

}
