package ru.tsur.sla;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Incident;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;
import ru.tsur.sla.time.QuietAwareWatermarks;

/**
 * The SLA stage: deduplicated posts and raw incident events in; incident versions, alerts and bad events out.
 *
 * <pre>
 *   posts ──(SLA watermarks)──┬── keyBy post id / reply_to ─┐
 *                             │                             ├─ PostIdResolver ─┐
 *   events ─parse─(watermarks)┴─ only post_id: keyBy post_id┘                  │
 *            └─ with incident_id ──────────────────────────────────────────────┴─ keyBy incident_id ─ IncidentSla
 *   posts ── keyBy region|sector ── Spike
 * </pre>
 *
 * The stage assigns its own watermarks to both inputs (bounded out-of-orderness; quiet streams follow the wall clock
 * or go idle, see {@link QuietAwareWatermarks}), so its deadlines, lateness and the "fires within 60 s at night"
 * guarantee do not depend on the upstream stages' time handling.
 */
public final class SlaStage {
    private SlaStage() {}

    /**
     * @param incidentVersions every change of every incident (append-only change log)
     * @param alerts SLA and spike alerts
     * @param badEvents events that could not be parsed or matched, with the reason
     * @param latePosts posts older than the watermark (beyond the out-of-order bound); not applied, counted
     */
    public record Output(DataStream<Incident> incidentVersions, DataStream<Alert> alerts,
            DataStream<DeadLetter> badEvents, DataStream<Post> latePosts) {}

    /** Posts with {@code responsible} filled in (level 0 of the routing table), for the posts dataset and output. */
    public static SingleOutputStreamOperator<Post> route(DataStream<Post> posts, SlaOptions opts) {
        return posts.map(new RouteFunction(opts.routingResource()), new AvroTypeInfo<>(Post.class))
                .name("sla-route-posts").uid("sla-route-posts");
    }

    public static Output apply(DataStream<Post> deduped, DataStream<byte[]> rawEvents, SlaOptions opts) {
        AvroTypeInfo<Post> postType = new AvroTypeInfo<>(Post.class);
        AvroTypeInfo<IncidentEvent> eventType = new AvroTypeInfo<>(IncidentEvent.class);

        DataStream<Post> posts = deduped
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Post>forGenerator(c -> new QuietAwareWatermarks<>(
                                opts.outOfOrderness(), opts.quietAfter(), opts.quietLag(), opts.wallClockFallback(),
                                System::currentTimeMillis))
                        .withTimestampAssigner((p, ts) -> p.getPublishedAt().toEpochMilli()))
                .name("sla-post-watermarks").uid("sla-post-watermarks");

        SingleOutputStreamOperator<IncidentEvent> parsed = rawEvents
                .process(new EventParseFunction(opts.eventsSource()), eventType)
                .name("sla-parse-events").uid("sla-parse-events");
        DataStream<IncidentEvent> events = parsed
                .assignTimestampsAndWatermarks(WatermarkStrategy.<IncidentEvent>forGenerator(c ->
                                new QuietAwareWatermarks<>(opts.outOfOrderness(), opts.quietAfter(), opts.quietLag(),
                                        opts.wallClockFallback(), System::currentTimeMillis))
                        .withTimestampAssigner((e, ts) -> e.getAt().toEpochMilli()))
                .name("sla-event-watermarks").uid("sla-event-watermarks");

        SingleOutputStreamOperator<Post> resolved = posts
                .filter(PostIdResolver::relevant).name("sla-posts-with-incident-or-reply")
                .uid("sla-posts-with-incident-or-reply")
                .keyBy(PostIdResolver::lookupKey, Types.STRING)
                .connect(events.filter(e -> e.getIncidentId() == null).name("sla-events-by-post")
                        .uid("sla-events-by-post")
                        .keyBy(IncidentEvent::getPostId, Types.STRING))
                .process(new PostIdResolver(opts), postType)
                .name("sla-post-id-resolver").uid("sla-post-id-resolver");

        DataStream<IncidentEvent> incidentEvents = events
                .filter(e -> e.getIncidentId() != null).name("sla-events-by-incident").uid("sla-events-by-incident")
                .union(resolved.getSideOutput(SlaTags.RESOLVED_EVENTS));

        SingleOutputStreamOperator<Incident> incidents = resolved
                .keyBy(Post::getIncidentId, Types.STRING)
                .connect(incidentEvents.keyBy(IncidentEvent::getIncidentId, Types.STRING))
                .process(new IncidentSlaFunction(opts), new AvroTypeInfo<>(Incident.class))
                .name("sla-incidents").uid("sla-incidents");

        SingleOutputStreamOperator<Alert> spikes = posts
                .filter(SpikeFunction::counts).name("sla-spike-candidates").uid("sla-spike-candidates")
                .keyBy(SpikeFunction::key, Types.STRING)
                .process(new SpikeFunction(opts), new AvroTypeInfo<>(Alert.class))
                .name("sla-spikes").uid("sla-spikes");

        DataStream<Alert> alerts = incidents.getSideOutput(SlaTags.ALERTS).union(spikes);
        DataStream<DeadLetter> bad = parsed.getSideOutput(SlaTags.DEAD)
                .union(resolved.getSideOutput(SlaTags.DEAD), incidents.getSideOutput(SlaTags.DEAD));
        return new Output(incidents, alerts, bad, incidents.getSideOutput(SlaTags.LATE));
    }
}
