package ru.tsur.sla.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ru.tsur.model.Severity;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.policy.SlaTerms;
import ru.tsur.sla.routing.RoutingTable;

/**
 * The SLA state machine of one incident, free of Flink: a post or an event changes the incident (a new version of
 * the change log) and its {@link SlaClock}; the passing of time fires overdue alerts and escalations.
 *
 * <p>Rules: every actionable incident awaits a first reaction (policy, 8 h) and an answer on the merits (policy, 8
 * working days, local time); a critical one also awaits a reaction within 1 h. Missing the critical or the answer
 * deadline escalates one level up the routing chain (and restarts the answer clock for the new body); a reopen
 * restarts every deadline one level up. Answered, resolved and rejected incidents await nothing (closed).
 */
public final class IncidentLifecycle {
    public static final int POST_IDS_CAP = 50;
    public static final int OFFICIAL_IDS_CAP = 20;
    public static final int EXCERPT_CHARS = 200;

    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String ANSWERED = "answered";
    public static final String RESOLVED = "resolved";
    public static final String REJECTED = "rejected";
    public static final String REOPENED = "reopened";

    /** What a step produced: the new incident version (null when nothing changed) and alerts raised. */
    public record Outcome(Incident version, List<Alert> alerts) {
        static final Outcome NONE = new Outcome(null, List.of());

        public boolean changed() {
            return version != null;
        }
    }

    private final SlaPolicy policy;
    private final RoutingTable routing;
    private final ProductionCalendar calendar;

    public IncidentLifecycle(SlaPolicy policy, RoutingTable routing, ProductionCalendar calendar) {
        this.policy = policy;
        this.routing = routing;
        this.calendar = calendar;
    }

    public static boolean isClosed(String status) {
        return ANSWERED.equals(status) || RESOLVED.equals(status) || REJECTED.equals(status);
    }

    /** True when a post may open an incident: it carries an incident id, is actionable and is not an official reply. */
    public static boolean opens(Post p) {
        return p.getIncidentId() != null && p.getActionable() && !p.getOfficial();
    }

    /** Opens an incident from its first post; {@code clock} must be fresh. */
    public Outcome open(Post p, SlaClock clock) {
        long at = p.getPublishedAt().toEpochMilli();
        Incident inc = Incident.newBuilder()
                .setIncidentId(p.getIncidentId())
                .setVersion(1)
                .setFirstPostId(p.getId())
                .setSector(p.getSector())
                .setTopics(new ArrayList<>(p.getTopics()))
                .setSeverity(p.getSeverity())
                .setActionable(true)
                .setRegionCode(p.getRegionCode())
                .setRegion(p.getRegion())
                .setMunicipality(p.getMunicipality())
                .setTimezone(p.getTimezone())
                .setPostCount(1)
                .setPostIds(new ArrayList<>(List.of(p.getId())))
                .setPlatforms(new ArrayList<>(List.of(p.getSource())))
                .setFirstSeen(p.getPublishedAt())
                .setLastSeen(p.getPublishedAt())
                .setStatus(OPEN)
                .setResponsible(null)
                .setEscalationLevel(0)
                .setUrl(p.getUrl())
                .setExcerpt(excerpt(p.getText()))
                .setDt("")
                .setUpdatedAt(p.getPublishedAt())
                .build();
        inc.setResponsible(responsible(inc, 0));
        inc.setDt(localDate(inc, at));
        schedule(inc, clock, at);
        return new Outcome(inc, List.of());
    }

    /** A later post of the incident: a copy, an official reply, or a citizen's reply to the official answer. */
    public Outcome onPost(Incident cur, SlaClock clock, Post p) {
        long at = p.getPublishedAt().toEpochMilli();
        Incident next = copyOf(cur);
        List<Alert> alerts = new ArrayList<>();
        if (p.getOfficial()) {
            clock.addOfficial(p.getId(), OFFICIAL_IDS_CAP);
            if (!isClosed(cur.getStatus())) {
                answer(next, clock, at, ANSWERED);
            }
        } else {
            if (next.getPostIds().contains(p.getId())) {
                return Outcome.NONE; // a redelivered post: nothing new
            }
            addPost(next, clock, p, at);
            if (isClosed(cur.getStatus()) && clock.isOfficial(p.getReplyTo())) {
                alerts.add(reopen(next, clock, at));
            }
        }
        return finish(cur, next, at, alerts);
    }

    /** An operator event; the caller has matched it to this incident. */
    public Outcome onEvent(Incident cur, SlaClock clock, IncidentEvent e) {
        EventType type = EventType.fromSlug(e.getType());
        long at = e.getAt().toEpochMilli();
        Incident next = copyOf(cur);
        List<Alert> alerts = new ArrayList<>();
        boolean closed = isClosed(cur.getStatus());
        switch (type) {
            case ACCEPTED -> {
                if (!closed) {
                    react(next, clock, at);
                    next.setStatus(ACCEPTED);
                }
            }
            case ANSWERED -> {
                if (!closed) {
                    answer(next, clock, at, ANSWERED);
                }
            }
            case RESOLVED -> {
                if (!RESOLVED.equals(cur.getStatus()) && !REJECTED.equals(cur.getStatus())) {
                    answer(next, clock, at, RESOLVED);
                }
            }
            case REJECTED -> {
                if (!closed) {
                    next.setStatus(REJECTED);
                    clock.clearDues();
                }
            }
            case REOPENED -> {
                if (closed) {
                    alerts.add(reopen(next, clock, at));
                }
            }
            default -> throw new IllegalArgumentException("unknown event type: " + e.getType());
        }
        return finish(cur, next, at, alerts);
    }

