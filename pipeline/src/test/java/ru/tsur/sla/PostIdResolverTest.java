package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.tsur.sla.SlaFixtures.post;
import static ru.tsur.sla.SlaFixtures.t;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
        assertEquals(0, h.numEventTimeTimers());
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
