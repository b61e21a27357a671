package ru.tsur.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.config.PulseConfig;
import ru.tsur.generator.BrokenRecords;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;
import ru.tsur.jobs.kafka.EmbeddedKafka;

/** Given generated posts and broken records in topic posts, when the real job graph runs, then datasets and topics hold them. */
class StreamingJobEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /**
     * At parallelism 1, as the 2-core deployment ships: the keyed steps with one input chain instead of shuffling (the
     * shuffled graph at parallelism 2 runs in the other MiniCluster tests and in e2e-cluster). One job per broker: a
     * second producer in the same in-process broker sometimes had a retried batch rejected as out of sequence.
     */
    @Test
    void postsFlowFromKafkaToParquetAndTopicsAndBrokenRecordsToTheDeadLetters(@TempDir Path warehouse) throws Exception {
        String p = "e2e1-";
        kafka.createTopics(2, p + "posts", p + "posts-classified", p + "posts-dlq", p + "alerts", p + "incident-events");
        PulseConfig c = PipelineTestKit.config(kafka.bootstrapServers(), warehouse, Map.of(
                "topics.posts", p + "posts", "topics.classified", p + "posts-classified", "topics.dlq", p + "posts-dlq",
                "topics.alerts", p + "alerts", "topics.events", p + "incident-events",
                // a finishing (bounded) job can leave its last Kafka transaction open (FLINK-40626); the datasets are
                // checked for exactly-once below, the topics for completeness
                "kafka.delivery", "at-least-once", "parallelism", "1"));

        List<GeneratedPost> posts = new PostGenerator(PostGenerator.Options.defaults(7,
                OffsetDateTime.parse("2026-03-02T06:00:00+03:00"))).next(400);
        List<BrokenRecords.Broken> broken = BrokenRecords.all();
        List<byte[]> values = new ArrayList<>();
        posts.forEach(g -> values.add(g.json()));
        broken.forEach(b -> values.add(b.bytes()));
        values.add(posts.get(5).json()); // a redelivery: must be counted once, the repeat dead-lettered
        values.add(posts.get(77).json());
        Map<TopicPartition, Long> stopAt = PipelineTestKit.produce(kafka.bootstrapServers(), p + "posts", 2, values);

        StreamExecutionEnvironment env = Environments.streaming(c, false);
        StreamingJob.build(KafkaPipeline.inputs(env, c, stopAt, null), KafkaPipeline.outputs(c),
                StreamingJob.Options.from(c));
        env.execute("e2e");

        // every accepted post exactly once in the posts/ dataset, partitioned by its local date
        String postsTable = PipelineTestKit.parquet(warehouse, "posts");
        var counts = PipelineTestKit.query("select count(*), count(distinct id), count(distinct dt) from " + postsTable);
        assertEquals(String.valueOf(posts.size()), counts.get(0).get(0), "posts written");
        assertEquals(String.valueOf(posts.size()), counts.get(0).get(1), "each post once");
        Set<String> ids = PipelineTestKit.query("select id from " + postsTable).stream().map(r -> r.get(0))
                .collect(Collectors.toSet());
        assertEquals(posts.stream().map(GeneratedPost::id).collect(Collectors.toSet()), ids);

        // partition folder = dt column, and dt is the local date in the post's zone
        var bad = PipelineTestKit.query("select count(*) from " + postsTable + " where dt is null or dt <> "
                + "strftime(make_timestamp((epoch_ms(published_at) + cast(substr(timezone, 1, 3) as integer) * 3600000) * 1000),"
                + " '%Y-%m-%d')");
        assertEquals("0", bad.get(0).get(0), "dt is the publication date in the region's time zone");
        var columns = PipelineTestKit.query("select column_name from (describe select * from " + postsTable + ")")
                .stream().map(r -> r.get(0)).collect(Collectors.toSet());
        assertTrue(columns.containsAll(Set.of("id", "source", "published_at", "text", "author_hash", "region", "municipality",
                "sector", "topics", "actionable", "severity", "incident_id", "duplicate_of", "matched")), columns.toString());

        // authors are pseudonymized: no raw author id reaches the dataset
        assertEquals("0", PipelineTestKit.query("select count(*) from " + postsTable
                + " where author_hash like 'vk:%' or author_hash like '%:id%'").get(0).get(0));

        // every broken record is in the dlq/ dataset and topic with the reason it deserves
        String dlqTable = PipelineTestKit.parquet(warehouse, "dlq");
        Map<String, Long> expectedReasons = new HashMap<>(broken.stream()
                .collect(Collectors.groupingBy(BrokenRecords.Broken::expectedReason, Collectors.counting())));
        expectedReasons.put("duplicate_id", 2L);
        Map<String, Long> actualReasons = new HashMap<>();
        for (var row : PipelineTestKit.query("select reason, count(*) from " + dlqTable + " group by reason")) {
            actualReasons.put(row.get(0), Long.parseLong(row.get(1)));
        }
        assertEquals(expectedReasons, actualReasons);
        List<ConsumerRecord<byte[], byte[]>> dlqTopic = PipelineTestKit.consumeAll(kafka.bootstrapServers(),
                p + "posts-dlq", broken.size() + 2, Duration.ofSeconds(30));
        assertTrue(dlqTopic.size() >= broken.size() + 2);
        assertTrue(dlqTopic.stream().allMatch(r -> PipelineTestKit.header(r, "pulse.reason") != null
                && !PipelineTestKit.header(r, "pulse.detail").isEmpty()));

        // read = accepted + rejected, exactly
        long accepted = Long.parseLong(counts.get(0).get(0));
        long rejected = actualReasons.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(values.size(), accepted + rejected);

        // downstream consumers get every classified post as JSON
        Set<String> topicIds = PipelineTestKit.consumeAll(kafka.bootstrapServers(), p + "posts-classified",
                        posts.size(), Duration.ofSeconds(60)).stream()
                .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertEquals(ids, topicIds);

        // reposts and exact copies share their original's incident; noise opens none (it may join one through a
        // platform link or as a copy of an incident's text)
        var incidents = PipelineTestKit.query("select count(*) filter (where incident_id is not null), "
                + "count(distinct incident_id), count(*) filter (where not actionable and dedup_method = 'new') from "
                + postsTable);
        assertTrue(Long.parseLong(incidents.get(0).get(1)) < Long.parseLong(incidents.get(0).get(0)),
                "some posts were merged into existing incidents: " + incidents);
        assertEquals("0", incidents.get(0).get(2));
    }
}
