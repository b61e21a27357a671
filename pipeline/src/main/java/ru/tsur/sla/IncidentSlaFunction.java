package ru.tsur.sla;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.flink.StateTtl;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.core.IncidentLifecycle;
import ru.tsur.sla.core.SlaClock;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.routing.RoutingTable;

/**
 * Keyed by incident_id, owns the incident: posts and events ({@link SlaInput}) go through {@link IncidentLifecycle};
 * every change is emitted as a new incident version, alerts go to {@link SlaTags#ALERTS}.
 *
 * <p>Timers: at most one deadline timer per incident (the earliest pending deadline; re-registered on change, so
 * timers are coalesced) and one timer for events waiting for their incident. When the incident closes both are
 * deleted and the SLA clock is emptied; the incident snapshot and its official post ids stay for the reopen window
 * (state TTL), then vanish. Posts older than the watermark are late: applied all the same (their passed deadlines
 * fire at the next watermark), counted and copied (as the SLA operators see them: {@link SlaInput#of}) to side
 * output {@link SlaTags#LATE}.
 * A reaction or answer first fires the deadlines it missed ({@link #catchUp}), whatever the watermark says.
 */
public class IncidentSlaFunction extends KeyedProcessFunction<String, SlaInput, Incident> {
    private final SlaOptions opts;

    private transient IncidentLifecycle life;
    private transient ValueState<Incident> incident;
    private transient ValueState<SlaClock> clock;
    private transient WaitingEvents waiting;
    private transient Counter latePosts;

    public IncidentSlaFunction(SlaOptions opts) {
        this.opts = opts;
    }

    @Override
    public void open(OpenContext ctx) {
        SlaPolicy policy = SlaPolicy.load(opts.policyResource());
        life = new IncidentLifecycle(policy, RoutingTable.load(opts.routingResource()), ProductionCalendar.load());
        StateTtlConfig reopenWindow = StateTtl.expireAfterWrite(policy.reopenWindow());
        ValueStateDescriptor<Incident> inc = new ValueStateDescriptor<>("incident", new AvroTypeInfo<>(Incident.class));
        inc.enableTimeToLive(reopenWindow);
        incident = getRuntimeContext().getState(inc);
        ValueStateDescriptor<SlaClock> clk = new ValueStateDescriptor<>("sla-clock", TypeInformation.of(SlaClock.class));
        clk.enableTimeToLive(reopenWindow);
        clock = getRuntimeContext().getState(clk);
        // cleared by the waiting timer (or when the incident appears); no TTL needed
        waiting = new WaitingEvents(getRuntimeContext(), "waiting-events", opts.pendingEventWait());
        latePosts = getRuntimeContext().getMetricGroup().counter("latePosts");
    }

    @Override
    public void processElement(SlaInput in, Context ctx, Collector<Incident> out) throws Exception {
        if (in.post != null) {
            onPost(in.post, ctx, out);
        } else {
            onEvent(in.event, ctx, out);
        }
    }

    private void onPost(Post p, Context ctx, Collector<Incident> out) throws Exception {
        long wm = ctx.timerService().currentWatermark();
        if (p.getPublishedAt().toEpochMilli() < wm) {
            // Late: the SLA clock passed its time before it came. On a live stream that is normal after a quiet
            // spell (the clock follows the wall clock, posts reach this stage minutes after publication, behind
            // dedup's event-time buffer). A complaint must not lose its deadlines: apply it, the ones already
            // passed fire at the next watermark. Counted, and copied to LATE for monitoring.
            latePosts.inc();
            ctx.output(SlaTags.LATE, p);
        }
        Incident cur = incident.value();
        SlaClock c = clock.value();
        if (cur == null) {
            if (!IncidentLifecycle.opens(p)) {
                return; // an official or non-actionable post never opens an incident
            }
            c = new SlaClock();
            apply(life.open(p, c), null, c, ctx, out);
            replayWaiting(ctx, out);
            return;
        }
        if (c == null) {
            c = new SlaClock();
        }
        if (p.getOfficial()) {
            cur = catchUp(cur, c, p.getPublishedAt().toEpochMilli(), ctx, out);
        }
        apply(life.onPost(cur, c, p), cur, c, ctx, out);
    }

