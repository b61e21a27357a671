package ru.tsur.sla.core;

/**
 * The SLA bookkeeping of one open incident: pending deadlines (epoch millis, 0 = nothing pending) and what already
 * fired in the current cycle. A cycle starts when the incident opens and again at every reopen. A Flink POJO
 * (public fields, no-arg constructor) so it is stored without Kryo.
 */
public class SlaClock {
    public static final int FIRED_CRITICAL = 1;
    public static final int FIRED_REACTION = 2;

    public long cycleStart;
    public long criticalDue;
    public long reactionDue;
    public long answerDue;
    /** FIRED_* bits of the current cycle. */
    public int fired;
    /** Ids of official posts in the incident (space-separated, capped): a citizen reply to one may reopen it. */
    public String officialPostIds = "";
    /** The one event-time timer the operator has registered (0 = none); kept so it can be deleted, not leaked. */
    public long timerAt;

    public SlaClock() {}

    /** Earliest pending deadline, or 0 when nothing is awaited. */
    public long nextDue() {
        long next = 0;
        for (long due : new long[] {criticalDue, reactionDue, answerDue}) {
            if (due > 0 && (next == 0 || due < next)) {
                next = due;
            }
        }
        return next;
    }

    public boolean pending() {
        return nextDue() > 0;
    }

    void clearDues() {
        criticalDue = 0;
        reactionDue = 0;
        answerDue = 0;
    }

    boolean isOfficial(String postId) {
        return postId != null && (" " + officialPostIds + " ").contains(" " + postId + " ");
    }

    void addOfficial(String postId, int cap) {
        if (postId == null || isOfficial(postId)) {
            return;
        }
        String joined = officialPostIds.isEmpty() ? postId : officialPostIds + " " + postId;
        String[] ids = joined.split(" ");
        officialPostIds = ids.length <= cap ? joined
                : String.join(" ", java.util.Arrays.copyOfRange(ids, ids.length - cap, ids.length));
    }
}
