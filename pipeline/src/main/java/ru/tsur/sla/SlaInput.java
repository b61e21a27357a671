package ru.tsur.sla;

import java.time.Instant;
import java.util.List;
import ru.tsur.flink.DeadLetters;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.sink.AvroJson;
import ru.tsur.sla.core.IncidentLifecycle;
import ru.tsur.schema.Post;

/**
 * One input of the SLA operators: a post or an event (exactly one is set). Posts and events travel as one stream
 * into single-input keyed operators, so Flink combines their watermarks in one input valve: an active stream holds
 * time back, an idle one does not, and when both go quiet the furthest watermark is flushed — which a two-input
 * operator does not do (it would stay at the watermark of whichever input went idle last). A Flink POJO whose fields
 * are Avro records: no Kryo.
 */
public class SlaInput {
    public Post post;
    public IncidentEvent event;

    public SlaInput() {}

    /** A post as the SLA operators read it ({@link #forSla}). */
    public static SlaInput of(Post p) {
        return carrying(forSla(p));
    }

    /** A post that is already the SLA view (an SLA operator passing on what it received). */
    static SlaInput carrying(Post view) {
        SlaInput in = new SlaInput();
        in.post = view;
        return in;
    }

    /**
     * The post without what the SLA operators never read: its text cut to the incident's excerpt, and the offset,
     * author, classifier and dedup details left out (required strings empty, the rest null). The SLA posts cross two
     * more network hops (post-id resolver, incident operator), where reading and writing the strings of the whole
     * post was half of the resolver's time and a sixth of the incident operator's. Incidents opened and changed
     * from the view are those of the whole post ({@code SlaInputTest}).
     */
    static Post forSla(Post p) {
        return new Post(p.getId(), p.getSource(), p.getPublishedAt(), "", "", IncidentLifecycle.excerpt(p.getText()),
                null, p.getUrl(), null, p.getReplyTo(), null, p.getOfficial(), p.getRegionCode(), p.getRegion(),
                p.getMunicipality(), p.getTimezone(), null, p.getSector(), p.getTopics(), p.getActionable(), null,
                p.getSeverity(), p.getScore(), List.of(), null, p.getIncidentId(), null, null, null, p.getIngestedAt());
    }

    public static SlaInput of(IncidentEvent e) {
        SlaInput in = new SlaInput();
        in.event = e;
        return in;
    }

    /** Event time: publication of the post, or the event's {@code at}. */
    public long timestamp() {
        return post != null ? post.getPublishedAt().toEpochMilli() : event.getAt().toEpochMilli();
    }

    /** Key of the incident operator. */
    public String incidentKey() {
        return post != null ? post.getIncidentId() : event.getIncidentId();
    }

    /** Key of the post-id resolver: a post's own id (or the post it replies to), an event's post_id. */
    public String lookupKey() {
        return post != null ? PostIdResolver.lookupKey(post) : event.getPostId();
    }

    /** A parsed event that could not be applied; its raw form is the event as JSON (offsets are not known here). */
    static DeadLetter deadLetter(String origin, IncidentEvent e, String reason, String detail) {
        return DeadLetters.of(new SourceRecord(origin, -1, -1, AvroJson.toJson(e)), reason, detail, Instant.now());
    }
}