    private void onEvent(IncidentEvent e, Context ctx, Collector<Incident> out) throws Exception {
        Incident cur = incident.value();
        if (cur == null) {
            // the event may overtake the post that opens the incident; wait for it, up to a bound
            waiting.add(e, ctx.timerService());
            return;
        }
        SlaClock c = clock.value();
        if (c == null) {
            c = new SlaClock();
        }
        cur = catchUp(cur, c, e.getAt().toEpochMilli(), ctx, out);
        apply(life.onEvent(cur, c, e), cur, c, ctx, out);
    }

    /**
     * A reaction or answer stamped at {@code at} may be processed before the watermark has passed the deadlines it
     * came too late for (a quiet night, then the answer; or a whole file at once offline). Those deadlines were
     * missed all the same: fire the ones strictly before {@code at} first, so the outcome depends on event time only.
     */
    private Incident catchUp(Incident cur, SlaClock c, long at, Context ctx, Collector<Incident> out)
            throws Exception {
        long upTo = at - 1;
        if (opts.asOf() != null) {
            upTo = Math.min(upTo, opts.asOf().toEpochMilli());
        }
        long due = c.nextDue();
        if (due == 0 || due > upTo) {
            return cur;
        }
        apply(life.onTime(cur, c, upTo), cur, c, ctx, out);
        return incident.value();
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Incident> out) throws Exception {
        for (IncidentEvent e : waiting.expired(ts)) {
            ctx.output(SlaTags.DEAD, SlaInput.deadLetter(opts.eventsSource(), e, "unknown_incident",
                    "no incident " + ctx.getCurrentKey() + " within " + opts.pendingEventWait()));
        }
        SlaClock c = clock.value();
        Incident cur = incident.value();
        if (c == null || c.timerAt != ts || cur == null) {
            return;
        }
        if (!opts.fires(ts)) {
            return; // offline --as-of: this deadline lies in the future of the analysis
        }
        // everything up to the watermark is due now (at the end of a batch input that is every deadline: a timer
        // registered while timers fire at the end of a key would not fire in BATCH mode)
        long upTo = Math.max(ts, ctx.timerService().currentWatermark());
        if (opts.asOf() != null) {
            upTo = Math.min(upTo, opts.asOf().toEpochMilli());
        }
        c.timerAt = 0;
        apply(life.onTime(cur, c, upTo), cur, c, ctx, out);
    }

    private void replayWaiting(Context ctx, Collector<Incident> out) throws Exception {
        for (IncidentEvent e : waiting.takeAll(ctx.timerService())) {
            onEvent(e, ctx, out);
        }
    }

    private void apply(IncidentLifecycle.Outcome o, Incident cur, SlaClock c,
            KeyedProcessFunction<String, SlaInput, Incident>.Context ctx, Collector<Incident> out)
            throws Exception {
        Incident now = cur;
        if (o.version() != null) {
            now = o.version();
            incident.update(now);
            out.collect(now);
        }
        for (Alert a : o.alerts()) {
            ctx.output(SlaTags.ALERTS, a);
        }
        long next = c.nextDue();
        if (next != c.timerAt) {
            if (c.timerAt != 0) {
                ctx.timerService().deleteEventTimeTimer(c.timerAt);
            }
            if (next != 0) {
                ctx.timerService().registerEventTimeTimer(next);
            }
            c.timerAt = next;
        }
        clock.update(c);
        if (now != null && IncidentLifecycle.isClosed(now.getStatus())) {
            waiting.clear(ctx.timerService()); // nothing may linger for a closed incident but the reopen snapshot
        }
    }
}
