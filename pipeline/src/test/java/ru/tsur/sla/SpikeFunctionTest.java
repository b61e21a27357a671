package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.tsur.sla.SlaFixtures.post;
import static ru.tsur.sla.SlaFixtures.t;

import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Post;
import ru.tsur.sla.core.AlertIds;

class SpikeFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, Post, Alert> h;
    private int seq;

    @BeforeEach
    void open() throws Exception {
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SpikeFunction(SlaOptions.defaults().withSpike(10, 3.0))),
                SpikeFunction::key, Types.STRING);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void posts(int n, String from, long spacingMs) throws Exception {
        Instant start = t(from);
        for (int i = 0; i < n; i++) {
            Post p = post("p" + (seq++), "i" + seq, start.plusMillis(i * spacingMs).toString().replace("Z", "+00:00"))
                    .build();
            h.processElement(new StreamRecord<>(p, p.getPublishedAt().toEpochMilli()));
        }
    }

    private void watermark(String iso) throws Exception {
        h.processWatermark(new Watermark(t(iso).toEpochMilli()));
    }

    @Test
    void aBurstOverAQuietBaselineRaisesOneSpikeAndTheThrottleHoldsTheNext() throws Exception {
        posts(12, "2026-03-02T00:00:00+03:00", 3_600_000L); // one an hour for 12 h: baseline 1/h
        posts(12, "2026-03-02T12:10:00+03:00", 60_000L);     // 12 in ten minutes
        watermark("2026-03-02T12:25:00+03:00");
        List<Alert> out = h.extractOutputValues();
        assertEquals(1, out.size(), "evaluated at several bucket ends, alerted once");
        Alert a = out.get(0);
        assertEquals("spike", a.getKind());
        assertEquals("46", a.getRegionCode());
        assertEquals("roads", a.getSector());
        assertEquals(t("2026-03-02T12:20:00+03:00"), a.getRaisedAt(), "the bucket end where it crossed 10");
        assertEquals(AlertIds.spike("46", "roads", a.getRaisedAt().toEpochMilli()), a.getAlertId());
        assertTrue(a.getDetail().startsWith("10 posts in the hour"), a.getDetail()); // 12:10–12:19: ten

        posts(30, "2026-03-02T12:30:00+03:00", 30_000L); // even more within the hour: throttled
        watermark("2026-03-02T13:15:00+03:00");
        assertEquals(1, h.extractOutputValues().size());
        posts(60, "2026-03-02T13:20:00+03:00", 10_000L); // an hour after the first spike: may alert again
        watermark("2026-03-02T13:35:00+03:00");
        assertEquals(2, h.extractOutputValues().size());
    }

    @Test
    void stateAndTimersVanishAfterTheHorizon() throws Exception {
        posts(3, "2026-03-02T10:00:00+03:00", 60_000L);
        watermark("2026-03-03T00:00:00+03:00");
        assertEquals(0, h.numEventTimeTimers());
        assertEquals(0, h.numKeyedStateEntries());
        assertEquals(List.of(), h.extractOutputValues());
    }
}
