package ru.tsur.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import ru.tsur.config.PulseConfig;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.jobs.kafka.KafkaClients;

/** Helpers shared by the end-to-end tests: produce to known partitions, consume committed records, query Parquet. */
public final class PipelineTestKit {

    public static final String TEST_KEY = "test-pseudonym-key-0123456789";

    private PipelineTestKit() {}

    /** The posts as a JSON-lines file, the input of {@code tsur analyze}. */
    public static Path writeJsonLines(Path file, List<GeneratedPost> posts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (GeneratedPost p : posts) {
            bytes.write(p.json());
            bytes.write('\n');
        }
        return Files.write(file, bytes.toByteArray());
    }

    public static PulseConfig config(String bootstrap, Path warehouse, Map<String, String> extra) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap.servers", bootstrap);
        m.put("warehouse.uri", warehouse.toUri().toString());
        m.put("privacy.pseudonym.key", TEST_KEY);
        m.put("checkpoint.interval", "1s");
        m.put("parallelism", "2");
        m.putAll(extra);
        return PulseConfig.fromMap(m, Map.of());
    }

    /**
     * Produces records round-robin over partitions and returns the end offset of each (the stopping offsets). Every
     * send must be acknowledged: a record the broker never took would leave a bounded job waiting for an offset that
     * does not come (an overloaded in-process broker once rejected a retried batch for ~2 minutes), so that fails here.
     */
    public static Map<TopicPartition, Long> produce(String bootstrap, String topic, int partitions, List<byte[]> values) {
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int i = 0; i < partitions; i++) end.put(new TopicPartition(topic, i), 0L);
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(bootstrap, Map.of("acks", "all"))) {
            for (int i = 0; i < values.size(); i++) {
                int part = i % partitions;
                sent.add(producer.send(new ProducerRecord<>(topic, part, null, values.get(i))));
                end.merge(new TopicPartition(topic, part), 1L, Long::sum);
            }
            producer.flush();
            for (var f : sent) {
                f.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("producing to " + topic + " failed", e);
        }
        return end;
    }

    /** Reads every committed record of a topic (from the beginning until {@code expected} or the timeout). */
    public static List<ConsumerRecord<byte[], byte[]>> consumeAll(String bootstrap, String topic, int expected,
            Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.committedConsumer(bootstrap, "test-" + topic + "-" + System.nanoTime())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || emptyPolls < 2)) {
                var recs = c.poll(Duration.ofMillis(500));
                recs.forEach(out::add);
                emptyPolls = recs.isEmpty() && out.size() >= expected ? emptyPolls + 1 : 0;
            }
        }
        return out;
    }

    public static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Runs a query over the warehouse with DuckDB and returns rows as lists of strings. */
    public static List<List<String>> query(String sql) throws SQLException {
        return DuckDb.rows(sql);
    }

    public static String parquet(Path warehouse, String dataset) {
        return DuckDb.dataset(warehouse, dataset);
    }
}
