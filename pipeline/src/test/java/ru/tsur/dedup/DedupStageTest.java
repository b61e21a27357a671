package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import ru.tsur.dedup.eval.ClusterScores;
import ru.tsur.dedup.eval.DedupEvaluation;
import ru.tsur.dedup.eval.LabelledPost;
import ru.tsur.schema.Post;

/** The stage on a local MiniCluster with parallelism 2, no Kryo: what streams out is what the reference decides. */
class DedupStageTest {

    private static List<Post> run(List<Post> posts, DedupOptions opts) throws Exception {
        return run(posts, opts, WatermarkStrategy.<Post>forBoundedOutOfOrderness(Duration.ofMinutes(5)), 2);
    }

    /** At parallelism 1 the keyed steps chain to their inputs ({@link ru.tsur.flink.Keyed}); at 2 they shuffle. */
    private static List<Post> run(List<Post> posts, DedupOptions opts, WatermarkStrategy<Post> watermarks,
            int parallelism) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        DataStream<Post> in = env.fromData(posts, TypeInformation.of(Post.class))
                .assignTimestampsAndWatermarks(watermarks
                        .withTimestampAssigner((p, t) -> p.getPublishedAt().toEpochMilli()))
                .rebalance();
        List<Post> out = new ArrayList<>();
        DedupStage.apply(in, opts).executeAndCollect().forEachRemaining(out::add);
        return out;
    }

    /**
     * Watermarks that advance only after {@code step} of event time: every release then passes a whole stretch of
     * posts at once, as a periodic watermark does over a fast replay or a backlog. A step longer than the horizon
     * makes expiry times of released posts fall behind the watermark; they must still be stored (the stage once
     * dropped them, and copies published within the horizon split off — timing-dependent under periodic watermarks).
     */
    private static final class Jumps implements WatermarkGenerator<Post> {
        private final long step;
        private long next = Long.MIN_VALUE;

        Jumps(Duration step) {
            this.step = step.toMillis();
        }

        @Override
        public void onEvent(Post p, long ts, WatermarkOutput out) {
            if (next == Long.MIN_VALUE) {
                next = ts + step;
            } else if (ts >= next) {
                out.emitWatermark(new Watermark(ts - 1));
                next = ts + step;
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {}
    }

    @Test
    void labelledSetStreamedInParallelMatchesTheReferenceDecision() throws Exception {
        assertMatchesTheReference(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMinutes(5)),
                DedupOptions.DEFAULT);
    }

    @Test
    void crowdedBucketsAndExpiryDuringTheRunMatchTheReference() throws Exception {
        // 3 entries per bucket: evictions all through the set; its 17 days also expire the first posts' entries (a
        // shorter horizon would not do: the reference keeps thread roots for ever, the stage for a horizon)
        DedupOptions opts = DedupOptions.DEFAULT.withMaxBucket(3);
        assertMatchesTheReference(WatermarkStrategy.forGenerator(c -> new Jumps(Duration.ofHours(30))), opts);
    }

    @Test
    void watermarksJumpingFurtherThanTheHorizonChangeNoDecision() throws Exception {
        Duration beyondHorizon = DedupOptions.DEFAULT.horizon().plusDays(1);
        assertMatchesTheReference(WatermarkStrategy.forGenerator(c -> new Jumps(beyondHorizon)),
                DedupOptions.DEFAULT);
    }

    private static void assertMatchesTheReference(WatermarkStrategy<Post> watermarks, DedupOptions opts)
            throws Exception {
        List<LabelledPost> set = DedupEvaluation.builtin();
        for (int parallelism : new int[] {2, 1}) {
            assertMatchesTheReference(set, watermarks, opts, parallelism);
        }
    }

    private static void assertMatchesTheReference(List<LabelledPost> set, WatermarkStrategy<Post> watermarks,
            DedupOptions opts, int parallelism) throws Exception {
        List<Post> posts = set.stream().map(l -> Post.newBuilder(l.post()).build()).collect(Collectors.toList());
        List<Post> out = run(posts, opts, watermarks, parallelism);
        assertEquals(set.size(), out.size());
        Map<String, String> streamed = new HashMap<>();
        for (Post p : out) {
            streamed.put(p.getId(), p.getIncidentId());
        }
        Map<String, String> expected = DedupEvaluation.reference(set, opts, false);
        assertEquals(expected, streamed, "parallelism " + parallelism);
        if (opts.equals(DedupOptions.DEFAULT)) {
            ClusterScores s = DedupEvaluation.score(set, streamed);
            assertTrue(s.bcubedF1() >= 0.96, s.summary());
        }
    }

    @Test
    void copiesAcrossPlatformsFormOneIncidentAndOtherComplaintsOnTheStreetDoNot() throws Exception {
        String water = "Третий день нет горячей воды в доме на Ленина 15. В управляющей компании трубку не берут, на "
                + "аварийке говорят ждите. Маленький ребёнок, греем воду в кастрюлях. Сколько можно?";
        List<Post> posts = List.of(
                Posts.post("vk:1", 0, water).build(),
                Posts.post("telegram:2", 20, "Переслано от Жители Ленина: " + water.toUpperCase() + " 😡😡").build(),
                Posts.post("ok:3", 45, "<p>" + water.replace("кастрюлях", "кастрюлх").replace(". ", ".<br>")
                        + "</p> #ЖКХ").build(),
                Posts.post("vk:4", 50, "Присоединяюсь!").setRepostOf("vk:1").build(),
                Posts.post("portal:5", 60, "На Ленина 15 возле второго подъезда огромная яма на въезде во двор, уже "
                        + "две машины пробили колеса. Засыпали щебнем в прошлом году, всё размыло.").build(),
                Posts.post("vk:6", 70, "В доме Ленина 15 кв 48 течёт крыша, после каждого дождя в комнате потоп, "
                        + "потолок почернел от плесени. Писали в УК три раза.").build(),
                Posts.post("vk:7", 80, "Ответ УК: бригада выехала, подача горячей воды к вечеру.")
                        .setReplyTo("vk:1").setOfficial(true).setActionable(false).build(),
                Posts.post("vk:8", 85, "Конкурс! Репост и подписка — и айфон твой").setActionable(false).build(),
                Posts.post("telegram:9", 95, "НОВОСТИ БЕРДСКА: " + water).setActionable(false).build());
        Map<String, Post> out = run(posts, DedupOptions.DEFAULT).stream()
                .collect(Collectors.toMap(Post::getId, p -> p));
        assertEquals("new", out.get("vk:1").getDedupMethod());
        String incident = out.get("vk:1").getIncidentId();
        for (String copy : List.of("telegram:2", "ok:3", "vk:4", "vk:7", "telegram:9")) {
            assertEquals(incident, out.get(copy).getIncidentId(), copy);
            assertEquals("vk:1", out.get(copy).getDuplicateOf(), copy);
        }
        assertEquals("exact", out.get("telegram:2").getDedupMethod());
        assertEquals("near", out.get("ok:3").getDedupMethod());
        assertEquals("repost", out.get("vk:4").getDedupMethod());
        assertEquals("reply", out.get("vk:7").getDedupMethod());
        assertEquals("near", out.get("telegram:9").getDedupMethod(), "a copy the classifier called news still joins");
        assertNotEquals(incident, out.get("portal:5").getIncidentId());
        assertNotEquals(out.get("portal:5").getIncidentId(), out.get("vk:6").getIncidentId());
        assertEquals("new", out.get("vk:6").getDedupMethod());
        assertNull(out.get("vk:8").getIncidentId());
        assertEquals("noise", out.get("vk:8").getDedupMethod());
    }
}
