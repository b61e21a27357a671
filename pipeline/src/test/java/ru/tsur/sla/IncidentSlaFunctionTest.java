package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.tsur.sla.SlaFixtures.event;
import static ru.tsur.sla.SlaFixtures.post;
import static ru.tsur.sla.SlaFixtures.t;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;
import ru.tsur.sla.core.SlaClock;

/** The keyed SLA operator driven by event time, as Flink would run it (state, timers, side outputs). */
class IncidentSlaFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, SlaInput, Incident> h;

    private static KeyedOneInputStreamOperatorTestHarness<String, SlaInput, Incident> harness(
            SlaOptions opts) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IncidentSlaFunction(opts)), SlaInput::incidentKey, Types.STRING);
    }

    private void start(SlaOptions opts) throws Exception {
        h = harness(opts);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private void send(Post p) throws Exception {
        h.processElement(new StreamRecord<>(SlaInput.of(p), p.getPublishedAt().toEpochMilli()));
    }

    private void send(IncidentEvent e) throws Exception {
        h.processElement(new StreamRecord<>(SlaInput.of(e), e.getAt().toEpochMilli()));
    }

    private void watermark(String iso) throws Exception {
        h.processWatermark(new Watermark(t(iso).toEpochMilli()));
    }

    private List<String> alerts() {
        return alertRecords().stream().map(a -> a.getKind() + "@" + a.getLevel()).toList();
    }

    private List<Alert> alertRecords() {
        var q = h.getSideOutput(SlaTags.ALERTS);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    private List<Incident> versions() {
        return h.extractOutputValues();
    }

    @Test
    void clockAndInputAreFlinkPojosNotKryo() {
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(SlaClock.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(SlaInput.class));
    }

    @Test
    void criticalFiresAfterOneHourOfEventTimeAndOnlyThen() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T02:00:00+03:00").setSeverity("critical").build());
        assertEquals(1, h.numEventTimeTimers(), "one coalesced timer for three deadlines");
        watermark("2026-03-02T02:59:59+03:00");
        assertEquals(List.of(), alerts());
        watermark("2026-03-02T03:00:00+03:00");
        assertEquals(List.of("critical_overdue@0", "escalated@1"), alerts());
        assertEquals(List.of(1, 2), versions().stream().map(Incident::getVersion).toList());
        assertEquals(1, h.numEventTimeTimers(), "the next deadline (reaction) is armed");
    }

    @Test
    void reactionOverdueAt8hThenAnswerOverdueAfter8WorkingDays() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").setRegionCode("77").setRegion("Москва")
                .setMunicipality("Москва").build());
        watermark("2026-03-13T23:59:59+03:00");
        assertEquals(List.of("reaction_overdue@0"), alerts());
        watermark("2026-03-14T00:00:00+03:00");
        assertEquals(List.of("reaction_overdue@0", "answer_overdue@0", "escalated@1"), alerts());
    }

    @Test
    void answerClosesIncidentAndLeavesNoTimersAndOnlyTheReopenSnapshot() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build());
        send(event("i1", "accepted", "2026-03-02T10:10:00+03:00"));
        send(event("i1", "answered", "2026-03-02T12:00:00+03:00"));
        assertEquals(0, h.numEventTimeTimers());
        assertEquals(2, h.numKeyedStateEntries(), "incident snapshot + clock (official ids), both under TTL");
        watermark("2026-04-30T00:00:00+03:00");
        assertEquals(List.of(), alerts(), "nothing fires for a closed incident");
        assertEquals(List.of("open", "accepted", "answered"), versions().stream().map(Incident::getStatus).toList());

        // after the reopen window the snapshot is gone: a reopen now finds no incident
        h.setStateTtlProcessingTime(Duration.ofDays(31).toMillis());
        send(event("i1", "reopened", "2026-04-30T10:00:00+03:00"));
        watermark("2026-04-30T12:00:00+03:00");
        assertEquals("unknown_incident", h.getSideOutput(SlaTags.DEAD).peek().getValue().getReason());
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void reopenRestartsDeadlinesOneLevelUp() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").build());
        send(event("i1", "resolved", "2026-03-02T11:00:00+03:00"));
        assertEquals(0, h.numEventTimeTimers());
        send(event("i1", "reopened", "2026-03-03T09:00:00+03:00"));
        assertEquals(1, h.numEventTimeTimers());
        watermark("2026-03-03T15:00:00+03:00"); // 6 h (region 46 roads) after the reopen
        assertEquals(List.of("reopened@1", "reaction_overdue@1"), alerts());
        Incident last = versions().get(versions().size() - 1);
        assertEquals(1, last.getEscalationLevel());
        assertEquals("reopened", last.getStatus());
    }

    @Test
    void eventThatOvertakesItsPostWaitsAndUnknownIncidentsBecomeDeadLetters() throws Exception {
        start(SlaOptions.defaults());
        send(event("i1", "accepted", "2026-03-02T10:05:00+03:00"));
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").build());
        assertEquals("accepted", versions().get(versions().size() - 1).getStatus());
        send(event("nope", "answered", "2026-03-02T10:06:00+03:00"));
        watermark("2026-03-02T11:06:00+03:00");
        var dead = h.getSideOutput(SlaTags.DEAD);
        assertEquals(1, dead.size());
        assertEquals("unknown_incident", dead.peek().getValue().getReason());
    }

    @Test
    void latePostsAreAppliedCountedAndTheirPassedDeadlinesFireAtTheNextWatermark() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").build());
        watermark("2026-03-02T10:30:00+03:00");
        send(post("p0", "i1", "2026-03-02T10:29:00+03:00").build());
        send(post("p2", "i1", "2026-03-02T10:31:00+03:00").build());
        assertEquals(1, h.getSideOutput(SlaTags.LATE).size());
        assertEquals(3, versions().get(versions().size() - 1).getPostCount(), "the late copy joined its incident");

        // a quiet night: the SLA clock followed the wall clock to 12:30, then a critical complaint of 11:00 arrives
        watermark("2026-03-02T12:30:00+03:00");
        send(post("p9", "i9", "2026-03-02T11:00:00+03:00").setSeverity("critical").build());
        assertEquals(2, h.getSideOutput(SlaTags.LATE).size());
        assertTrue(alerts().isEmpty(), "nothing fires before the clock moves");
        watermark("2026-03-02T12:31:00+03:00");
        assertEquals(List.of("critical_overdue@0", "escalated@1"), alerts(), "its passed 1 h deadline fires at once");
        assertEquals("2026-03-02T09:00:00Z", alertRecords().get(0).getRaisedAt().toString(), "at its deadline");
    }

    @Test
    void offlineAsOfFiresDeadlinesUpToItOnly() throws Exception {
        start(SlaOptions.offline(t("2026-03-02T17:00:00+03:00"), "events.jsonl"));
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build());
        send(post("p2", "i2", "2026-03-02T12:00:00+03:00").build());
        h.processWatermark(new Watermark(Long.MAX_VALUE)); // end of the input files
        // i1: critical 11:00 and reaction 16:00 fire; i2: reaction 18:00 lies after --as-of
        assertEquals(List.of("critical_overdue@0", "escalated@1", "reaction_overdue@1"), alerts());
        assertTrue(alertRecords().stream().allMatch(a -> "i1".equals(a.getIncidentId())));
    }

    @Test
    void alertIdsAreStableAcrossARestoreFromASnapshot() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build());
        watermark("2026-03-02T11:00:00+03:00");
        List<Alert> before = alertRecords();
        OperatorSubtaskState snap = h.snapshot(1L, 1L);
        watermark("2026-03-02T16:00:00+03:00");
        List<String> firstRun = alertRecords().stream().map(Alert::getAlertId).toList();
        h.close();

        h = harness(SlaOptions.defaults());
        h.initializeState(snap);
        h.open();
        watermark("2026-03-02T16:00:00+03:00");
        List<String> afterRestore = alertRecords().stream().map(Alert::getAlertId).toList();
        assertEquals(firstRun.subList(before.size(), firstRun.size()), afterRestore,
                "the replayed part of the run raises the very same alerts");
        assertEquals(1, afterRestore.size());
    }

    @Test
    void aLateAnswerDoesNotEraseTheDeadlinesItMissedEvenBeforeTheWatermarkPassesThem() throws Exception {
        start(SlaOptions.defaults());
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build());
        send(event("i1", "answered", "2026-03-02T20:00:00+03:00")); // no watermark yet: a quiet night, then this
        assertEquals(List.of("critical_overdue@0", "escalated@1", "reaction_overdue@1"), alerts());
        assertEquals("answered", versions().get(versions().size() - 1).getStatus());
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void offlineCatchUpStopsAtAsOfToo() throws Exception {
        start(SlaOptions.offline(t("2026-03-02T10:30:00+03:00"), "events.jsonl"));
        send(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build());
        send(event("i1", "answered", "2026-03-02T20:00:00+03:00"));
        assertEquals(List.of(), alerts());
    }
}
