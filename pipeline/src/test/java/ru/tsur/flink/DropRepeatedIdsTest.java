package ru.tsur.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Post;

/** A repeated id within the horizon of event time is a dead letter; after it the id is forgotten, state and timer. */
class DropRepeatedIdsTest {
    private static final Duration HORIZON = Duration.ofDays(7);
    private final List<Post> posts = new EnrichedStream(5).posts(3);

    private static KeyedOneInputStreamOperatorTestHarness<String, Post, Post> harness(
            KeyedProcessFunction<String, Post, Post> f) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(f), Post::getId,
                BulkStringSerializer.TYPE);
    }

    private static StreamRecord<Post> record(Post p) {
        return new StreamRecord<>(p, p.getPublishedAt().toEpochMilli());
    }

    private static long at(Post p) {
        return p.getPublishedAt().toEpochMilli();
    }

    @Test
    void anIdIsRememberedForTheHorizonOfEventTimeAndThenForgotten() throws Exception {
        Post p = posts.get(0);
        try (var h = harness(new DropRepeatedIds(HORIZON))) {
            h.open();
            h.processElement(record(p));
            h.processElement(record(posts.get(1)));
            assertEquals(2, h.numEventTimeTimers());
            h.processWatermark(at(p) + HORIZON.toMillis() - 1);
            h.processElement(record(p)); // within the horizon: a repeat
            assertEquals("duplicate_id", h.getSideOutput(DeadLetters.TAG).poll().getValue().getReason());
            h.processWatermark(Math.max(at(p), at(posts.get(1))) + HORIZON.toMillis());
            assertEquals(0, h.numKeyedStateEntries(), "both ids forgotten");
            assertEquals(0, h.numEventTimeTimers());
            h.processElement(record(p)); // a redelivery a horizon later passes again, and is remembered again
            assertEquals(List.of(p.getId(), posts.get(1).getId(), p.getId()),
                    h.extractOutputValues().stream().map(Post::getId).toList());
            assertEquals(1, h.numEventTimeTimers());
        }
    }

    @Test
    void aLatePostIsRememberedForAHorizonAfterTheWatermarkNotAfterItsOwnTime() throws Exception {
        Post p = posts.get(0);
        long watermark = at(p) + 30L * 24 * 3600 * 1000; // the post comes a month late (a backfill)
        try (var h = harness(new DropRepeatedIds(HORIZON))) {
            h.open();
            h.processWatermark(watermark);
            h.processElement(record(p));
            h.processWatermark(watermark + HORIZON.toMillis() - 1);
            h.processElement(record(p));
            assertEquals(1, h.extractOutputValues().size());
            assertEquals("duplicate_id", h.getSideOutput(DeadLetters.TAG).poll().getValue().getReason());
        }
    }

    @Test
    void aSavepointOfTheProcessingTimeTtlVersionStillDropsItsIds() throws Exception {
        OperatorSubtaskState before;
        try (var h = harness(new LegacyDropRepeatedIds())) {
            h.open();
            h.processElement(record(posts.get(0)));
            before = h.snapshot(1, 1);
        }
        try (var h = harness(new DropRepeatedIds(HORIZON))) {
            h.initializeState(before);
            h.open();
            h.processElement(record(posts.get(0))); // accepted before the upgrade: a repeat
            h.processElement(record(posts.get(1)));
            assertEquals(List.of(posts.get(1).getId()), h.extractOutputValues().stream().map(Post::getId).toList());
            assertEquals("duplicate_id", h.getSideOutput(DeadLetters.TAG).poll().getValue().getReason());
        }
    }

    /** The state of DropRepeatedIds before 2026-12-07: a flag per id under a processing-time TTL. */
    private static final class LegacyDropRepeatedIds extends KeyedProcessFunction<String, Post, Post> {
        private transient ValueState<Boolean> seen;

        @Override
        public void open(OpenContext ctx) {
            ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Boolean.class);
            d.enableTimeToLive(StateTtl.expireAfterWrite(HORIZON));
            seen = getRuntimeContext().getState(d);
        }

        @Override
        public void processElement(Post p, Context ctx, Collector<Post> out) throws Exception {
            seen.update(Boolean.TRUE);
            out.collect(p);
        }
    }
}
