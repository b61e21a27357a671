package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.AvroDeserializationSchema;
import org.apache.flink.formats.avro.AvroSerializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.flink.SourceRecordDeserializer;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.jobs.kafka.EmbeddedKafka;
import ru.tsur.jobs.kafka.KafkaClients;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Post;
import ru.tsur.sink.KafkaSinks;
import ru.tsur.sla.core.AlertIds;

/**
 * Deduplicated posts and incident events go through Kafka into the SLA stage; alerts come out of topic
 * {@code alerts}. The job is cancelled after a checkpoint and restarted from it: the expected alerts, and only those,
 * are in the topic with their deterministic ids (a redelivery after the restart repeats the same alert, same id).
 */
class SlaKafkaEndToEndTest {
    private static final String POSTS = "sla-e2e-posts";
    private static final String EVENTS = "incident-events";
    private static final String ALERTS = "alerts";
    private static EmbeddedKafka kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(2, POSTS);
        kafka.createTopics(1, EVENTS, ALERTS);
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private JobClient startJob(Path checkpoints, String restoreFrom) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        KafkaSource<Post> posts = KafkaSource.<Post>builder()
                .setBootstrapServers(kafka.bootstrapServers()).setTopics(POSTS).setGroupId("sla-e2e")
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(AvroDeserializationSchema.forSpecific(Post.class)).build();
        KafkaSource<SourceRecord> events = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers()).setTopics(EVENTS).setGroupId("sla-e2e")
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SourceRecordDeserializer()).build();
        // replaying March 2026 now: time comes from the posts only, quiet streams go idle
        SlaOptions opts = SlaOptions.defaults().withWallClockFallback(false)
                .withQuiet(Duration.ofSeconds(1), Duration.ofSeconds(30));
        SlaStage.Output out = SlaStage.apply(
                env.fromSource(posts, WatermarkStrategy.noWatermarks(), "posts").uid("posts-source"),
                env.fromSource(events, WatermarkStrategy.noWatermarks(), "events").uid("events-source"), opts);
        // at-least-once: a restart may re-send an alert, with the same deterministic id
        out.alerts().sinkTo(KafkaSinks.json(new KafkaSinks.Target(kafka.bootstrapServers(), Map.of(), false, "sla-e2e"),
                        ALERTS, Alert::getAlertId))
                .name("alerts-kafka").uid("alerts-kafka");
        return env.executeAsync("sla-e2e");
    }

    private static void send(String topic, Integer partition, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.bootstrapServers(), Map.of())) {
            producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    /** Posts go to an explicit partition: a replay without the wall clock needs posts on every partition. */
    private static void post(int partition, Post p) throws Exception {
        AvroSerializationSchema<Post> ser = AvroSerializationSchema.forSpecific(Post.class);
        send(POSTS, partition, p.getIncidentId(), ser.serialize(p));
    }

    private static void event(String json) throws Exception {
        send(EVENTS, null, "e", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Alerts in the topic, polled until {@code n} records or the timeout. */
    private static List<JsonNode> alertsInTopic(int n, Duration timeout) {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        long until = System.currentTimeMillis() + timeout.toMillis();
        try (KafkaConsumer<byte[], byte[]> c = KafkaClients.committedConsumer(kafka.bootstrapServers(), "reader")) {
            // assign, not subscribe: no consumer-group coordination needed to read a test topic
            List<org.apache.kafka.common.TopicPartition> parts = List.of(new org.apache.kafka.common.TopicPartition(ALERTS, 0));
            c.assign(parts);
            c.seekToBeginning(parts);
            while (out.size() < n && System.currentTimeMillis() < until) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    try {
                        JsonNode a = json.readTree(r.value());
                        assertEquals(a.get("alert_id").asText(), new String(r.key(), StandardCharsets.UTF_8));
                        out.add(a);
                    } catch (IOException e) {
                        throw new AssertionError("alert is not JSON", e);
                    }
                }
            }
        }
        return out;
    }

    /** alert_id → "incident kind@level"; a redelivered alert must be the very same alert. */
    private static Map<String, String> byId(List<JsonNode> alerts) {
        Map<String, String> m = new TreeMap<>();
        Map<String, JsonNode> seen = new TreeMap<>();
        for (JsonNode a : alerts) {
            String id = a.get("alert_id").asText();
            JsonNode prev = seen.put(id, a);
            if (prev != null) {
                assertEquals(prev, a, "alert " + id + " redelivered with different content");
            }
            m.put(id, a.get("incident_id").asText() + " " + a.get("kind").asText() + "@" + a.get("level").asInt());
        }
        return m;
    }

    /** A completed checkpoint (its _metadata written) taken after {@code afterMillis}: it holds the fired timers. */
    private static String checkpointCompletedAfter(Path root, long afterMillis, Duration timeout) throws Exception {
        long until = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < until) {
            try (Stream<Path> s = Files.walk(root)) {
                var found = s.filter(p -> p.getFileName().toString().equals("_metadata"))
                        .filter(p -> p.toFile().lastModified() > afterMillis + 100)
                        .map(Path::getParent)
                        .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))));
                if (found.isPresent()) {
                    return found.get().toString();
                }
            } catch (java.io.UncheckedIOException e) {
                // Flink removed an older checkpoint while we walked the tree: look again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint completed under " + root);
    }

    private static Post.Builder deduped(String id, String incident, String at) {
        Instant ts = OffsetDateTime.parse(at).toInstant();
        return Post.newBuilder().setId(id).setSource("vk").setPublishedAt(ts).setPublishedOffset("+03:00")
                .setDt(at.substring(0, 10)).setText("На ул. Карла Маркса яма!!! Машины бьют колёса 😡")
                .setUrl("https://vk.com/wall-1_" + id).setRegionCode("46").setRegion("Курская")
                .setMunicipality("Курск").setTimezone("+03:00").setSector("roads").setActionable(true)
                .setSeverity("normal").setIncidentId(incident).setDedupMethod("new").setIngestedAt(ts);
    }

    @Test
    void expectedAlertsOnlyAndStableIdsAcrossARestartFromCheckpoint() throws Exception {
        Path checkpoints = Files.createDirectories(tmp.resolve("checkpoints"));
        JobClient job = startJob(checkpoints, null);
        event("{\"post_id\":\"p2\",\"type\":\"accepted\",\"at\":\"2026-03-02T10:30:00+03:00\"}");
        event("не json вовсе");
        post(0, deduped("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build());
        post(1, deduped("p2", "i2", "2026-03-02T10:00:00+03:00").build());
        post(0, deduped("p8", "i8", "2026-03-02T12:00:00+03:00").build()); // time passes: watermark 11:58
        post(1, deduped("p9", "i9", "2026-03-02T12:00:00+03:00").build());

        List<JsonNode> first = alertsInTopic(2, Duration.ofSeconds(60));
        assertEquals(Set.of("i1 critical_overdue@0", "i1 escalated@1"), Set.copyOf(byId(first).values()));
        long seen = System.currentTimeMillis();
        String checkpoint = checkpointCompletedAfter(checkpoints, seen, Duration.ofSeconds(60));
        job.cancel().get();

        JobClient resumed = startJob(checkpoints, checkpoint);
        try {
            post(0, deduped("p10", "i10", "2026-03-02T17:00:00+03:00").build()); // watermark 16:58
            post(1, deduped("p11", "i11", "2026-03-02T17:00:00+03:00").build());
            List<JsonNode> all = alertsInTopic(3, Duration.ofSeconds(60));
            Thread.sleep(3_000);
            all = alertsInTopic(Integer.MAX_VALUE, Duration.ofSeconds(3));
            Map<String, String> ids = byId(all);
            System.out.println("alerts in topic after restart: " + all.size() + " records, " + ids.size() + " ids");
            assertEquals(Map.of(
                    AlertIds.of("i1", "critical_overdue", 0), "i1 critical_overdue@0",
                    AlertIds.of("i1", "escalated", 1), "i1 escalated@1",
                    AlertIds.of("i1", "reaction_overdue", 1), "i1 reaction_overdue@1"), ids);
            assertEquals(3, all.size(), "restored from the checkpoint: nothing fired before it fires again");
            assertTrue(all.stream().allMatch(a -> a.get("responsible").asText().contains("Курск")));
        } finally {
            resumed.cancel().get();
        }
    }
}
