package ru.tsur.sla;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.tsur.flink.BulkStringSerializer;
import ru.tsur.flink.Keyed;
import ru.tsur.flink.PostTypeInfo;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Incident;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;
import ru.tsur.sla.time.OwnEventTime;
import ru.tsur.sla.time.QuietAwareWatermarks;
import ru.tsur.sla.time.QuietAwareWatermarks.Quiet;

/**
 * The SLA stage: deduplicated posts and raw incident events in; incident versions, alerts and bad events out.
 *
 * <pre>
 *   posts ─(SLA watermarks)─┬─ with incident or reply ─┐
 *                           │                          ├ union ─ keyBy post id ─ PostIdResolver ─┐
 *   events ─parse─(wm)──────┼─ only post_id ───────────┘                                        │
 *                           │  with incident_id ─────────────────────────────────────────────────┴ union ─ keyBy
 *                           │                                                       incident_id ─ IncidentSla
 *                           └─ posts ─ keyBy region|sector ─ Spike
 * </pre>
 *
 * The stage assigns its own watermarks to both inputs (bounded out-of-orderness, see {@link QuietAwareWatermarks});
 * upstream watermarks of the posts are dropped ({@link OwnEventTime}) but for the end of a bounded input, so its
 * deadlines, lateness and the "fires within 60 s at night" guarantee do not depend on upstream stages. Time is
 * the posts' time: events may hold it back while they flow but never push it ahead. With the wall-clock fallback on,
 * a stream that has not had a record yet goes idle, a live stream follows the wall clock (minus {@code quietLag}),
 * busy or quiet, so a deadline fires {@code quietLag} after it passes, and a quiet replay keeps its own clock running
 * at wall-clock speed; with it off (files), quiet
 * posts hold their watermark and quiet events go idle — so such a run needs posts on every source partition.
 */
public final class SlaStage {
    private SlaStage() {}

    /**
     * @param incidentVersions every change of every incident (append-only change log)
     * @param alerts SLA and spike alerts
     * @param badEvents events that could not be parsed or matched, with the reason
     * @param latePosts posts older than the watermark (beyond the out-of-order bound); applied all the same, copied
     *     here for monitoring
     */
    public record Output(DataStream<Incident> incidentVersions, DataStream<Alert> alerts,
            DataStream<DeadLetter> badEvents, DataStream<Post> latePosts) {}

    /** Posts with {@code responsible} filled in (level 0 of the routing table), for the posts dataset and output. */
    public static SingleOutputStreamOperator<Post> route(DataStream<Post> posts, SlaOptions opts) {
        return posts.map(new RouteFunction(opts.routingResource()), PostTypeInfo.INSTANCE)
                .name("sla-route-posts").uid("sla-route-posts");
    }

    /**
     * @param deduped posts after deduplication (incident_id set on actionable ones)
     * @param rawEvents records of topic incident-events (or a file); null when there are none
     */
    public static Output apply(DataStream<Post> deduped, DataStream<SourceRecord> rawEvents, SlaOptions opts) {
        DataStream<Post> posts = deduped
                .transform("sla-own-event-time", PostTypeInfo.INSTANCE, new OwnEventTime<Post>())
                .uid("sla-own-event-time")
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Post>forGenerator(c -> new QuietAwareWatermarks<>(
                                opts.outOfOrderness(), opts.quietAfter(), opts.quietLag(), opts.liveLag(),
                                opts.wallClockFallback() ? Quiet.LIVE_WALL_CLOCK : Quiet.HOLD,
                                System::currentTimeMillis))
                        .withTimestampAssigner((p, ts) -> p.getPublishedAt().toEpochMilli()))
                .name("sla-post-watermarks").uid("sla-post-watermarks");

        // posts and events meet in single-input operators (see SlaInput): one watermark valve for both
        TypeInformation<SlaInput> inputType = PostTypeInfo.pojoWithPosts(SlaInput.class);
        DataStream<SlaInput> lookups = posts
                .filter(PostIdResolver::relevant).name("sla-posts-with-incident-or-reply")
                .uid("sla-posts-with-incident-or-reply")
                .map(SlaInput::of, inputType).name("sla-posts-as-input").uid("sla-posts-as-input");
        DataStream<SlaInput> byIncident = null;
        DataStream<DeadLetter> badParse = null;
        if (rawEvents != null) {
            SingleOutputStreamOperator<IncidentEvent> parsed = rawEvents
                    .process(new EventParseFunction(), new AvroTypeInfo<>(IncidentEvent.class))
                    .name("sla-parse-events").uid("sla-parse-events");
            badParse = parsed.getSideOutput(SlaTags.DEAD);
            DataStream<IncidentEvent> events = parsed
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<IncidentEvent>forGenerator(c ->
                                    new QuietAwareWatermarks<>(opts.outOfOrderness(), opts.quietAfter(),
                                            opts.quietLag(), opts.liveLag(),
                                            opts.wallClockFallback() ? Quiet.LIVE_WALL_CLOCK : Quiet.MARK_IDLE,
                                            System::currentTimeMillis))
                            .withTimestampAssigner((e, ts) -> e.getAt().toEpochMilli()))
                    .name("sla-event-watermarks").uid("sla-event-watermarks");
            lookups = lookups.union(events.filter(e -> e.getIncidentId() == null).name("sla-events-by-post")
                    .uid("sla-events-by-post")
                    .map(SlaInput::of, inputType).name("sla-events-by-post-as-input")
                    .uid("sla-events-by-post-as-input"));
            byIncident = events.filter(e -> e.getIncidentId() != null).name("sla-events-by-incident")
                    .uid("sla-events-by-incident")
                    .map(SlaInput::of, inputType).name("sla-events-by-incident-as-input")
                    .uid("sla-events-by-incident-as-input");
        }
        SingleOutputStreamOperator<SlaInput> resolved = lookups
                .keyBy(SlaInput::lookupKey, BulkStringSerializer.TYPE)
                .process(new PostIdResolver(opts), inputType)
                .name("sla-post-id-resolver").uid("sla-post-id-resolver");

        SingleOutputStreamOperator<Incident> incidents = (byIncident == null ? resolved : resolved.union(byIncident))
                .keyBy(SlaInput::incidentKey, BulkStringSerializer.TYPE)
                .process(new IncidentSlaFunction(opts), new AvroTypeInfo<>(Incident.class))
                .name("sla-incidents").uid("sla-incidents");

        DataStream<Post> spikeCandidates = posts
                .filter(SpikeFunction::counts).name("sla-spike-candidates").uid("sla-spike-candidates");
        SingleOutputStreamOperator<Alert> spikes = Keyed.by(spikeCandidates, SpikeFunction::key,
                        BulkStringSerializer.TYPE)
                .process(new SpikeFunction(opts), new AvroTypeInfo<>(Alert.class))
                .name("sla-spikes").uid("sla-spikes");

        DataStream<Alert> alerts = incidents.getSideOutput(SlaTags.ALERTS).union(spikes);
        DataStream<DeadLetter> bad = resolved.getSideOutput(SlaTags.DEAD).union(incidents.getSideOutput(SlaTags.DEAD));
        if (badParse != null) {
            bad = bad.union(badParse);
        }
        return new Output(incidents, alerts, bad, incidents.getSideOutput(SlaTags.LATE));
    }
}
