package ru.tsur.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import ru.tsur.schema.Post;

/** The stage on a real (mini) cluster: every post is annotated, and rule sets are swapped without a restart. */
class ClassifyStageTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final String BUN = "Ватрушки в буфете черствые";

    static Post post(long i, String text) {
        return Post.newBuilder()
                .setId("test:" + i)
                .setSource("vk")
                .setPublishedAt(java.time.Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setPublishedOffset("+03:00")
                .setDt("2026-11-23")
                .setText(text)
                .build();
    }

    private static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /** The shipped rules plus one rule that only a reloaded version knows. */
    private static String versionWithBunRule(String version) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(RuleSet.defaultJson());
        doc.put("version", version);
        ObjectNode rule = ((ArrayNode) doc.get("sectors")).addObject();
        rule.put("id", "education.bun").put("sector", "education").put("weight", 9.0).put("query", "ватрушка");
        return json.writeValueAsString(doc);
    }

    @Test
    void fixedRulesAnnotateEveryPost() throws Exception {
        StreamExecutionEnvironment env = env();
        DataStream<Post> posts = env.fromData(new AvroTypeInfo<>(Post.class),
                post(1, "Не вывозят мусор неделю, контейнеры переполнены"),
                post(2, "Продам гараж недорого"),
                post(3, "Во всем доме нет отопления вторые сутки"));
        List<Post> out = ClassifyStage.apply(posts, null).executeAndCollect(10);
        assertEquals(3, out.size());
        String version = RuleSet.parse(RuleSet.defaultJson()).version();
        for (Post p : out) {
            assertEquals(version, p.getRulesVersion());
            assertFalse(p.getMatched().isEmpty());
            switch (p.getId()) {
                case "test:1" -> {
                    assertEquals("waste", p.getSector());
                    assertTrue(p.getActionable());
                    assertFalse(p.getTopics().isEmpty());
                }
                case "test:2" -> {
                    assertFalse(p.getActionable());
                    assertEquals("advertisement", p.getNonActionableReason());
                }
                case "test:3" -> {
                    assertEquals("housing", p.getSector());
                    assertEquals("critical", p.getSeverity());
                }
                default -> throw new AssertionError(p.getId());
            }
        }
    }

    @Test
    void newRuleSetReplacesTheOldOneAndABadOneIsIgnored() throws Exception {
        StreamExecutionEnvironment env = env();
        int n = 60;
        // posts trickle in over ~3 s so that the rule-set stream is certainly read while posts still flow
        DataGeneratorSource<Post> source = new DataGeneratorSource<>(
                i -> post(i, i % 2 == 0 ? BUN : "яма на дороге у дома"), n, RateLimiterStrategy.perSecond(20),
                new AvroTypeInfo<>(Post.class));
        DataStream<Post> posts = env.fromSource(source, WatermarkStrategy.noWatermarks(), "posts");
        String bad = versionWithBunRule("bad-1").replace("\"ватрушка\"", "\"(ватрушка\"");
        DataStream<String> rules = env.fromData(Types.STRING, bad, versionWithBunRule("test-v2"));

        List<Post> out = ClassifyStage.apply(posts, rules).executeAndCollect(n + 1);

        assertEquals(n, out.size());
        String shipped = RuleSet.parse(RuleSet.defaultJson()).version();
        Set<String> versions = out.stream().map(Post::getRulesVersion).collect(Collectors.toSet());
        assertFalse(versions.contains("bad-1"), "a rule set that does not parse is never used");
        assertTrue(Set.of(shipped, "test-v2").containsAll(versions), versions.toString());
        Post last = out.stream().max(java.util.Comparator.comparing(Post::getPublishedAt)).orElseThrow();
        assertEquals("test-v2", last.getRulesVersion(), "the new version is in use without a restart");
        for (Post p : out) {
            if (p.getText().equals(BUN)) {
                assertEquals(p.getRulesVersion().equals("test-v2") ? "education" : "other", p.getSector(),
                        p.toString());
            } else {
                assertEquals("roads", p.getSector());
            }
        }
    }
    /**
     * A rule-set stream that never ends (a Kafka topic) must not touch the posts' event time: it may not hold it back,
     * and when the posts pause long enough to go idle it may not push it to the end of time either (every later stage
     * would then stop waiting for the watermark).
     */
    @Test
    void anEndlessRuleStreamNeitherHoldsBackNorPushesAheadThePostsWatermark() throws Exception {
        StreamExecutionEnvironment env = env();
        env.setParallelism(1);
        env.getConfig().setAutoWatermarkInterval(50);
        int n = 40;
        // posts 1 s apart in event time; after the 20th the source pauses for 1.5 s, well past the idleness of 300 ms
        DataGeneratorSource<Post> source = new DataGeneratorSource<>(i -> post(i * 1000, "яма на дороге"), n,
                parallelism -> new PausingLimiter(20, 1500), new AvroTypeInfo<>(Post.class));
        DataStream<Post> posts = env.fromSource(source, WatermarkStrategy.<Post>forMonotonousTimestamps()
                .withTimestampAssigner((p, ts) -> p.getPublishedAt().toEpochMilli())
                .withIdleness(java.time.Duration.ofMillis(300)), "posts");
        // one rule document, then nothing: the rule stream stays open as a topic does
        DataGeneratorSource<String> ruleSource = new DataGeneratorSource<>(i -> versionWithBunRule("v" + i),
                Long.MAX_VALUE, parallelism -> new PausingLimiter(1, Long.MAX_VALUE), Types.STRING);
        DataStream<String> rules = env.fromSource(ruleSource, WatermarkStrategy.noWatermarks(), "rules");

        List<Long> seen = ClassifyStage.apply(posts, rules)
                .process(new WatermarkAtEachPost())
                .executeAndCollect(n);

        assertEquals(n, seen.size());
        long first = post(0, "").getPublishedAt().toEpochMilli();
        for (long wm : seen) {
            assertTrue(wm < first + n * 1000L, "watermark beyond the newest post: " + wm);
        }
        // the posts before the pause had their watermark emitted during it (the posts after it may all pass within one
        // watermark interval, so that is the newest one they can be sure to carry)
        assertTrue(seen.get(n - 1) >= first + 19_000 - 1, "watermark held back by the rule stream: " + seen.get(n - 1));
    }

    /** The watermark the classified stream carries when each post passes. */
    private static final class WatermarkAtEachPost
            extends org.apache.flink.streaming.api.functions.ProcessFunction<Post, Long> {
        @Override
        public void processElement(Post post, Context ctx, org.apache.flink.util.Collector<Long> out) {
            out.collect(ctx.timerService().currentWatermark());
        }
    }

    /** Lets records through at once but waits {@code pauseMillis} before record number {@code pauseAt}. */
    private static final class PausingLimiter
            implements org.apache.flink.api.connector.source.util.ratelimit.RateLimiter {
        private final int pauseAt;
        private final long pauseMillis;
        private long acquired;

        PausingLimiter(int pauseAt, long pauseMillis) {
            this.pauseAt = pauseAt;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> acquire(int records) {
            long before = acquired;
            acquired += records;
            if (before > pauseAt || acquired <= pauseAt) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            if (pauseMillis == Long.MAX_VALUE) {
                return new java.util.concurrent.CompletableFuture<>();
            }
            return java.util.concurrent.CompletableFuture.runAsync(() -> { },
                    java.util.concurrent.CompletableFuture.delayedExecutor(pauseMillis,
                            java.util.concurrent.TimeUnit.MILLISECONDS));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {}
    }
}
