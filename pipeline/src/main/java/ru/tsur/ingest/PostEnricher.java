package ru.tsur.ingest;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import ru.tsur.geo.GeoAttributor;
import ru.tsur.geo.GeoMatch;
import ru.tsur.privacy.PiiMasker;
import ru.tsur.privacy.Pseudonymizer;
import ru.tsur.schema.Post;
import ru.tsur.text.TextNormalizer;

/**
 * Turns a contract-valid {@link RawPost} into the stored {@link Post}: normalized (and, for the analysts' datasets,
 * masked) text, pseudonymized author, region/municipality/time zone, and the local publication date that partitions
 * the datasets. Classification and dedup fields keep their schema defaults until later stages fill them.
 * Not thread-safe (the pseudonymizer holds a Mac): one per task.
 */
public final class PostEnricher {

    /**
     * @param maskPii mask phone numbers and e-mails in {@code text}
     * @param keepOriginal keep the untouched text in {@code text_original} (only where the operator needs it)
     */
    public record Options(boolean maskPii, boolean keepOriginal) implements java.io.Serializable {
        public static Options defaults() {
            return new Options(true, false);
        }
    }

    private final Pseudonymizer pseudonymizer;
    private final GeoAttributor geo;
    private final Options options;
    private final Clock clock;

    public PostEnricher(Pseudonymizer pseudonymizer, GeoAttributor geo, Options options, Clock clock) {
        this.pseudonymizer = pseudonymizer;
        this.geo = geo;
        this.options = options;
        this.clock = clock;
    }

    public Post enrich(RawPost raw) {
        String normalized = TextNormalizer.normalize(raw.text());
        // geo looks at the unmasked text: a masked phone never names a place, but keeping one code path is simpler
        GeoMatch where = geo.attribute(normalized, raw.regionHint());
        ZoneOffset local = where.method().equals("none") ? raw.publishedAt().getOffset() : where.zone();

        Post p = new Post();
        p.setId(raw.id());
        p.setSource(raw.source());
        p.setPublishedAt(raw.publishedAt().toInstant());
        p.setPublishedOffset(raw.publishedAt().getOffset().getId());
        p.setDt(raw.publishedAt().toInstant().atOffset(local).toLocalDate().toString());
        p.setText(options.maskPii() ? PiiMasker.mask(normalized) : normalized);
        p.setTextOriginal(options.keepOriginal() ? raw.text() : null);
        p.setUrl(raw.url());
        p.setAuthorHash(pseudonymizer.pseudonym(raw.author()));
        p.setReplyTo(raw.replyTo());
        p.setRepostOf(raw.repostOf());
        p.setOfficial(raw.official());
        p.setRegionCode(where.regionCode());
        p.setRegion(where.region());
        p.setMunicipality(where.municipality());
        p.setTimezone(where.zone().getId());
        p.setGeoMethod(where.method());
        p.setSector("other");
        p.setTopics(List.of());
        p.setActionable(true);
        p.setSeverity("normal");
        p.setScore(0.0);
        p.setMatched(List.of());
        p.setIngestedAt(clock.instant());
        return p;
    }
}
