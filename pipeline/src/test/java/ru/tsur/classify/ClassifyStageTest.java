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
}
