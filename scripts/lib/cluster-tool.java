import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The cluster scripts' Kafka and Parquet helper (compiled once by scripts/lib/cluster.sh against the kafka-tools and
 * DuckDB jars). One JVM per call instead of one per topic; the checks read data the way an analyst would.
 *
 * <pre>
 * topics  BOOTSTRAP PARTITIONS TOPIC...           create the missing topics
 * produce BOOTSTRAP TOPIC FILE IDS [RATE]         send each line of a JSON-lines file; write the "id" of each to IDS;
 *                                                 RATE records/s (0 = as fast as possible)
 * fuzz    BOOTSTRAP TOPIC VALID N SEED MANIFEST   send the valid lines mixed with N bad records of every kind;
 *                                                 MANIFEST gets one "kind&lt;TAB&gt;id-or-dash" line per record sent;
 *                                                 mutants carry fresh ids fuzz:KIND:N
 * consume BOOTSTRAP TOPIC OUT                     read_committed, earliest to the end: values, one per line, to OUT
 *                                                 (PULSE_ISOLATION, PULSE_CONSUME_META: see {@link #consume})
 * sql     QUERY                                   run a DuckDB query (read_parquet ...), print rows tab-separated
 * </pre>
 *
 * Kafka client settings beyond the bootstrap servers (SASL/TLS) come from the Pulse configuration file named by the
 * environment variable PULSE_CONFIG: its {@code kafka.client.*} keys, as the jobs read them.
 */
final class ClusterTool {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] a) throws Exception {
        if (a.length == 0) usage();
        switch (a[0]) {
            case "topics" -> topics(a[1], Integer.parseInt(a[2]), List.of(a).subList(3, a.length));
            case "produce" -> produce(a[1], a[2], Path.of(a[3]), Path.of(a[4]), a.length > 5 ? Double.parseDouble(a[5]) : 0);
            case "fuzz" -> fuzz(a[1], a[2], Path.of(a[3]), Integer.parseInt(a[4]), Long.parseLong(a[5]), Path.of(a[6]));
            case "consume" -> consume(a[1], a[2], Path.of(a[3]));
            case "sql" -> sql(a[1]);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: cluster-tool topics|produce|fuzz|consume|sql ... (see the source header)");
        System.exit(2);
    }

    static Properties client(String bootstrap) throws IOException {
        Properties p = new Properties();
        String conf = System.getenv("PULSE_CONFIG");
        if (conf != null && !conf.isBlank()) {
            Properties pulse = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of(conf), StandardCharsets.UTF_8)) {
                pulse.load(r);
            }
            for (String k : pulse.stringPropertyNames()) {
                if (k.startsWith("kafka.client.")) p.put(k.substring("kafka.client.".length()), envValue(k, pulse.getProperty(k)));
            }
        }
        p.put("bootstrap.servers", bootstrap);
        String timeout = System.getenv("PULSE_KAFKA_TIMEOUT_MS");  // fail fast where a test expects a refusal
        if (timeout != null) {
            p.put("default.api.timeout.ms", timeout);
            p.put("request.timeout.ms", timeout);
        }
        return p;
    }

    /** Same ${env:NAME} convention as PulseConfig, so a SASL password never sits in the file. */
    private static String envValue(String key, String v) {
        v = v.trim();
        if (!v.startsWith("${env:") || !v.endsWith("}")) return v;
        String name = v.substring(6, v.length() - 1), val = System.getenv(name);
        if (val == null) throw new IllegalArgumentException(key + " refers to environment variable " + name + ", which is not set");
        return val;
    }

    /**
     * Pulse's topics carry the publication time in the payload and records may be stamped with it (the sinks use
     * event time). With CreateTime, a replay of March posts in November lands in segments that time-based retention
     * deletes at once: the broker's first retention pass (30 s after start) silently dropped the head of
     * posts-classified in the broker-restart test. LogAppendTime makes retention count from arrival.
     */
    static final Map<String, String> TOPIC_CONFIG = Map.of("message.timestamp.type", "LogAppendTime");

    static void topics(String bootstrap, int partitions, List<String> names) throws Exception {
        try (Admin admin = Admin.create(client(bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = names.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1).configs(TOPIC_CONFIG)).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
                missing.forEach(t -> System.out.println("created topic " + t.name() + " (" + partitions + " partitions)"));
            }
            // Topics created before (or by someone else) get the same setting; altering is idempotent.
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> alter = new HashMap<>();
            names.stream().filter(existing::contains).forEach(t -> alter.put(new ConfigResource(ConfigResource.Type.TOPIC, t),
                    TOPIC_CONFIG.entrySet().stream().map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()),
                            AlterConfigOp.OpType.SET)).collect(Collectors.toList())));
            if (!alter.isEmpty()) admin.incrementalAlterConfigs(alter).all().get();
        }
    }

    /** A send the broker refused (callbacks cannot throw to the caller): the count written must not lie. */
    static final java.util.concurrent.atomic.AtomicReference<Exception> FAILED = new java.util.concurrent.atomic.AtomicReference<>();

    static void checkSent() {
        if (FAILED.get() != null) throw new IllegalStateException("a record was not delivered", FAILED.get());
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) throws IOException {
        Properties p = client(bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "5");
        p.put("max.request.size", String.valueOf(2 * 1024 * 1024));  // the broker decides (1 MiB)
        // Keep retrying through a broker restart (the failure test restarts it mid-stream).
        p.put("delivery.timeout.ms", "300000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void produce(String bootstrap, String topic, Path file, Path ids, double rate) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long start = System.nanoTime(), n = 0;
        try (KafkaProducer<byte[], byte[]> prod = producer(bootstrap);
                BufferedWriter idOut = Files.newBufferedWriter(ids, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                if (line.isBlank()) continue;
                prod.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                    if (e != null) FAILED.compareAndSet(null, e);
                });
                idOut.write(idOf(line));
                idOut.newLine();
                n++;
                if (rate > 0) pace(start, n, rate);
            }
            prod.flush();
        }
        checkSent();
        System.out.println(n);
    }

    private static void pace(long startNanos, long sent, double rate) throws InterruptedException {
        long due = startNanos + (long) (sent / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }

    static String idOf(String json) {
        Matcher m = ID.matcher(json);
        return m.find() ? m.group(1) : "-";
    }

    static void consume(String bootstrap, String topic, Path out) throws Exception {
        Properties p = client(bootstrap);
        // read_committed unless told otherwise (PULSE_ISOLATION=read_uncommitted shows aborted data too, for diagnosis)
        p.put("isolation.level", System.getenv().getOrDefault("PULSE_ISOLATION", "read_committed"));
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        // PULSE_CONSUME_META=1: each line starts with "partition<TAB>offset<TAB>" (to place records, for diagnosis)
        boolean meta = "1".equals(System.getenv("PULSE_CONSUME_META"));
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
            c.assign(parts);
            c.seekToBeginning(parts);
            // With read_committed the end offsets are the last stable offsets: everything committed so far.
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 120_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("consume timed out on " + topic);
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (meta) w.write(r.partition() + "\t" + r.offset() + "\t");
                    w.write(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8).replace('\n', ' '));
                    w.newLine();
                    n++;
                }
            }
        }
        System.out.println(n);
    }

    static void sql(String query) throws Exception {
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= cols; i++) b.append(i > 1 ? "\t" : "").append(rs.getString(i));
                System.out.println(b);
            }
        }
    }

    // ---- fuzz corpus -----------------------------------------------------------------------------------------

    /** One bad record: its kind (for the manifest) and bytes; a null value is a Kafka tombstone. */
    record Bad(String kind, byte[] value) {}

    static void fuzz(String bootstrap, String topic, Path validFile, int nBad, long seed, Path manifest) throws Exception {
        List<String> valid = Files.readAllLines(validFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).collect(Collectors.toList());
        Random rnd = new Random(seed);
        Fuzzer f = new Fuzzer(rnd, valid);
        int total = valid.size() + nBad, vi = 0, bi = 0;
        Map<String, Integer> kinds = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> prod = producer(bootstrap);
                BufferedWriter man = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8)) {
            for (int i = 0; i < total; i++) {
                // Interleave at random, keeping the overall proportion, so bad records sit between good ones.
                boolean takeBad = vi >= valid.size() || (bi < nBad && rnd.nextInt(total - i) < nBad - bi);
                String kind, id;
                byte[] value;
                if (takeBad) {
                    Bad b = f.next();
                    kind = b.kind();
                    value = b.value();
                    id = value == null ? "-" : idOf(new String(value, 0, Math.min(value.length, 4096), StandardCharsets.ISO_8859_1));
                    bi++;
                } else {
                    String line = valid.get(vi++);
                    kind = "valid";
                    value = line.getBytes(StandardCharsets.UTF_8);
                    id = idOf(line);
                }
                prod.send(new ProducerRecord<>(topic, value), (md, e) -> {
                    if (e != null) FAILED.compareAndSet(null, e);
                });
                kinds.merge(kind, 1, Integer::sum);
                man.write(kind + "\t" + id);
                man.newLine();
            }
            prod.flush();
        }
        checkSent();
        kinds.forEach((k, v) -> System.out.println(k + "\t" + v));
    }

    /** Garbage of the kinds scrapers and broken clients really send, derived from valid records by seed. */
    static final class Fuzzer {
        private final Random rnd;
        private final List<String> valid;
        private int n;
        private static final String[] KINDS = {"truncated_json", "broken_syntax", "wrong_type", "huge_text",
            "huge_record", "invalid_utf8", "binary_garbage", "deep_nesting", "ts_1970", "ts_2100", "ts_garbage",
            "duplicate_id", "not_an_object", "empty", "tombstone", "control_chars", "trailing_garbage"};

        Fuzzer(Random rnd, List<String> valid) {
            this.rnd = rnd;
            this.valid = valid;
        }

        /** A valid record under a fresh id, so a mutant the pipeline still accepts is told apart from its original. */
        private String anyValid(String kind) {
            return setField(valid.get(rnd.nextInt(valid.size())), "id", "\"fuzz:" + kind + ":" + (++n) + "\"");
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        /** Replaces the JSON value of "field" (string, number, literal) in a flat record by raw JSON text. */
        private static String setField(String json, String field, String rawValue) {
            Pattern p = Pattern.compile("(\"" + field + "\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9.eE+]+|true|false|null)");
            Matcher m = p.matcher(json);
            return m.find() ? json.substring(0, m.start(2)) + rawValue + json.substring(m.end(2)) : json;
        }

        Bad next() {
            String kind = KINDS[rnd.nextInt(KINDS.length)];
            String v = kind.equals("duplicate_id") ? valid.get(rnd.nextInt(valid.size())) : anyValid(kind);
            return switch (kind) {
                case "truncated_json" -> new Bad(kind, utf8(v.substring(0, 1 + rnd.nextInt(v.length() - 2))));
                case "broken_syntax" -> {
                    char[] cs = v.toCharArray();
                    // Knock out a structural character: a quote, brace, colon or comma.
                    for (int tries = 0; tries < 50; tries++) {
                        int i = rnd.nextInt(cs.length);
                        if ("\"{}:,".indexOf(cs[i]) >= 0) {
                            cs[i] = "\"{}:,;'".charAt(rnd.nextInt(7)) == cs[i] ? ' ' : "#'; ".charAt(rnd.nextInt(4));
                            break;
                        }
                    }
                    yield new Bad(kind, utf8(new String(cs)));
                }
                case "wrong_type" -> {
                    String[][] options = {{"id", "12345"}, {"text", "{\"a\":[1,2]}"}, {"text", "[\"ямы\"]"},
                        {"published_at", "1700000000"}, {"source", "true"}, {"text", "null"}, {"id", "null"}};
                    String[] o = options[rnd.nextInt(options.length)];
                    yield new Bad(kind, utf8(setField(v, o[0], o[1])));
                }
                case "huge_text" -> new Bad(kind, utf8(setField(v, "text",
                        "\"" + "ЯМА НА ДОРОГЕ!!! ".repeat(2_500 + rnd.nextInt(10_000)) + "\"")));
                // Above the job's 256 KiB record limit, below the broker's 1 MiB message limit; one in ten sits
                // right under the broker limit, where the dead-letter copy plus its headers must still fit.
                case "huge_record" -> new Bad(kind, utf8(setField(v, "text", "\"" + "x".repeat(
                        rnd.nextInt(10) == 0 ? 1_040_000 : 300_000 + rnd.nextInt(600_000)) + "\"")));
                case "invalid_utf8" -> {
                    byte[][] seqs = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}};
                    byte[] s = utf8(v), bad = seqs[rnd.nextInt(seqs.length)];
                    int at = s.length / 2;
                    byte[] out = new byte[s.length + bad.length];
                    System.arraycopy(s, 0, out, 0, at);
                    System.arraycopy(bad, 0, out, at, bad.length);
                    System.arraycopy(s, at, out, at + bad.length, s.length - at);
                    yield new Bad(kind, out);
                }
                case "binary_garbage" -> {
                    byte[] b = new byte[1 + rnd.nextInt(4096)];
                    rnd.nextBytes(b);
                    yield new Bad(kind, b);
                }
                case "deep_nesting" -> {
                    int depth = 1_000 + rnd.nextInt(50_000);
                    String open = rnd.nextBoolean() ? "[" : "{\"a\":", close = open.equals("[") ? "]" : "}";
                    String nested = open.repeat(depth) + "1" + close.repeat(depth);
                    yield new Bad(kind, utf8(v.substring(0, v.length() - 1) + ",\"extra\":" + nested + "}"));
                }
                case "ts_1970" -> new Bad(kind, utf8(setField(v, "published_at", "\"1970-01-01T00:00:00Z\"")));
                case "ts_2100" -> new Bad(kind, utf8(setField(v, "published_at", "\"2100-01-01T03:00:00+03:00\"")));
                case "ts_garbage" -> {
                    String[] ts = {"\"вчера в 17:40\"", "\"2026-13-45T25:61:00Z\"", "\"\"", "\"0000-00-00 00:00:00\"",
                        "\"2026-03-02T09:15:00\"", "\"-999999999-01-01T00:00:00Z\""};
                    yield new Bad(kind, utf8(setField(v, "published_at", ts[rnd.nextInt(ts.length)])));
                }
                case "duplicate_id" -> {
                    // A valid record sent again (a scraper's redelivery), same id and bytes.
                    yield new Bad(kind, utf8(v));
                }
                case "not_an_object" -> {
                    String[] s = {"[1,2,3]", "\"просто строка\"", "42", "null", "true", "[" + v + "]"};
                    yield new Bad(kind, utf8(s[rnd.nextInt(s.length)]));
                }
                case "empty" -> new Bad(kind, rnd.nextBoolean() ? new byte[0] : utf8("   \n\t "));
                case "tombstone" -> new Bad(kind, null);
                case "control_chars" -> new Bad(kind, utf8(v.substring(0, v.length() / 2) + "\u0000\u0007\u001b"
                        + v.substring(v.length() / 2)));
                case "trailing_garbage" -> new Bad(kind, utf8(v + (rnd.nextBoolean() ? " {\"id\":\"x\"}" : "%%%")));
                default -> throw new IllegalStateException(kind);
            };
        }
    }

}
