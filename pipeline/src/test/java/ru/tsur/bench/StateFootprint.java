package ru.tsur.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import ru.tsur.classify.ClassifyStage;
import ru.tsur.classify.LuceneClassifier;
import ru.tsur.dedup.BandEntry;
import ru.tsur.dedup.CopyIndex;
import ru.tsur.dedup.DedupOptions;
import ru.tsur.dedup.ThreadRoot;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.core.IncidentLifecycle;
import ru.tsur.sla.core.SlaClock;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.routing.RoutingTable;

/**
 * Memory of the keyed state, measured on generated posts that went through the real parse, enrichment,
 * classification and SLA code: the serialized bytes of each state value (what RocksDB stores and a checkpoint
 * writes) and the heap the values take when {@code -Dincidents=N} incidents are open at once (heap state backend; the
 * backend's own map entry, about 60 bytes per state entry, comes on top). Then the dedup state per post through
 * {@link CopyIndex} (the same band entries the band operator keeps). Run: {@code scripts/bench-memory}.
 */
public final class StateFootprint {

    public static void main(String[] args) throws Exception {
        int incidents = Integer.getInteger("incidents", 1_000_000);
        int dedupPosts = Integer.getInteger("dedupPosts", 200_000);
        List<Post> sample = posts(20_000);
        IncidentLifecycle life = new IncidentLifecycle(SlaPolicy.load(), RoutingTable.load(),
                ProductionCalendar.load());
        SerializerConfigImpl cfg = new SerializerConfigImpl();
        cfg.setGenericTypes(false);
        AvroSerializer<Incident> incidentSer = new AvroSerializer<>(Incident.class);
        TypeSerializer<SlaClock> clockSer = TypeInformation.of(SlaClock.class).createSerializer(cfg);
        TypeSerializer<BandEntry> entrySer = TypeInformation.of(BandEntry.class).createSerializer(cfg);
        TypeSerializer<ThreadRoot> rootSer = TypeInformation.of(ThreadRoot.class).createSerializer(cfg);
        AvroSerializer<Post> postSer = new AvroSerializer<>(Post.class);

        long incBytes = 0;
        long clockBytes = 0;
        long postBytes = 0;
        int opened = 0;
        for (Post p : sample) {
            postBytes += size(postSer, p);
            if (!IncidentLifecycle.opens(p)) {
                continue;
            }
            SlaClock clock = new SlaClock();
            Incident inc = life.open(p, clock).version();
            incBytes += size(incidentSer, inc);
            clockBytes += size(clockSer, clock);
            opened++;
        }
        System.out.printf("serialized per open incident: Incident %.0f B + SlaClock %.0f B (+ key %.0f B) over %d "
                        + "incidents; a Post (event-time buffers, network) %.0f B%n", (double) incBytes / opened,
                (double) clockBytes / opened, 2.0 + avgIdLength(sample), opened, (double) postBytes / sample.size());

        // heap: N open incidents at once, built from the sample's posts with distinct ids
        Object[] held = new Object[2 * incidents];
        long before = usedHeap();
        int n = 0;
        for (int i = 0; n < incidents; i++) {
            Post p = sample.get(i % sample.size());
            if (!IncidentLifecycle.opens(p)) {
                continue;
            }
            Post copy = Post.newBuilder(p).setId(p.getId() + "#" + i).setIncidentId("inc:" + p.getId() + "#" + i)
                    .build();
            SlaClock clock = new SlaClock();
            // a serialization round trip gives the incident strings of its own, as real incidents have
            held[2 * n] = roundTrip(incidentSer, life.open(copy, clock).version());
            held[2 * n + 1] = clock;
            n++;
        }
        long after = usedHeap();
        java.lang.ref.Reference.reachabilityFence(held); // else the JIT may let the array die before the measurement
        System.out.printf("heap for %,d open incidents (Incident + SlaClock objects): %,d MB = %.0f B per incident%n",
                incidents, (after - before) >> 20, (double) (after - before) / incidents);
        held = null;

        // dedup: serialized band entry and thread root, heap per post through the copy index
        DedupOptions opts = DedupOptions.DEFAULT;
        CopyIndex index = new CopyIndex(opts, false);
        var sketcher = opts.sketcher();
        long entryBytes = 0;
        long entries = 0;
        before = usedHeap();
        for (int i = 0; i < dedupPosts; i++) {
            Post p = sample.get(i % sample.size());
            var sketch = sketcher.sketch(p.getText() + " " + i); // distinct texts: every post is stored
            index.add(p.getId() + "#" + i, 1_000L * i, sketch);
        }
        after = usedHeap();
        BandEntry e = new BandEntry("vk:wall-123456_7890", 1L, 2L, 3L, 120, 4L,
                opts.sketcher().sketch(sample.get(0).getText()).packedBits());
        entryBytes = size(entrySer, e);
        entries = index.entries();
        long rootBytes = size(rootSer, new ThreadRoot("inc:vk:wall-123456_7890", "vk:wall-123456_7890", 1L));
        System.out.printf("dedup per stored post: %d band entries of %d B serialized (+ 8 B band key) = %.0f B; heap "
                        + "%.0f B per post (%.0f B per band entry) over %,d posts; thread root %d B serialized%n",
                opts.bands(), entryBytes, opts.bands() * (entryBytes + 8.0), (double) (after - before) / dedupPosts,
                (double) (after - before) / entries, dedupPosts, rootBytes);
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T v) throws java.io.IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        s.serialize(v, out);
        return s.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(out.getSharedBuffer(), 0,
                out.length()));
    }

    private static double avgIdLength(List<Post> posts) {
        return posts.stream().mapToInt(p -> p.getId().length() + 4).average().orElse(0);
    }

    private static <T> int size(TypeSerializer<T> s, T v) throws java.io.IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        s.serialize(v, out);
        return out.length();
    }

    /** Generated posts through the real parse, enrichment and classification; incident ids as dedup gives them. */
    static List<Post> posts(int n) {
        List<Post> out = new ArrayList<>();
        try (LuceneClassifier classifier = LuceneClassifier.withDefaultRules()) {
            for (Post enriched : new EnrichedStream(42).posts(n)) {
                Post p = ClassifyStage.annotate(enriched, classifier.classify(enriched.getText()));
                if (p.getActionable() && !p.getOfficial()) {
                    p.setIncidentId("inc:" + p.getId());
                }
                out.add(p);
            }
        }
        return out;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
