package ru.tsur.flink;

import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.geo.GeoAttributor;
import ru.tsur.geo.Gazetteer;
import ru.tsur.ingest.IngestLimits;
import ru.tsur.ingest.ParseResult;
import ru.tsur.ingest.PostEnricher;
import ru.tsur.ingest.PostParser;
import ru.tsur.ingest.RawPost;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.privacy.Pseudonymizer;
import ru.tsur.schema.Post;

/**
 * Parse, validate, normalize, pseudonymize and attribute geo, in one chained operator; rejected records go to
 * {@link DeadLetters#TAG}. Counts read/accepted/rejected as metrics so that read = accepted + rejected is visible.
 */
public final class ParsePostsFunction extends ProcessFunction<SourceRecord, Post> {

    private final IngestLimits limits;
    private final PostEnricher.Options options;
    private final byte[] pseudonymKey;

    private transient PostParser parser;
    private transient PostEnricher enricher;
    private transient Clock clock;
    private transient Counter read, accepted, rejected;

    public ParsePostsFunction(IngestLimits limits, PostEnricher.Options options, byte[] pseudonymKey) {
        this.limits = limits;
        this.options = options;
        this.pseudonymKey = pseudonymKey.clone();
    }

    @Override
    public void open(OpenContext ctx) {
        clock = Clock.systemUTC();
        parser = new PostParser(limits, clock);
        enricher = new PostEnricher(new Pseudonymizer(pseudonymKey), new GeoAttributor(Gazetteer.shared()), options, clock);
        var group = getRuntimeContext().getMetricGroup().addGroup("pulse");
        read = group.counter("postsRead");
        accepted = group.counter("postsAccepted");
        rejected = group.counter("postsRejected");
    }

    @Override
    public void processElement(SourceRecord rec, Context ctx, Collector<Post> out) {
        read.inc();
        ParseResult<RawPost> result = parser.parse(rec.value());
        switch (result) {
            case ParseResult.Accepted<RawPost> ok -> {
                Post post;
                try {
                    post = enricher.enrich(ok.value());
                } catch (RuntimeException e) {
                    // a bug in enrichment must cost one record, not the job
                    rejected.inc();
                    ctx.output(DeadLetters.TAG, DeadLetters.of(rec, "enrichment_failed", e.toString(), clock.instant()));
                    return;
                }
                accepted.inc();
                out.collect(post);
            }
            case ParseResult.Rejected<RawPost> bad -> {
                rejected.inc();
                ctx.output(DeadLetters.TAG, DeadLetters.of(rec, bad.reason(), bad.detail(), clock.instant()));
            }
        }
    }

}
