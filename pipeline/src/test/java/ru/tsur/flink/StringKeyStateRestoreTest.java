package ru.tsur.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Post;

/**
 * Keyed state and timers written under Flink's {@code Types.STRING} key (every savepoint before the bulk key
 * serializer) restore under {@link BulkStringSerializer#TYPE}, and back: the keys, a TTL value and an event-time timer
 * of each key all survive.
 */
class StringKeyStateRestoreTest {

    private final List<Post> posts = new EnrichedStream(3).posts(2);

    @Test
    void repeatedIdsStayRepeatedAcrossTheKeySerializerChange() throws Exception {
        assertRepeatedIdKept(Types.STRING, BulkStringSerializer.TYPE);
        assertRepeatedIdKept(BulkStringSerializer.TYPE, Types.STRING);
    }

    @Test
    void timersFireForTheirKeysAfterTheChange() throws Exception {
        assertTimerKept(Types.STRING, BulkStringSerializer.TYPE);
        assertTimerKept(BulkStringSerializer.TYPE, Types.STRING);
    }

    private void assertRepeatedIdKept(TypeInformation<String> before, TypeInformation<String> after) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = dropRepeated(before)) {
            h.open();
            h.processElement(new StreamRecord<>(posts.get(0), 1));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = dropRepeated(after)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>(posts.get(0), 2)); // seen before the restore: a dead letter
            h.processElement(new StreamRecord<>(posts.get(1), 3));
            assertEquals(List.of(posts.get(1).getId()), h.extractOutputValues().stream().map(Post::getId).toList());
            assertEquals("duplicate_id", h.getSideOutput(DeadLetters.TAG).poll().getValue().getReason());
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Post, Post> dropRepeated(TypeInformation<String> key)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DropRepeatedIds(Duration.ofDays(7))), Post::getId, key);
    }

    private void assertTimerKept(TypeInformation<String> before, TypeInformation<String> after) throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = echoAtTimer(before)) {
            h.open();
            h.processElement(new StreamRecord<>("vk:wall-1_2", 10));
            h.processElement(new StreamRecord<>("Ямы на дороге", 20));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = echoAtTimer(after)) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(100);
            assertEquals(List.of("vk:wall-1_2@10", "Ямы на дороге@20"), h.extractOutputValues());
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> echoAtTimer(
            TypeInformation<String> key) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new EchoAtTimer()), s -> s, key);
    }

    /** Registers an event-time timer at the record's time and emits its key when the timer fires. */
    private static final class EchoAtTimer extends KeyedProcessFunction<String, String, String> {
        @Override
        public void processElement(String value, Context ctx, Collector<String> out) {
            ctx.timerService().registerEventTimeTimer(ctx.timestamp());
        }

        @Override
        public void onTimer(long ts, OnTimerContext ctx, Collector<String> out) {
            out.collect(ctx.getCurrentKey() + "@" + ts);
        }
    }
}
