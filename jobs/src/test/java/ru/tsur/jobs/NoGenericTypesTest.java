package ru.tsur.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.config.PulseConfig;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sla.SlaOptions;

/**
 * No type of the jobs falls back to Kryo: the environments refuse generic types (checked with a type that would fall
 * back), and the real streaming graph — every edge, every keyed state and timer it touches on real posts and events —
 * runs under that setting. The batch graphs (report, compaction) run on {@link Environments#batch} in their own tests,
 * so a fallback there fails those tests the same way.
 */
class NoGenericTypesTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Not a POJO (no default constructor, private final field without setter): Flink can only use Kryo for it. */
    static final class NotAPojo {
        private final String value;

        NotAPojo(String value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private static PulseConfig config(Path dir) {
        return PipelineTestKit.config("localhost:1", dir.resolve("wh"),
                Map.of("checkpoint.dir", dir.resolve("cp").toUri().toString()));
    }

    @Test
    void environmentsRefuseATypeThatWouldFallBackToKryo(@TempDir Path dir) {
        for (StreamExecutionEnvironment env : List.of(Environments.streaming(config(dir), false),
                Environments.batch(1))) {
            assertTrue(env.getConfig().getSerializerConfig().hasGenericTypesDisabled());
            env.fromData("a", "b").map(NotAPojo::new).name("to-generic").uid("to-generic")
                    .sinkTo(new DiscardingSink<>()).name("discard").uid("discard");
            Exception e = assertThrows(Exception.class, env::execute, "a generic type must fail the job");
            assertTrue(ExceptionUtils.findThrowableWithMessage(e, "Generic types have been disabled").isPresent(),
                    () -> "unexpected failure: " + ExceptionUtils.stringifyException(e));
        }
    }

    @Test
    void theStreamingGraphRunsWithoutGenericTypes(@TempDir Path dir) throws Exception {
        StreamExecutionEnvironment env = Environments.streaming(config(dir), false);
        List<GeneratedPost> generated = new PostGenerator(PostGenerator.Options.defaults(11,
                OffsetDateTime.parse("2026-03-02T06:00:00+03:00"))).next(300);
        List<SourceRecord> posts = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            posts.add(new SourceRecord("posts", 0, i, generated.get(i).json()));
        }
        posts.add(new SourceRecord("posts", 0, posts.size(), "{not json".getBytes(StandardCharsets.UTF_8)));
        posts.add(new SourceRecord("posts", 0, posts.size(), generated.get(3).json())); // a repeated id
        // events by post id (resolved through the post-id lookup) and one that names no known post
        Instant at = generated.get(0).publishedAt().toInstant().plusSeconds(600);
        List<SourceRecord> events = List.of(
                event(0, "{\"post_id\":\"" + generated.get(0).id() + "\",\"type\":\"accepted\",\"at\":\"" + at
                        + "\",\"by\":\"Администрация\"}"),
                event(1, "{\"post_id\":\"nobody:1\",\"type\":\"answered\",\"at\":\"" + at + "\",\"by\":\"x\"}"),
                event(2, "ЭТО НЕ JSON"));
        // offline SLA options: the end of input fires every deadline, so the incident state and its timers are used
        StreamingJob.Options opts = StreamingJob.Options.defaults(PipelineTestKit.TEST_KEY)
                .withSla(SlaOptions.offline(null, "events"));
        StreamingJob.build(new StreamingJob.Inputs(env.fromData(posts).name("posts").uid("posts"),
                env.fromData(events).name("events").uid("events"), null), discarding(), opts);

        StreamGraph graph = env.getStreamGraph(false);
        for (StreamNode node : graph.getStreamNodes()) {
            List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(node.getTypeSerializersIn()));
            serializers.add(node.getTypeSerializerOut());
            serializers.add(node.getStateKeySerializer());
            for (TypeSerializer<?> s : serializers) {
                assertFalse(s instanceof KryoSerializer, () -> node.getOperatorName() + " uses Kryo: " + s);
            }
        }
        // state descriptors are typed in open(): only a run shows their serializers; a fallback fails the job
        env.execute(graph);
    }

    private static SourceRecord event(int offset, String json) {
        return new SourceRecord("events", 0, offset, json.getBytes(StandardCharsets.UTF_8));
    }

    private static StreamingJob.Outputs discarding() {
        return new StreamingJob.Outputs() {
            @Override
            public void posts(DataStream<Post> posts) {
                posts.sinkTo(new DiscardingSink<>()).name("posts-out").uid("posts-out");
            }

            @Override
            public void deadLetters(DataStream<DeadLetter> deadLetters) {
                deadLetters.sinkTo(new DiscardingSink<>()).name("dlq-out").uid("dlq-out");
            }

            @Override
            public void incidents(DataStream<Incident> incidents) {
                incidents.sinkTo(new DiscardingSink<>()).name("incidents-out").uid("incidents-out");
            }

            @Override
            public void alerts(DataStream<Alert> alerts) {
                alerts.sinkTo(new DiscardingSink<>()).name("alerts-out").uid("alerts-out");
            }
        };
    }
}