    /**
     * Fires every deadline due at or before {@code now} (the event-time timer). Alerts carry the deadline as their
     * raised_at, so the result does not depend on when the watermark happened to pass it.
     */
    public Outcome onTime(Incident cur, SlaClock clock, long now) {
        Incident next = copyOf(cur);
        List<Alert> alerts = new ArrayList<>();
        long changedAt = 0;
        // Loop: an escalation restarts the answer clock, which may itself already be due.
        for (long due = clock.nextDue(); due > 0 && due <= now; due = clock.nextDue()) {
            if (clock.criticalDue > 0 && clock.criticalDue <= due) {
                clock.criticalDue = 0;
                clock.fired |= SlaClock.FIRED_CRITICAL;
                alerts.add(alert(next, AlertKind.CRITICAL_OVERDUE, due, due, null));
                escalate(next, clock, due, alerts);
            } else if (clock.reactionDue > 0 && clock.reactionDue <= due) {
                clock.reactionDue = 0;
                clock.fired |= SlaClock.FIRED_REACTION;
                alerts.add(alert(next, AlertKind.REACTION_OVERDUE, due, due, null));
            } else {
                clock.answerDue = 0;
                alerts.add(alert(next, AlertKind.ANSWER_OVERDUE, due, due, null));
                if (escalate(next, clock, due, alerts)) {
                    clock.answerDue = answerDeadline(next, due);
                }
            }
            changedAt = due;
        }
        if (alerts.isEmpty()) {
            return Outcome.NONE;
        }
        return finish(cur, next, changedAt, alerts);
    }

    // ---- rules

    private void addPost(Incident inc, SlaClock clock, Post p, long at) {
        inc.setPostCount(inc.getPostCount() + 1);
        if (inc.getPostIds().size() < POST_IDS_CAP) {
            inc.getPostIds().add(p.getId());
        }
        if (!inc.getPlatforms().contains(p.getSource())) {
            inc.getPlatforms().add(p.getSource());
        }
        Set<String> topics = new LinkedHashSet<>(inc.getTopics());
        topics.addAll(p.getTopics());
        inc.setTopics(new ArrayList<>(topics));
        if (p.getPublishedAt().isAfter(inc.getLastSeen())) {
            inc.setLastSeen(p.getPublishedAt());
        }
        boolean earlier = p.getPublishedAt().isBefore(inc.getFirstSeen());
        if (earlier) {
            inc.setFirstSeen(p.getPublishedAt());
        }
        Severity before = Severity.fromSlug(inc.getSeverity());
        Severity after = before.max(Severity.fromSlug(p.getSeverity()));
        inc.setSeverity(after.slug());
        if (isClosed(inc.getStatus())) {
            return;
        }
        if (earlier && inc.getEscalationLevel() == 0 && clock.fired == 0 && at < clock.cycleStart) {
            // an out-of-order copy older than the first one seen: the incident started earlier
            schedule(inc, clock, at);
        } else if (after == Severity.CRITICAL && before != Severity.CRITICAL && inc.getFirstReactionAt() == null
                && (clock.fired & SlaClock.FIRED_CRITICAL) == 0) {
            clock.criticalDue = at + terms(inc).criticalReaction().toMillis();
        }
    }

    /** Starts (or restarts) a cycle at {@code start}: every deadline counts from it. */
    private void schedule(Incident inc, SlaClock clock, long start) {
        SlaTerms t = terms(inc);
        clock.cycleStart = start;
        clock.fired = 0;
        boolean reacted = inc.getFirstReactionAt() != null && inc.getFirstReactionAt().toEpochMilli() >= start;
        clock.criticalDue = Severity.CRITICAL.slug().equals(inc.getSeverity()) && !reacted
                ? start + t.criticalReaction().toMillis() : 0;
        clock.reactionDue = reacted ? 0 : start + t.firstReaction().toMillis();
        clock.answerDue = answerDeadline(inc, start);
    }

    private void react(Incident inc, SlaClock clock, long at) {
        if (inc.getFirstReactionAt() == null || inc.getFirstReactionAt().toEpochMilli() < clock.cycleStart) {
            inc.setFirstReactionAt(Instant.ofEpochMilli(at));
        }
        clock.criticalDue = 0;
        clock.reactionDue = 0;
    }

    private void answer(Incident inc, SlaClock clock, long at, String status) {
        react(inc, clock, at);
        inc.setAnsweredAt(Instant.ofEpochMilli(at));
        inc.setStatus(status);
        clock.clearDues();
    }

