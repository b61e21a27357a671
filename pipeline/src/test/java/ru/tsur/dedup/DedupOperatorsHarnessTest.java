package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.Post;

/** The keyed operators one at a time, with controlled watermarks: ordering, decisions and state clean-up. */
class DedupOperatorsHarnessTest {
    private static final DedupOptions OPTS = DedupOptions.DEFAULT.withHorizon(Duration.ofDays(7));
    private static final long DAY = 86_400_000L;
    private static final String TEXT = "Контейнерная площадка у дома Ленина 21 завалена мусором уже неделю. Вывоз не "
            + "приезжает, мешки растаскивают собаки и вороны по всему двору. Региональный оператор, вы вообще работаете?";

    private static KeyedOneInputStreamOperatorTestHarness<Integer, BandProbe, Vote> bands() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new BandShardOperator(OPTS), (BandProbe p) -> p.shardKey,
                Types.INT);
        h.open();
        return h;
    }

    private static long checkpoint = 0;

    /**
     * Keyed state entries after a checkpoint: the band operator keeps its shards on the heap and writes the changed
     * ones to keyed state when a checkpoint is taken, so that is when its state can be counted.
     */
    private static int entriesAtCheckpoint(KeyedOneInputStreamOperatorTestHarness<Integer, BandProbe, Vote> h)
            throws Exception {
        h.snapshot(++checkpoint, checkpoint);
        return h.numKeyedStateEntries();
    }

    /** The first shard probe of a post (copies of TEXT have the same sketch, so the same shards). */
    private static BandProbe probe(String id, long ts, String text) {
        return probes(Posts.post(id, 0, text).setPublishedAt(java.time.Instant.ofEpochMilli(ts)).build()).get(0);
    }

    /** Every probe of a post, one per shard of its bands. */
    private static List<BandProbe> probes(Post post) {
        List<BandProbe> out = new ArrayList<>();
        SketchPosts fn = new SketchPosts(OPTS);
        fn.open(null);
        fn.probes(post, new org.apache.flink.api.common.functions.util.ListCollector<>(out));
        return out;
    }


    /** The records an operator emitted (watermarks left out). */
    @SuppressWarnings("unchecked")
    private static <T> List<T> emitted(KeyedOneInputStreamOperatorTestHarness<?, ?, T> h) {
        List<T> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((T) r.getValue());
            }
        }
        return out;
    }

    @Test
    void bucketStateReturnsToZeroAfterTheHorizon() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        BandShardOperator op = new BandShardOperator(OPTS);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(op, (BandProbe p) -> p.shardKey, Types.INT)) {
            h.open();
            h.processElement(probe("vk:1", t0, TEXT), t0);
            h.processElement(probe("tg:2", t0 + DAY, "Репост: " + TEXT), t0 + DAY);
            h.processWatermark(t0 + DAY);
            assertTrue(entriesAtCheckpoint(h) > 0);
            assertEquals(2, op.storedPosts(), "both posts held in their shard (the gauge dedup.storedPosts)");
            h.processWatermark(t0 + 7 * DAY);
            assertTrue(entriesAtCheckpoint(h) > 0, "the second post is still within its horizon");
            h.processWatermark(t0 + 9 * DAY); // expiry runs on a grid of a sixteenth of the horizon
            assertEquals(0, entriesAtCheckpoint(h), "every entry expired, the buffer is empty");
            assertEquals(0, op.storedPosts());
            assertEquals(0, h.numEventTimeTimers());
            List<Vote> v = emitted(h);
            assertEquals(2, v.size());
            assertNull(v.get(0).rootId);
            assertEquals("vk:1", v.get(1).rootId);
            assertTrue(v.get(1).exact);
        }
    }

    @Test
    void aWatermarkJumpingPastTheHorizonStillStoresThePostsItReleases() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        try (var h = bands()) {
            h.processElement(probe("vk:1", t0, TEXT), t0);
            h.processElement(probe("tg:2", t0 + 6 * DAY, "Репост: " + TEXT), t0 + 6 * DAY);
            h.processWatermark(t0 + 8 * DAY); // vk:1 expires at t0 + 7 days, before this watermark
            List<Vote> v = emitted(h);
            assertEquals(2, v.size());
            assertEquals("vk:1", v.get(1).rootId, "the copy within the horizon joins the first post");
            h.processWatermark(t0 + 14 * DAY);
            assertEquals(0, entriesAtCheckpoint(h), "both entries expired");
        }
    }

    @Test
    void probesWaitForTheWatermarkAndAreDecidedInPublicationOrder() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        try (var h = bands()) {
            h.processElement(probe("ok:late", t0 + 60_000, TEXT + " Позор!"), t0 + 60_000);
            h.processElement(probe("vk:first", t0, TEXT), t0);
            assertTrue(emitted(h).isEmpty(), "nothing is decided before the watermark");
            h.processWatermark(t0 + 60_000);
            List<Vote> v = emitted(h);
            assertEquals(List.of("vk:first", "ok:late"), v.stream().map(x -> x.postId).toList());
            assertEquals("vk:first", v.get(1).rootId);
        }
    }

    @Test
    void aCopyOlderThanTheHorizonDoesNotMerge() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        try (var h = bands()) {
            h.processElement(probe("vk:1", t0, TEXT), t0);
            h.processWatermark(t0);
            h.processElement(probe("vk:2", t0 + 7 * DAY + 1, TEXT), t0 + 7 * DAY + 1);
            h.processWatermark(t0 + 7 * DAY + 1);
            assertNull(emitted(h).get(1).rootId);
        }
    }

    @Test
    void aPostArrivingAfterItsHorizonVotesAndIsForgottenAtTheNextWatermark() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        try (var h = bands()) {
            h.processWatermark(t0 + 10 * DAY);
            h.processElement(probe("vk:old", t0, TEXT), t0);
            assertEquals(1, emitted(h).size());
            h.processWatermark(t0 + 10 * DAY + 1);
            assertEquals(0, entriesAtCheckpoint(h));
            assertEquals(0, h.numEventTimeTimers());
        }
    }

    /** Every probe of a post as records of the band operator's input. */
    private static List<BandProbe> allProbes(String id, long ts, String text) {
        return probes(Posts.post(id, 0, text).setPublishedAt(java.time.Instant.ofEpochMilli(ts)).build());
    }

    @Test
    void shardsRestoredFromACheckpointStillFindTheirCopies() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        OperatorSubtaskState snapshot;
        try (var h = bands()) {
            for (BandProbe p : allProbes("vk:1", t0, TEXT)) {
                h.processElement(p, t0);
            }
            h.processWatermark(t0);
            snapshot = h.snapshot(1, 1);
        }
        List<BandProbe> copy = allProbes("tg:2", t0 + DAY, "Репост: " + TEXT);
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(new BandShardOperator(OPTS),
                (BandProbe p) -> p.shardKey, Types.INT)) {
            restored.initializeState(snapshot);
            restored.open();
            for (BandProbe p : copy) {
                restored.processElement(p, t0 + DAY);
            }
            restored.processWatermark(t0 + DAY);
            List<Vote> votes = emitted(restored);
            assertEquals(copy.size(), votes.size());
            for (Vote v : votes) {
                assertEquals("vk:1", v.rootId, "every shard remembers the first post after the restore");
                assertTrue(v.exact);
            }
        }
        try (var fresh = bands()) { // the control: without the restored state the copy finds nothing
            for (BandProbe p : copy) {
                fresh.processElement(p, t0 + DAY);
            }
            fresh.processWatermark(t0 + DAY);
            assertTrue(emitted(fresh).stream().allMatch(v -> v.rootId == null));
        }
    }

    @Test
    void aCheckpointAddsOnlyTheNewPostsAndARestoreReplaysEveryCheckpointsPosts() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        String other = "Во дворе дома 5 на улице Мира третью неделю не вывозят мусор, контейнеры переполнены";
        OperatorSubtaskState snapshot;
        BandShardOperator op = new BandShardOperator(OPTS);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(op, (BandProbe p) -> p.shardKey, Types.INT)) {
            h.open();
            List<BandProbe> first = allProbes("vk:1", t0, TEXT);
            for (BandProbe p : first) {
                h.processElement(p, t0);
            }
            h.processWatermark(t0);
            h.snapshot(++checkpoint, checkpoint);
            assertEquals(first.size(), op.logSegments(), "one segment per shard the post was stored in");
            List<BandProbe> second = allProbes("vk:2", t0 + DAY, other);
            for (BandProbe p : second) {
                h.processElement(p, t0 + DAY);
            }
            h.processWatermark(t0 + DAY);
            h.snapshot(++checkpoint, checkpoint);
            assertEquals(first.size() + second.size(), op.logSegments(), "the second checkpoint only adds");
            snapshot = h.snapshot(++checkpoint, checkpoint);
            assertEquals(first.size() + second.size(), op.logSegments(), "nothing stored since: no new segment");
            // vk:1's segments go when vk:1 expires (a horizon after it, on the sixteenth-of-a-horizon grid)
            h.processWatermark(t0 + 7 * DAY + DAY / 2);
            assertEquals(second.size(), op.logSegments(), "vk:1's segments removed");
        }
        try (var restored = new KeyedOneInputStreamOperatorTestHarness<>(new BandShardOperator(OPTS),
                (BandProbe p) -> p.shardKey, Types.INT)) {
            restored.initializeState(snapshot);
            restored.open();
            List<BandProbe> copies = new ArrayList<>(allProbes("tg:3", t0 + 2 * DAY, "Репост: " + TEXT));
            copies.addAll(allProbes("tg:4", t0 + 2 * DAY, "Репост: " + other));
            for (BandProbe p : copies) {
                restored.processElement(p, t0 + 2 * DAY);
            }
            restored.processWatermark(t0 + 2 * DAY);
            for (Vote v : emitted(restored)) {
                assertEquals(v.postId.equals("tg:3") ? "vk:1" : "vk:2", v.rootId,
                        "posts of both checkpoints are found after the restore: " + v.postId);
            }
            assertEquals(copies.size(), emitted(restored).size());
        }
    }

    @Test
    void shardsMoveWithTheirKeyGroupsWhenTheJobIsRescaled() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        int maxParallelism = BandShards.MAX_PARALLELISM;
        OperatorSubtaskState snapshot;
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new BandShardOperator(OPTS),
                (BandProbe p) -> p.shardKey, Types.INT, maxParallelism, 1, 0)) {
            h.open();
            for (BandProbe p : allProbes("vk:1", t0, TEXT)) {
                h.processElement(p, t0);
            }
            h.processWatermark(t0);
            snapshot = h.snapshot(1, 1);
        }
        List<BandProbe> copy = allProbes("tg:2", t0 + DAY, "Репост: " + TEXT);
        int votes = 0;
        for (int task = 0; task < 2; task++) {
            OperatorSubtaskState part = AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot,
                    maxParallelism, 1, 2, task);
            try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new BandShardOperator(OPTS),
                    (BandProbe p) -> p.shardKey, Types.INT, maxParallelism, 2, task)) {
                h.initializeState(part);
                h.open();
                for (BandProbe p : copy) {
                    if (KeyGroupRangeAssignment.assignKeyToParallelOperator(p.shardKey, maxParallelism, 2) == task) {
                        h.processElement(p, t0 + DAY);
                    }
                }
                h.processWatermark(t0 + DAY);
                for (Vote v : emitted(h)) {
                    assertEquals("vk:1", v.rootId, "shard " + v.postId + " on task " + task);
                    votes++;
                }
            }
        }
        assertEquals(copy.size(), votes, "every shard voted once, on the task that owns it now");
    }

    /**
     * A post's band votes reach the resolver over different channels, and the watermark may pass the post's time
     * plus the horizon between two of them: a post older than the horizon, or (before the rule-set stream went idle)
     * a maximal watermark that one band subtask forwarded before the post's probe reached it. The tally must survive
     * the jump; an event-time clean-up timer cleared it there, and the post was never emitted (the broker-restart
     * test lost 186 of 6,000 posts so).
     */
    @Test
    void votesStraddlingAWatermarkJumpStillResolveThePost() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        for (long jump : new long[] {t0 + 8 * DAY, Long.MAX_VALUE}) {
            Post post = Posts.post("vk:1", 0, TEXT).build();
            List<BandProbe> probes = probes(post);
            assertTrue(probes.size() > 1, "an indexable post votes in every shard of its bands");
            try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                    new KeyedProcessOperator<>(new VoteResolver(OPTS)), (Vote v) -> v.postId, Types.STRING)) {
                h.open();
                h.processElement(Vote.of(probes.get(0), null), t0);
                h.processElement(Vote.carrying(post, probes.size()), t0);
                h.processWatermark(jump);
                for (BandProbe p : probes.subList(1, probes.size())) {
                    h.processElement(Vote.of(p, null), t0);
                }
                List<Post> out = emitted(h);
                assertEquals(List.of("vk:1"), out.stream().map(Post::getId).toList(), "watermark " + jump);
                assertEquals("new", out.get(0).getDedupMethod());
                assertEquals(0, h.numKeyedStateEntries(), "the tally is cleared on completion");
                assertEquals(0, h.numEventTimeTimers());
            }
        }
    }

    @Test
    void theResolverWaitsForThePostItselfAsWellAsEveryShardsVote() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        Post post = Posts.post("vk:1", 0, TEXT).build();
        List<BandProbe> probes = probes(post);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new VoteResolver(OPTS)), (Vote v) -> v.postId, Types.STRING)) {
            h.open();
            for (BandProbe p : probes) {
                h.processElement(Vote.of(p, new CopyMatch("vk:0", t0 - 1, false)), t0);
            }
            assertTrue(emitted(h).isEmpty(), "every shard voted, but the post has not arrived");
            h.processElement(Vote.carrying(post, probes.size()), t0);
            List<Post> out = emitted(h);
            assertEquals(1, out.size());
            assertEquals("inc:vk:0", out.get(0).getIncidentId());
            assertEquals("near", out.get(0).getDedupMethod());
            assertEquals(0, h.numKeyedStateEntries());
        }
    }

    @Test
    void threadLinkerJoinsRepostsAndOfficialAnswersAndForgetsTheThread() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ThreadLinker(OPTS)),
                ThreadLinker::threadKey, Types.STRING);
        h.open();
        long t0 = Posts.T0.toEpochMilli();
        Post original = DedupDecision.byText("vk:1", null).applyTo(Posts.post("vk:1", 0, TEXT).build());
        Post repost = DedupDecision.byText("vk:2", null).applyTo(
                Posts.post("vk:2", 5, "Присоединяюсь!").setRepostOf("vk:1").build());
        Post answer = Posts.post("vk:3", 90, "Здравствуйте! Передали региональному оператору, вывоз сегодня.")
                .setReplyTo("vk:1").setOfficial(true).setActionable(false).build();
        Post noise = Posts.post("vk:4", 95, "Реклама: натяжные потолки недорого").setActionable(false).build();
        h.processElement(repost, t0 + 5 * 60_000);
        h.processElement(original, t0);
        h.processElement(answer, t0 + 90 * 60_000);
        h.processElement(noise, t0 + 95 * 60_000);
        h.processWatermark(t0 + DAY);
        List<Post> out = emitted(h);
        assertEquals(4, out.size());
        assertEquals("new", out.get(0).getDedupMethod());
        assertEquals("inc:vk:1", out.get(0).getIncidentId());
        assertEquals("repost", out.get(1).getDedupMethod());
        assertEquals("inc:vk:1", out.get(1).getIncidentId());
        assertEquals("vk:1", out.get(1).getDuplicateOf());
        assertEquals("reply", out.get(2).getDedupMethod());
        assertEquals("inc:vk:1", out.get(2).getIncidentId());
        assertEquals("noise", out.get(3).getDedupMethod());
        assertNull(out.get(3).getIncidentId());
        assertTrue(h.numKeyedStateEntries() > 0);
        h.processWatermark(t0 + 9 * DAY);
        assertEquals(0, h.numKeyedStateEntries());
        h.close();
    }

    @Test
    void aRepostStampedBeforeItsOriginalDoesNotJoinItWhicheverArrivesFirst() throws Exception {
        long t0 = Posts.T0.toEpochMilli();
        Post original = DedupDecision.byText("vk:1", null).applyTo(Posts.post("vk:1", 10, TEXT).build());
        // a platform clock behind the other's: the repost says it was published before the post it reposts
        Post early = DedupDecision.byText("vk:2", null).applyTo(
                Posts.post("vk:2", 5, "Присоединяюсь!").setRepostOf("vk:1").build());
        for (boolean originalFirst : new boolean[] {true, false}) {
            var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ThreadLinker(OPTS)),
                    ThreadLinker::threadKey, Types.STRING);
            h.open();
            if (originalFirst) {
                h.processElement(original, t0 + 10 * 60_000);
            }
            h.processElement(early, t0 + 5 * 60_000);
            if (!originalFirst) {
                h.processElement(original, t0 + 10 * 60_000);
            }
            h.processWatermark(t0 + DAY);
            java.util.Map<String, Post> out = new java.util.HashMap<>();
            emitted(h).forEach(p -> out.put(p.getId(), p));
            assertEquals("new", out.get("vk:1").getDedupMethod());
            assertEquals("inc:vk:2", out.get("vk:2").getIncidentId(),
                    "in publication order the repost came first: an incident of its own (original first: " + originalFirst + ")");
            h.close();
        }
    }
}
