package ru.tsur.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import ru.tsur.config.PulseConfig;
import ru.tsur.generator.PostGenerator;
import ru.tsur.ingest.ParseResult;
import ru.tsur.ingest.PostParser;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.jobs.Environments;
import ru.tsur.jobs.KafkaPipeline;
import ru.tsur.jobs.StreamingJob;
import ru.tsur.jobs.kafka.EmbeddedKafka;
import ru.tsur.jobs.kafka.KafkaClients;

/**
 * End-to-end throughput: generated posts are pre-loaded into topic {@code posts} of an in-process broker, then (1) a
 * pass-through job (Kafka → parse → discard) and (2) the full streaming job (parse → classify → dedup → SLA → Parquet
 * and Kafka sinks, checkpointing on) read the same topic. Each is timed from submission to the end of the bounded
 * input. The last line is {@code pipeline=<posts/s> passthrough=<posts/s> ratio=<r>}.
 */
public final class PipelineBenchmark {

    public static void main(String[] args) throws Exception {
        int posts = BenchSupport.intArg(args, "--posts", 500_000);
        // as scripts/conf/pulse.properties ships the job for a 2-core machine
        int parallelism = BenchSupport.intArg(args, "--parallelism", 1);
        int partitions = BenchSupport.intArg(args, "--partitions", 2);
        // the heap (Flink's default, as `tsur run` ships) or rocksdb with incremental checkpoints (the cluster's)
        String backend = BenchSupport.arg(args, "--state-backend", "hashmap");
        Map<String, String> overrides = BenchSupport.overrides(args);
        Path warehouse = Files.createTempDirectory("pulse-bench-wh");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(partitions, "posts", "posts-classified", "posts-dlq", "alerts", "incident-events");
            long bytes = preload(kafka.bootstrapServers(), posts, partitions);
            Map<TopicPartition, Long> stopAt = new HashMap<>();
            for (int p = 0; p < partitions; p++) stopAt.put(new TopicPartition("posts", p), (long) (posts / partitions
                    + (p < posts % partitions ? 1 : 0)));
            System.out.printf("preloaded %d posts (%.0f bytes/post) into %d partitions; parallelism %d, state backend %s, "
                    + "overrides %s%n", posts, (double) bytes / posts, partitions, parallelism, backend,
                    overrides);

            Map<String, String> conf = new HashMap<>();
            conf.put("kafka.bootstrap.servers", kafka.bootstrapServers());
            conf.put("warehouse.uri", warehouse.toUri().toString());
            conf.put("privacy.pseudonym.key", "benchmark-key-0123456789");
            conf.put("checkpoint.interval", "10s");
            conf.put("parallelism", String.valueOf(parallelism));
            conf.put("kafka.delivery", "exactly-once");
            conf.put("state.backend", backend);
            conf.putAll(overrides);

            String bootstrap = kafka.bootstrapServers();
            Result passthrough = run("passthrough", posts, bootstrap, "bench-pass", () -> {
                PulseConfig c = PulseConfig.fromMap(with(conf, "kafka.group.id", "bench-pass"), Map.of());
                StreamExecutionEnvironment env = Environments.streaming(c, false);
                KafkaPipeline.inputs(env, c, stopAt, null).posts()
                        .process(new ParseOnly()).name("parse").uid("parse")
                        .sinkTo(new DiscardingSink<>()).name("discard").uid("discard");
                return env;
            });
            Result pipeline = run("pipeline", posts, bootstrap, "bench-full", () -> {
                PulseConfig c = PulseConfig.fromMap(with(conf, "kafka.group.id", "bench-full"), Map.of());
                StreamExecutionEnvironment env = Environments.streaming(c, false);
                StreamingJob.build(KafkaPipeline.inputs(env, c, stopAt, null), KafkaPipeline.outputs(c),
                        StreamingJob.Options.from(c));
                return env;
            });
            System.out.printf("steady state (from half the input on, checkpoint to checkpoint): pipeline=%s passthrough=%s%n",
                    pipeline.steady().map(w -> String.format("%.0f", w.postsPerSecond())).orElse("n/a"),
                    passthrough.steady().map(w -> String.format("%.0f", w.postsPerSecond())).orElse("n/a (too short)"));
            System.out.printf("pipeline=%.0f passthrough=%.0f ratio=%.3f%n", pipeline.postsPerSecond(),
                    passthrough.postsPerSecond(), pipeline.postsPerSecond() / passthrough.postsPerSecond());
        }
    }

    private interface JobFactory {
        StreamExecutionEnvironment build() throws Exception;
    }

    /** A job's whole-run rate (submission to the end of the input) and its steady-state window, if it had one. */
    private record Result(double postsPerSecond, java.util.Optional<CommittedProgress.Window> steady) {}

    /**
     * Runs one job and prints its wall time, the CPU time of the whole process meanwhile (task threads, broker, GC,
     * JIT) and of the task threads alone: on a shared machine posts per CPU-second is the figure that survives other
     * load, and the task threads' share is what the job's own code costs. Then the steady state: the rate between
     * the source's committed offsets from half the input on ({@link CommittedProgress}).
     */
    private static Result run(String name, int posts, String bootstrap, String groupId, JobFactory f) throws Exception {
        StreamExecutionEnvironment env = f.build();
        long cpu0 = BenchSupport.processCpuNanos();
        long t0 = System.nanoTime();
        double taskCpu;
        String chains;
        String osThreads;
        java.util.Optional<CommittedProgress.Window> steady;
        try (BenchSupport.TaskCpu tasks = new BenchSupport.TaskCpu();
             BenchSupport.OsThreadCpu os = new BenchSupport.OsThreadCpu();
             CommittedProgress progress = new CommittedProgress(bootstrap, groupId)) {
            env.execute("bench-" + name);
            taskCpu = tasks.seconds();
            chains = tasks.byChain(8);
            osThreads = os.top(14);
            steady = progress.window(posts / 2, posts);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (BenchSupport.processCpuNanos() - cpu0) / 1e9;
        System.out.printf("%-12s %d posts in %.1f s = %.0f posts/s (incl. job start-up and final checkpoint); "
                        + "process CPU %.1f s = %.0f posts per CPU-second; task threads CPU %.1f s = %.0f posts per "
                        + "task-CPU-second; load average %s%n", name, posts, s, posts / s, cpu, posts / cpu, taskCpu,
                posts / taskCpu, BenchSupport.loadAverage());
        System.out.print(steady.map(w -> String.format("%-12s steady state: %d posts (from post %d) in %.1f s = %.0f "
                        + "posts/s; process CPU %.1f s = %.0f posts per CPU-second%n", name, w.posts(), w.fromPost(),
                        w.seconds(), w.postsPerSecond(), w.cpuSeconds(), w.postsPerCpuSecond()))
                .orElse(String.format("%-12s steady state: n/a (fewer than two checkpoints after half the input)%n", name)));
        System.out.print(chains);
        System.out.printf("%-12s CPU s by OS thread name (JIT, GC, broker, clients included): %s%n", name, osThreads);
        return new Result(posts / s, steady);
    }

    /** The pass-through's only work: the same byte-level JSON parse and validation the pipeline starts with. */
    static final class ParseOnly extends ProcessFunction<SourceRecord, Boolean> {
        private transient PostParser parser;

        @Override
        public void open(OpenContext ctx) {
            parser = new PostParser();
        }

        @Override
        public void processElement(SourceRecord r, Context ctx, Collector<Boolean> out) {
            out.collect(parser.parse(r.value()) instanceof ParseResult.Accepted);
        }
    }

    private static long preload(String bootstrap, int posts, int partitions) {
        PostGenerator gen = new PostGenerator(PostGenerator.Options.defaults(1,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00")));
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrap,
                Map.of("linger.ms", "20", "batch.size", "262144", "compression.type", "lz4"))) {
            for (int i = 0; i < posts; i++) {
                byte[] v = gen.next().json();
                bytes += v.length;
                producer.send(new ProducerRecord<>("posts", i % partitions, null, v));
            }
        }
        return bytes;
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> c = new HashMap<>(m);
        c.put(k, v);
        return c;
    }

}
