package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.tsur.sla.SlaFixtures.post;
import static ru.tsur.sla.SlaFixtures.t;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tsur.flink.BulkStringSerializer;
import ru.tsur.flink.StateTtl;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;

class PostIdResolverTest {
    private KeyedOneInputStreamOperatorTestHarness<String, SlaInput, SlaInput> h;

    @BeforeEach
    void open() throws Exception {
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PostIdResolver(SlaOptions.defaults())), SlaInput::lookupKey,
                Types.STRING);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private static IncidentEvent byPost(String postId, String type, String at) {
        return IncidentEvent.newBuilder().setPostId(postId).setType(type).setAt(t(at)).build();
    }

    private void send(Post p) throws Exception {
        h.processElement(new StreamRecord<>(SlaInput.of(p), p.getPublishedAt().toEpochMilli()));
    }

    private void send(IncidentEvent e) throws Exception {
        h.processElement(new StreamRecord<>(SlaInput.of(e), e.getAt().toEpochMilli()));
    }

    private List<IncidentEvent> resolved() {
        return h.extractOutputValues().stream().filter(in -> in.event != null).map(in -> in.event).toList();
    }

    private List<Post> routedPosts() {
        return h.extractOutputValues().stream().filter(in -> in.post != null).map(in -> in.post).toList();
    }

    @Test
    void anEventNamingAPostFindsItsIncidentEvenWhenItArrivesFirst() throws Exception {
        send(post("vk:1", "inc-A", "2026-03-02T10:00:00+03:00").build());
        send(byPost("vk:1", "accepted", "2026-03-02T10:10:00+03:00"));
        send(byPost("tg:7", "answered", "2026-03-02T10:11:00+03:00")); // its post is not here yet
        send(post("tg:7", "inc-B", "2026-03-02T10:09:00+03:00").build());
        assertEquals(List.of("inc-A", "inc-B"), resolved().stream().map(IncidentEvent::getIncidentId).toList());
        assertEquals(2, h.numEventTimeTimers(), "the wait for tg:7 is over; each post's own expiry remains");
    }

    @Test
    void aPostIsForgottenThePostIdTtlOfEventTimeAfterIt() throws Exception {
        Post p = post("vk:1", "inc-A", "2026-03-02T10:00:00+03:00").build();
        send(p);
        long until = p.getPublishedAt().toEpochMilli() + SlaOptions.defaults().postIdTtl().toMillis();
        h.processWatermark(new Watermark(until - 1));
        send(byPost("vk:1", "accepted", "2026-03-02T10:10:00+03:00"));
        assertEquals(List.of("inc-A"), resolved().stream().map(IncidentEvent::getIncidentId).toList());
        h.processWatermark(new Watermark(until));
        assertEquals(0, h.numKeyedStateEntries());
        assertEquals(0, h.numEventTimeTimers());
        send(byPost("vk:1", "answered", "2026-04-02T10:10:00+03:00")); // too late: it waits, and nobody comes
        assertEquals(1, resolved().size());
    }

    @Test
    void aSavepointOfTheProcessingTimeTtlVersionStillResolvesItsPosts() throws Exception {
        OperatorSubtaskState before;
        try (var old = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LegacyResolver()),
                SlaInput::lookupKey, Types.STRING)) {
            old.open();
            old.processElement(new StreamRecord<>(SlaInput.of(post("vk:1", "inc-A", "2026-03-02T10:00:00+03:00")
                    .setOfficial(true).build()), 1));
            before = old.snapshot(1, 1);
        }
        h.close();
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PostIdResolver(SlaOptions.defaults())), SlaInput::lookupKey,
                Types.STRING);
        h.initializeState(before);
        h.open();
        send(byPost("vk:1", "accepted", "2026-03-02T10:10:00+03:00"));
        Post citizen = post("vk:5", null, "2026-03-02T12:05:00+03:00").setActionable(false).setReplyTo("vk:1").build();
        send(citizen);
        assertEquals(List.of("inc-A"), resolved().stream().map(IncidentEvent::getIncidentId).toList());
        assertEquals(List.of("vk:5"), routedPosts().stream().map(Post::getId).toList(),
                "a citizen's reply to an official post of the incident joins it");
    }

    /** The state of PostIdResolver before 2026-12-07: incident and official flag of a post, processing-time TTL. */
    private static final class LegacyResolver extends KeyedProcessFunction<String, SlaInput, SlaInput> {
        private transient ValueState<String> incidentOf;
        private transient ValueState<Boolean> official;

        @Override
        public void open(OpenContext ctx) {
            StateTtlConfig ttl = StateTtl.expireAfterWrite(Duration.ofDays(30));
            ValueStateDescriptor<String> inc = new ValueStateDescriptor<>("incident-of-post", BulkStringSerializer.TYPE);
            inc.enableTimeToLive(ttl);
            incidentOf = getRuntimeContext().getState(inc);
            ValueStateDescriptor<Boolean> off = new ValueStateDescriptor<>("post-is-official", Boolean.class);
            off.enableTimeToLive(ttl);
            official = getRuntimeContext().getState(off);
        }

        @Override
        public void processElement(SlaInput in, Context ctx, Collector<SlaInput> out) throws Exception {
            incidentOf.update(in.post.getIncidentId());
            official.update(in.post.getOfficial());
        }
    }

    @Test
    void anEventForAPostNobodyKnowsBecomesADeadLetterAfterTheWait() throws Exception {
        send(byPost("vk:404", "accepted", "2026-03-02T10:10:00+03:00"));
        h.processWatermark(new Watermark(t("2026-03-02T11:09:59+03:00").toEpochMilli()));
        assertEquals(null, h.getSideOutput(SlaTags.DEAD));
        h.processWatermark(new Watermark(t("2026-03-02T11:10:00+03:00").toEpochMilli()));
        assertEquals("unknown_post", h.getSideOutput(SlaTags.DEAD).peek().getValue().getReason());
        assertEquals(0, h.numKeyedStateEntries());
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void officialRepliesAndRepliesToOfficialPostsReachTheIncident() throws Exception {
        send(post("vk:1", "inc-A", "2026-03-02T10:00:00+03:00").build());
        Post official = post("vk:2", null, "2026-03-02T12:00:00+03:00").setOfficial(true).setActionable(false)
                .setReplyTo("vk:1").build();
        send(official);
        Post chatter = post("vk:3", null, "2026-03-02T12:05:00+03:00").setActionable(false).setReplyTo("vk:1").build();
        send(chatter);
        List<Post> out = routedPosts();
        assertEquals(List.of("vk:1", "vk:2"), out.stream().map(Post::getId).toList(),
                "a plain comment under a complaint is not routed");
        assertEquals("inc-A", out.get(1).getIncidentId());
    }
}
