package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import ru.tsur.dedup.eval.DedupEvaluation;
import ru.tsur.dedup.eval.LabelledPost;

/**
 * Serialized band state per stored post — what a heap-state checkpoint writes — with the sketch kept once per shard
 * ({@link ShardPost} + one 8-byte reference per bucket) against one full {@link BandEntry} per band.
 */
class ShardStateSizeTest {

    @Test
    void aStoredPostCostsLessThanHalfOfOneEntryPerBand() throws Exception {
        SerializerConfigImpl cfg = new SerializerConfigImpl();
        cfg.setGenericTypes(false);
        TypeSerializer<ShardPost> postSer = TypeInformation.of(ShardPost.class).createSerializer(cfg);
        TypeSerializer<BandEntry> entrySer = TypeInformation.of(BandEntry.class).createSerializer(cfg);
        DedupOptions opts = DedupOptions.DEFAULT;
        SketchPosts sketch = new SketchPosts(opts);
        sketch.open(null);
        long sharded = 0;
        long perBand = 0;
        int n = 0;
        for (LabelledPost l : DedupEvaluation.builtin().subList(0, 200)) {
            List<BandProbe> probes = new ArrayList<>();
            sketch.flatMap(l.post(), new ListCollector<>(probes));
            if (probes.get(0).passThrough()) {
                continue;
            }
            for (BandProbe p : probes) {
                // the post under its reference (8-byte key), and in each of its buckets here the reference, plus the
                // bucket's key and array length (as if every bucket were new: most are, for distinct texts)
                sharded += size(postSer, ShardPost.of(p, new CopyMatch[p.bandKeys.length])) + 8
                        + (8L + 8 + 4) * p.bandKeys.length;
            }
            BandProbe p = probes.get(0);
            BandEntry e = new BandEntry(p.postId, p.ts, p.ts, p.fingerprint, p.shingles, p.numbers, p.bits);
            perBand += opts.bands() * (size(entrySer, e) + 8L + 4); // entry, band key, list length
            n++;
        }
        System.out.printf("serialized band state per stored post: %d B in %d shards (one entry per band: %d B)%n",
                sharded / n, opts.shards(), perBand / n);
        assertTrue(2 * sharded <= perBand, sharded / n + " B per post vs " + perBand / n + " B");
    }

    private static <T> long size(TypeSerializer<T> s, T v) throws java.io.IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(v, out);
        return out.length();
    }
}
