package ru.tsur.generator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import ru.tsur.geo.Gazetteer;
import ru.tsur.geo.GeoAttributor;
import ru.tsur.ingest.ParseResult;
import ru.tsur.ingest.PostEnricher;
import ru.tsur.ingest.PostParser;
import ru.tsur.ingest.RawPost;
import ru.tsur.privacy.Pseudonymizer;
import ru.tsur.schema.Post;

/**
 * Generated posts as the job's first operator makes them — the real byte-level parse and enrichment — for the
 * benchmarks and evaluators that start behind it. The stream starts on Monday 2026-03-02 (Moscow time).
 */
public final class EnrichedStream {
    /** One accepted post, with what the generator knows about it. */
    public record Item(GeneratedPost generated, Post post) {}

    private final PostGenerator generator;
    private final PostParser parser = new PostParser();
    private final PostEnricher enricher = new PostEnricher(
            new Pseudonymizer("bench-key-0123456789".getBytes(StandardCharsets.UTF_8)),
            new GeoAttributor(Gazetteer.shared()), PostEnricher.Options.defaults(), Clock.systemUTC());

    public EnrichedStream(long seed) {
        generator = new PostGenerator(PostGenerator.Options.defaults(seed,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00")));
    }

    /** The next generated post the parser accepts (the generator's garbage share is skipped). */
    public Item next() {
        while (true) {
            GeneratedPost g = generator.next();
            if (parser.parse(g.json()) instanceof ParseResult.Accepted<RawPost> ok) {
                return new Item(g, enricher.enrich(ok.value()));
            }
        }
    }

    /** The next {@code n} accepted posts. */
    public List<Post> posts(int n) {
        List<Post> out = new ArrayList<>(n);
        while (out.size() < n) {
            out.add(next().post());
        }
        return out;
    }
}
