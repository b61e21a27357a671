package ru.tsur.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.config.PulseConfig;
import ru.tsur.generator.BrokenRecords;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;
import ru.tsur.jobs.Environments;
import ru.tsur.jobs.KafkaPipeline;
import ru.tsur.jobs.StreamingJob;
import ru.tsur.jobs.kafka.EmbeddedKafka;
import ru.tsur.jobs.kafka.KafkaClients;

/**
 * {@code tsur demo}: an in-process Kafka broker and Flink MiniCluster, a replay of generated posts (with some broken
 * records) into topic {@code posts}, the real streaming job, and live figures read back from its output topics. Stops
 * by itself when the replay is processed and leaves the Parquet datasets in the warehouse.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay generated posts through the real job on an in-process Kafka + Flink; leaves a warehouse.")
public final class DemoCommand implements Callable<Integer> {

    private static final String MARKER = ".pulse-demo";

    @Option(names = "--posts", defaultValue = "3000", description = "posts to replay (default ${DEFAULT-VALUE})")
    int posts;

    @Option(names = "--rate", defaultValue = "2000", description = "replay rate, posts/s; 0 = as fast as possible")
    int rate;

    @Option(names = "--warehouse", defaultValue = "warehouse", description = "output directory (default ./${DEFAULT-VALUE})")
    Path warehouse;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--start", defaultValue = "2026-03-02T00:00:00+03:00", description = "publication time of the first post")
    String start;

    @Option(names = "--parallelism", defaultValue = "2")
    int parallelism;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        warehouse = warehouse.toAbsolutePath().normalize();
        if (!prepareWarehouse()) {
            return 2;
        }
        long t0 = System.nanoTime();
        System.out.println("demo: starting in-process Kafka (KRaft) …");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            int partitions = 2;
            kafka.createTopics(partitions, "posts", "posts-classified", "posts-dlq", "incident-events", "alerts", "rules");
            Map<String, String> conf = new HashMap<>();
            conf.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            conf.put("warehouse.uri", warehouse.toUri().toString());
            conf.put("privacy.pseudonym.key", Keys.pseudonymKey());
            conf.put("checkpoint.interval", "2s");
            conf.put("parallelism", String.valueOf(parallelism));
            // the production SLA clock: the generated posts lie months in the past, which the SLA watermarks recognize
            // as a replay (sla.live.lag): time comes from the posts and never jumps to today
            PulseConfig c = PulseConfig.fromMap(conf, Map.of());

            List<byte[]> values = replay();
            Map<TopicPartition, Long> stopAt = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                stopAt.merge(new TopicPartition("posts", i % partitions), 1L, Long::sum);
            }

            StreamExecutionEnvironment env = Environments.streaming(c, false);
            StreamingJob.build(KafkaPipeline.inputs(env, c, stopAt, null), KafkaPipeline.outputs(c),
                    StreamingJob.Options.from(c));
            JobClient job = env.executeAsync("pulse-demo");
            System.out.printf("demo: job %s started (parallelism %d); replaying %d records into topic posts at %s%n",
                    job.getJobID(), parallelism, values.size(), rate == 0 ? "full speed" : rate + " posts/s");

            AtomicLong produced = new AtomicLong();
            AtomicLong replaySeconds = new AtomicLong();
            long replayStart = System.nanoTime();
            Thread producer = new Thread(() -> {
                produce(kafka.bootstrapServers(), values, partitions, produced);
                replaySeconds.set(System.nanoTime() - replayStart);
            }, "demo-producer");
            producer.start();
            var result = job.getJobExecutionResult(); // the local cluster shuts down when the job ends: ask once
            Stats stats = watch(kafka.bootstrapServers(), result, produced, values.size());
            producer.join();
            result.get();
            double seconds = (System.nanoTime() - replayStart) / 1e9;
            stats.drain(values.size()); // the final checkpoint commits the last transactions
            printSummary(stats, values.size(), replaySeconds.get() / 1e9, seconds, (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }

    /** Refuses to touch a directory that is not a previous demo's warehouse; clears a previous demo's datasets. */
    private boolean prepareWarehouse() throws IOException {
        if (Files.exists(warehouse)) {
            boolean empty;
            try (Stream<Path> s = Files.list(warehouse)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(warehouse.resolve(MARKER))) {
                System.err.println("error: " + warehouse + " exists and is not a demo warehouse; choose another --warehouse");
                return false;
            }
            try (Stream<Path> s = Files.walk(warehouse)) {
                s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(warehouse)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(warehouse);
        Files.writeString(warehouse.resolve(MARKER), "written by tsur demo; the demo clears this directory on its next run\n");
        return true;
    }

    private List<byte[]> replay() {
        PostGenerator gen = new PostGenerator(PostGenerator.Options.defaults(seed, OffsetDateTime.parse(start)));
        List<BrokenRecords.Broken> broken = BrokenRecords.all();
        List<byte[]> values = new ArrayList<>(posts + broken.size());
        int every = Math.max(1, posts / Math.max(1, broken.size()));
        int b = 0;
        for (int i = 0; i < posts; i++) {
            GeneratedPost p = gen.next();
            values.add(p.json());
            if (i % every == every - 1 && b < broken.size()) values.add(broken.get(b++).bytes());
        }
        while (b < broken.size()) values.add(broken.get(b++).bytes());
        return values;
    }

    private void produce(String bootstrap, List<byte[]> values, int partitions, AtomicLong produced) {
        long startNs = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrap, Map.of("linger.ms", "5"))) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>("posts", i % partitions, null, values.get(i)));
                produced.incrementAndGet();
                if (rate > 0) {
                    long due = startNs + (long) ((i + 1) * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 2_000_000) sleep(wait / 1_000_000);
                }
            }
        }
    }

    /** Running figures, read from the committed output topics. */
    private final class Stats {
        final KafkaConsumer<byte[], byte[]> consumer;
        long accepted, rejected, alerts;
        final Map<String, Long> sectors = new TreeMap<>();

        Stats(String bootstrap) {
            consumer = KafkaClients.committedConsumer(bootstrap, "demo-watch");
            consumer.subscribe(List.of("posts-classified", "posts-dlq", "alerts"));
        }

        /** Returns how many records came. */
        int poll(Duration d) {
            var records = consumer.poll(d);
            for (ConsumerRecord<byte[], byte[]> r : records) {
                switch (r.topic()) {
                    case "posts-classified" -> {
                        accepted++;
                        try {
                            JsonNode n = json.readTree(r.value());
                            sectors.merge(n.path("sector").asText("?"), 1L, Long::sum);
                        } catch (IOException e) {
                            sectors.merge("?", 1L, Long::sum);
                        }
                    }
                    case "posts-dlq" -> {
                        rejected++;
                    }
                    default -> {
                        alerts++;
                        System.out.println("  ALERT " + new String(r.value()));
                    }
                }
            }
            return records.count();
        }

        /** Reads until every record is accounted for (or 30 s pass: then the summary says so). */
        void drain(long read) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (accepted + rejected < read && System.nanoTime() < deadline) poll(Duration.ofMillis(500));
            // the alerts the same checkpoint committed can be thousands, a poll returns at most 500 records: read on
            // until the topics are quiet (one poll then left most of them unseen)
            long quietBy = System.nanoTime() + 30_000_000_000L;
            while (poll(Duration.ofMillis(500)) > 0 && System.nanoTime() < quietBy) {
                // keep reading
            }
            consumer.close();
        }
    }

    private Stats watch(String bootstrap, java.util.concurrent.CompletableFuture<?> result, AtomicLong produced, int total) {
        Stats s = new Stats(bootstrap);
        long lastPrint = 0;
        while (!result.isDone()) {
            s.poll(Duration.ofMillis(500));
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("  produced %6d/%d | accepted %6d | rejected %3d | sectors %s%n",
                        produced.get(), total, s.accepted, s.rejected, s.sectors);
            }
        }
        return s;
    }

    /** The final figures come from the warehouse: the datasets are what the job committed, exactly once. */
    private void printSummary(Stats s, int read, double replaySeconds, double jobSeconds, double wallSeconds)
            throws Exception {
        System.out.println();
        System.out.println("demo: done — figures from the Parquet datasets");
        WarehouseSummary w = WarehouseSummary.of(warehouse);
        System.out.printf("  records read     %d%n  accepted         %d (distinct ids %d, actionable %d)%n"
                + "  rejected (DLQ)   %d %s%n", read, w.posts(), w.distinctIds(), w.actionable(), w.rejected(), w.reasons());
        System.out.printf("  read = accepted + rejected: %s%n", read == w.posts() + w.rejected() ? "yes" : "NO");
        System.out.printf("  incidents        %d (posts merged into an existing incident: %d)%n", w.incidents(),
                w.merged());
        System.out.printf("  alerts           %d (seen on topic alerts: %d)%n", w.alerts(), s.alerts);
        System.out.println("  per sector (posts / actionable):");
        w.sectors().forEach(row -> System.out.printf("    %-13s %6s %6s%n", row.get(0), row.get(1), row.get(2)));
        System.out.printf("  replay           %d records in %.1f s (%.0f records/s into Kafka)%n", read, replaySeconds,
                read / replaySeconds);
        System.out.printf("  job              %.1f s from the first record to the last commit, incl. start-up"
                + " and the final checkpoint → %.0f posts/s end to end%n", jobSeconds, s.accepted / jobSeconds);
        System.out.printf("  wall time        %.1f s (with broker start)%n", wallSeconds);
        System.out.printf("  (live figures from topics posts-classified/posts-dlq: %d accepted, %d rejected)%n",
                s.accepted, s.rejected);
        System.out.println("  warehouse " + warehouse + ":");
        for (String ds : List.of("posts", "incidents", "alerts", "dlq")) {
            Path dir = warehouse.resolve(ds);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> parquet = files.filter(f -> f.toString().endsWith(".parquet")).toList();
                long partitions = parquet.stream().map(Path::getParent).distinct().count();
                System.out.printf("    %-10s %4d Parquet files in %3d dt= partitions%n", ds + "/", parquet.size(), partitions);
            }
        }
        System.out.println("  query it: duckdb -c \"select sector, count(*) from read_parquet('" + warehouse
                + "/posts/**/*.parquet', hive_partitioning=true) group by 1 order by 2 desc\"");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
