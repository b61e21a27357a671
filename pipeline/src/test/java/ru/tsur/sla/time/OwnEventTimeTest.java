package ru.tsur.sla.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class OwnEventTimeTest {
    @Test
    void recordsPassUpstreamWatermarksDoNotAndTheEndOfInputEndsTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, String> h =
                new OneInputStreamOperatorTestHarness<>(new OwnEventTime<String>())) {
            h.open();
            h.processElement(new StreamRecord<>("a", 5L));
            h.processWatermark(new Watermark(Long.MAX_VALUE)); // leaked from upstream: must not reach the SLA stage
            h.processElement(new StreamRecord<>("b", 7L));
            h.processWatermark(new Watermark(100L));
            assertEquals(List.of("a", "b"), h.extractOutputValues());
            assertEquals(2, h.getOutput().size(), "no watermark passed: " + h.getOutput());
            h.endInput();
            assertEquals(List.of("a", "b", new Watermark(Long.MAX_VALUE)), h.getOutput().stream().map(o -> o instanceof StreamRecord<?> r ? r.getValue() : o).toList());
        }
    }
}
