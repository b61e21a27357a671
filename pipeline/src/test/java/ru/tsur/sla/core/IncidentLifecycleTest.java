package ru.tsur.sla.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.tsur.sla.SlaFixtures.event;
import static ru.tsur.sla.SlaFixtures.post;
import static ru.tsur.sla.SlaFixtures.t;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.routing.RoutingTable;

class IncidentLifecycleTest {
    private final IncidentLifecycle life =
            new IncidentLifecycle(SlaPolicy.load(), RoutingTable.load(), ProductionCalendar.load());
    private SlaClock clock;
    private Incident inc;
    private List<Alert> alerts;

    @BeforeEach
    void fresh() {
        clock = new SlaClock();
        inc = null;
        alerts = new java.util.ArrayList<>();
    }

    private void apply(IncidentLifecycle.Outcome o) {
        if (o.version() != null) {
            inc = o.version();
        }
        alerts.addAll(o.alerts());
    }

    private List<String> kinds() {
        return alerts.stream().map(a -> a.getKind() + "@" + a.getLevel()).toList();
    }

    @Test
    void opensWithRoutingAndAllThreeDeadlines() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build(), clock));
        assertEquals(1, inc.getVersion());
        assertEquals("Комитет дорожного хозяйства города Курска", inc.getResponsible());
        assertEquals(t("2026-03-02T11:00:00+03:00").toEpochMilli(), clock.criticalDue);
        // region 46 roads: first reaction 6 h (policy override)
        assertEquals(t("2026-03-02T16:00:00+03:00").toEpochMilli(), clock.reactionDue);
        // Mon 02.03 → 3,4,5,6,10,11,12,13 (09.03 is a day off) → 13.03 24:00
        assertEquals(t("2026-03-14T00:00:00+03:00").toEpochMilli(), clock.answerDue);
        assertEquals(clock.criticalDue, clock.nextDue());
    }

    @Test
    void criticalWithoutReactionFor1hAlertsAndEscalatesToTheMinistry() {
        apply(life.open(post("p1", "i1", "2026-03-02T02:00:00+03:00").setSeverity("critical").build(), clock));
        apply(life.onTime(inc, clock, t("2026-03-02T02:59:59+03:00").toEpochMilli()));
        assertTrue(alerts.isEmpty(), "not yet due");
        apply(life.onTime(inc, clock, t("2026-03-02T03:00:00+03:00").toEpochMilli()));
        assertEquals(List.of("critical_overdue@0", "escalated@1"), kinds());
        assertEquals(t("2026-03-02T03:00:00+03:00"), alerts.get(0).getRaisedAt());
        assertEquals(1, inc.getEscalationLevel());
        assertEquals("Министерство транспорта и автомобильных дорог Курской области", inc.getResponsible());
        assertEquals(2, inc.getVersion());
    }

    @Test
    void reactionOverdueAfter8hWhenNobodyReacted() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").setRegionCode("77").setRegion("Москва")
                .setMunicipality("Москва").build(), clock));
        assertEquals(0, clock.criticalDue, "normal severity has no 1 h clock");
        apply(life.onTime(inc, clock, t("2026-03-02T18:00:00+03:00").toEpochMilli()));
        assertEquals(List.of("reaction_overdue@0"), kinds());
        assertEquals(t("2026-03-02T18:00:00+03:00"), alerts.get(0).getDeadline());
        assertEquals(1, inc.getVersion());
    }

    @Test
    void acceptedInTimeStopsReactionClocksButNotTheAnswerClock() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build(), clock));
        apply(life.onEvent(inc, clock, event("i1", "accepted", "2026-03-02T10:30:00+03:00")));
        assertEquals("accepted", inc.getStatus());
        assertEquals(t("2026-03-02T10:30:00+03:00"), inc.getFirstReactionAt());
        assertEquals(0, clock.criticalDue);
        assertEquals(0, clock.reactionDue);
        assertTrue(clock.answerDue > 0);
        apply(life.onTime(inc, clock, t("2026-03-03T00:00:00+03:00").toEpochMilli()));
        assertTrue(alerts.isEmpty());
    }

    @Test
    void answerOverdueAfter8WorkingDaysEscalatesUpTheChainAndStopsAtTheGovernor() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        apply(life.onEvent(inc, clock, event("i1", "accepted", "2026-03-02T11:00:00+03:00")));
        apply(life.onTime(inc, clock, t("2026-03-14T00:00:00+03:00").toEpochMilli()));
        assertEquals(List.of("answer_overdue@0", "escalated@1"), kinds());
        // the ministry gets its own 8 working days from the missed deadline: 16..25.03 → 26.03 00:00
        assertEquals(t("2026-03-26T00:00:00+03:00").toEpochMilli(), clock.answerDue);
        apply(life.onTime(inc, clock, t("2026-04-30T00:00:00+03:00").toEpochMilli()));
        assertEquals(List.of("answer_overdue@0", "escalated@1", "answer_overdue@1", "escalated@2",
                "answer_overdue@2"), kinds());
        assertEquals("Администрация Губернатора Курской области", inc.getResponsible());
        assertFalse(clock.pending(), "the top of the chain has nobody left to escalate to");
        assertEquals(alerts.size(), alerts.stream().map(Alert::getAlertId).distinct().count());
    }

    @Test
    void answerClosesTheIncident() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build(), clock));
        apply(life.onEvent(inc, clock, event("i1", "answered", "2026-03-02T10:20:00+03:00")));
        assertEquals("answered", inc.getStatus());
        assertEquals(t("2026-03-02T10:20:00+03:00"), inc.getAnsweredAt());
        assertEquals(t("2026-03-02T10:20:00+03:00"), inc.getFirstReactionAt());
        assertFalse(clock.pending());
        assertTrue(IncidentLifecycle.isClosed(inc.getStatus()));
        int v = inc.getVersion();
        apply(life.onEvent(inc, clock, event("i1", "answered", "2026-03-02T10:20:00+03:00")));
        assertEquals(v, inc.getVersion(), "a replayed event changes nothing");
    }

    @Test
    void officialReplyAnswersAndACitizensReplyToItReopensOneLevelUp() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        apply(life.onPost(inc, clock, post("o1", "i1", "2026-03-03T09:00:00+03:00").setOfficial(true)
                .setReplyTo("p1").build()));
        assertEquals("answered", inc.getStatus());
        assertEquals(1, inc.getPostCount(), "an official reply is not a citizen's post");
        assertFalse(clock.pending());
        apply(life.onPost(inc, clock, post("p2", "i1", "2026-03-03T12:00:00+03:00").setReplyTo("o1")
                .setText("Ничего не сделали, яма на месте").build()));
        assertEquals("reopened", inc.getStatus());
        assertEquals(1, inc.getEscalationLevel());
        assertEquals(2, inc.getPostCount());
        assertEquals(List.of("reopened@1"), kinds());
        assertEquals(t("2026-03-03T18:00:00+03:00").toEpochMilli(), clock.reactionDue, "deadlines restart");
        assertEquals("Министерство транспорта и автомобильных дорог Курской области", inc.getResponsible());
    }

    @Test
    void reopenedEventRestartsDeadlinesAndAlertIdsNeverRepeat() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        apply(life.onTime(inc, clock, t("2026-03-02T16:00:00+03:00").toEpochMilli()));
        apply(life.onEvent(inc, clock, event("i1", "resolved", "2026-03-03T10:00:00+03:00")));
        apply(life.onEvent(inc, clock, event("i1", "reopened", "2026-03-04T10:00:00+03:00")));
        apply(life.onTime(inc, clock, t("2026-03-04T16:00:00+03:00").toEpochMilli()));
        assertEquals(List.of("reaction_overdue@0", "reopened@1", "reaction_overdue@1"), kinds());
        assertNotEquals(alerts.get(0).getAlertId(), alerts.get(2).getAlertId());
        assertEquals(AlertIds.of("i1", "reaction_overdue", 0), alerts.get(0).getAlertId());
    }

    @Test
    void reopenOnAnOpenIncidentChangesNothing() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        IncidentLifecycle.Outcome o = life.onEvent(inc, clock, event("i1", "reopened", "2026-03-02T11:00:00+03:00"));
        assertFalse(o.changed());
        assertTrue(o.alerts().isEmpty());
    }

    @Test
    void copiesGrowTheIncidentAndRaiseSeverity() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        apply(life.onPost(inc, clock, post("p2", "i1", "2026-03-02T12:00:00+03:00").setSource("telegram")
                .setSeverity("critical").build()));
        assertEquals(2, inc.getPostCount());
        assertEquals(List.of("vk", "telegram"), inc.getPlatforms());
        assertEquals("critical", inc.getSeverity());
        assertEquals(t("2026-03-02T13:00:00+03:00").toEpochMilli(), clock.criticalDue, "1 h from the upgrade");
        assertFalse(life.onPost(inc, clock, post("p2", "i1", "2026-03-02T12:00:00+03:00").build()).changed(),
                "a redelivered post is idempotent");
    }

    @Test
    void anOutOfOrderEarlierCopyMovesTheDeadlinesBack() {
        apply(life.open(post("p2", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        apply(life.onPost(inc, clock, post("p1", "i1", "2026-03-02T09:00:00+03:00").build()));
        assertEquals(t("2026-03-02T09:00:00+03:00"), inc.getFirstSeen());
        assertEquals(t("2026-03-02T15:00:00+03:00").toEpochMilli(), clock.reactionDue);
    }

    @Test
    void deadlinesInTheLocalTimeOfARegionEastOfMoscow() {
        // Красноярский край (+07:00): Thu 23:30 in Moscow is already Fri 03:30 locally
        apply(life.open(post("p1", "i1", "2026-03-05T23:30:00+03:00").setRegionCode("24").setRegion("Красноярский")
                .setMunicipality("Красноярск").setTimezone("+07:00").build(), clock));
        assertEquals(t("2026-03-20T00:00:00+07:00").toEpochMilli(), clock.answerDue);
        assertEquals("2026-03-06", inc.getDt());
        assertTrue(inc.getResponsible().contains("Красноярск"));
    }

    @Test
    void rejectedClosesAndLaterEventsDoNotReviveIt() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").build(), clock));
        apply(life.onEvent(inc, clock, event("i1", "rejected", "2026-03-02T10:05:00+03:00")));
        assertEquals("rejected", inc.getStatus());
        assertFalse(clock.pending());
        assertFalse(life.onEvent(inc, clock, event("i1", "accepted", "2026-03-02T10:06:00+03:00")).changed());
    }

    @Test
    void theNextVersionStartsFromACopyEqualToAvrosDeepCopyWithListsOfItsOwn() {
        apply(life.open(post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build(), clock));
        apply(life.onPost(inc, clock, post("p2", "i1", "2026-03-02T10:05:00+03:00").setSource("telegram").build()));
        inc.setFirstReactionAt(t("2026-03-02T10:30:00+03:00"));
        inc.setAnsweredAt(t("2026-03-02T11:00:00+03:00"));
        Incident avro = Incident.newBuilder(inc).build();
        Incident copy = IncidentLifecycle.copyOf(inc);
        assertEquals(avro, copy);
        assertEquals(avro.toString(), copy.toString());
        copy.getPostIds().add("p3");
        copy.getTopics().add("x");
        copy.getPlatforms().add("ok");
        assertEquals(avro, inc, "the original's lists are not shared with the copy");
        assertEquals(List.of("p1", "p2"), inc.getPostIds());
    }
}