    private Alert reopen(Incident inc, SlaClock clock, long at) {
        int level = inc.getEscalationLevel() + 1;
        inc.setEscalationLevel(level);
        inc.setResponsible(responsible(inc, level));
        inc.setStatus(REOPENED);
        inc.setAnsweredAt(null);
        schedule(inc, clock, at);
        return alert(inc, AlertKind.REOPENED, at, null, "reopened; deadlines restart at level " + level);
    }

    /** One level up the chain, if there is one; adds the escalated alert. */
    private boolean escalate(Incident inc, SlaClock clock, long at, List<Alert> alerts) {
        int level = inc.getEscalationLevel();
        if (level >= RoutingTable.LEVELS - 1) {
            return false;
        }
        String from = inc.getResponsible();
        inc.setEscalationLevel(level + 1);
        inc.setResponsible(responsible(inc, level + 1));
        alerts.add(alert(inc, AlertKind.ESCALATED, at, at, "from: " + from));
        return true;
    }

    private long answerDeadline(Incident inc, long start) {
        return calendar.workingDaysDeadline(Instant.ofEpochMilli(start), terms(inc).answerWorkingDays(), zone(inc))
                .toEpochMilli();
    }

    private SlaTerms terms(Incident inc) {
        return policy.terms(inc.getRegionCode(), inc.getSector());
    }

    private String responsible(Incident inc, int level) {
        return routing.responsible(inc.getRegionCode(), inc.getRegion(), inc.getMunicipality(), inc.getSector(),
                level);
    }

    /** The region's zone (a UTC offset id on the post), or the policy's default when missing or unreadable. */
    public ZoneId zone(Incident inc) {
        return zoneOf(inc.getTimezone());
    }

    public ZoneId zoneOf(String timezone) {
        return policy.zone(timezone);
    }

    private String localDate(Incident inc, long at) {
        return Instant.ofEpochMilli(at).atZone(zone(inc)).toLocalDate().toString();
    }

    private Outcome finish(Incident cur, Incident next, long at, List<Alert> alerts) {
        if (next.equals(cur)) {
            return alerts.isEmpty() ? Outcome.NONE : new Outcome(null, alerts);
        }
        next.setVersion(cur.getVersion() + 1);
        next.setUpdatedAt(Instant.ofEpochMilli(Math.max(at, cur.getUpdatedAt().toEpochMilli())));
        next.setDt(localDate(next, next.getUpdatedAt().toEpochMilli()));
        return new Outcome(next, alerts);
    }

    private Alert alert(Incident inc, AlertKind kind, long raisedAt, Long deadline, String detail) {
        int level = inc.getEscalationLevel();
        return Alert.newBuilder()
                .setAlertId(AlertIds.of(inc.getIncidentId(), kind.slug(), level))
                .setIncidentId(inc.getIncidentId())
                .setKind(kind.slug())
                .setLevel(level)
                .setDeadline(deadline == null ? null : Instant.ofEpochMilli(deadline))
                .setRaisedAt(Instant.ofEpochMilli(raisedAt))
                .setSector(inc.getSector())
                .setSeverity(inc.getSeverity())
                .setRegionCode(inc.getRegionCode())
                .setRegion(inc.getRegion())
                .setMunicipality(inc.getMunicipality())
                .setResponsible(inc.getResponsible())
                .setPostIds(new ArrayList<>(inc.getPostIds()))
                .setUrl(inc.getUrl())
                .setExcerpt(inc.getExcerpt())
                .setDetail(detail)
                .setDt(localDate(inc, raisedAt))
                .build();
    }

    /**
     * The next version's starting point: a copy whose lists can change without touching {@code cur} (kept in state
     * and already emitted). Strings and instants are immutable and shared. Same content as Avro's
     * {@code Incident.newBuilder(cur).build()}, without its schema-driven deep copy of every field; a field added to
     * the schema changes the constructor and so breaks this line at compile time.
     */
    static Incident copyOf(Incident c) {
        return new Incident(c.getIncidentId(), c.getVersion(), c.getFirstPostId(), c.getSector(), copy(c.getTopics()),
                c.getSeverity(), c.getActionable(), c.getRegionCode(), c.getRegion(), c.getMunicipality(),
                c.getTimezone(), c.getPostCount(), copy(c.getPostIds()), copy(c.getPlatforms()), c.getFirstSeen(),
                c.getLastSeen(), c.getStatus(), c.getResponsible(), c.getEscalationLevel(), c.getFirstReactionAt(),
                c.getAnsweredAt(), c.getUrl(), c.getExcerpt(), c.getDt(), c.getUpdatedAt());
    }

    private static List<String> copy(List<String> l) {
        return l == null ? null : new ArrayList<>(l);
    }

    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() <= EXCERPT_CHARS) {
            return t;
        }
        int cut = EXCERPT_CHARS;
        if (Character.isHighSurrogate(t.charAt(cut - 1))) {
            cut--; // never split an emoji in half
        }
        return t.substring(0, cut) + "…";
    }
}
