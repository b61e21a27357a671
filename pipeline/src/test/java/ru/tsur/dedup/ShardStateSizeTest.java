package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import ru.tsur.dedup.eval.DedupEvaluation;
import ru.tsur.dedup.eval.LabelledPost;

/**
 * Serialized band state per stored post — what a checkpoint writes — with the shards' {@link ShardIndex} log segments against
 * one full {@link BandEntry} per band; and the index replayed from them decides as the one they were logged by.
 */
class ShardStateSizeTest {

    @Test
    void aStoredPostCostsLessThanHalfOfOneEntryPerBandAndRestoresAsItWas() throws Exception {
        SerializerConfigImpl cfg = new SerializerConfigImpl();
        cfg.setGenericTypes(false);
        TypeSerializer<BandEntry> entrySer = TypeInformation.of(BandEntry.class).createSerializer(cfg);
        DedupOptions opts = DedupOptions.DEFAULT;
        SketchPosts sketch = new SketchPosts(opts);
        sketch.open(null);
        List<LabelledPost> posts = DedupEvaluation.builtin();
        Map<Integer, ShardIndex> shards = new HashMap<>();
        long perBand = 0;
        int n = 0;
        for (LabelledPost l : posts.subList(0, 200)) {
            List<BandProbe> probes = new ArrayList<>();
            sketch.probes(l.post(), new ListCollector<>(probes));
            if (probes.get(0).passThrough() || !probes.get(0).store) {
                continue;
            }
            for (BandProbe p : probes) {
                shards.computeIfAbsent(p.shardKey, k -> new ShardIndex(opts)).match(p);
            }
            BandProbe p = probes.get(0);
            BandEntry e = new BandEntry(p.postId, p.ts, p.ts, p.fingerprint, p.shingles, p.numbers, p.bits);
            perBand += opts.bands() * (size(entrySer, e) + 8L + 4); // entry, band key, list length
            n++;
        }
        long sharded = 0;
        Map<Integer, ShardIndex> restored = new HashMap<>();
        for (Map.Entry<Integer, ShardIndex> s : shards.entrySet()) {
            byte[] bytes = s.getValue().drainLog().bytes();
            sharded += bytes.length;
            ShardIndex replayed = new ShardIndex(opts);
            replayed.replay(bytes);
            restored.put(s.getKey(), replayed);
            assertEquals(s.getValue().size(), restored.get(s.getKey()).size());
            assertEquals(s.getValue().buckets(), restored.get(s.getKey()).buckets());
        }
        System.out.printf("serialized band state per stored post: %d B in %d shards (one entry per band: %d B)%n",
                sharded / n, shards.size(), perBand / n);
        assertTrue(2 * sharded <= perBand, sharded / n + " B per post vs " + perBand / n + " B");

        // the next posts decide the same against the original and the restored shards
        int matched = 0;
        for (LabelledPost l : posts.subList(200, 400)) {
            List<BandProbe> probes = new ArrayList<>();
            sketch.probes(l.post(), new ListCollector<>(probes));
            if (probes.get(0).passThrough()) {
                continue;
            }
            for (BandProbe p : probes) {
                CopyMatch a = shards.computeIfAbsent(p.shardKey, k -> new ShardIndex(opts)).match(p);
                CopyMatch b = restored.computeIfAbsent(p.shardKey, k -> new ShardIndex(opts)).match(p);
                assertEquals(a, b, p.postId);
                matched += a == null ? 0 : 1;
            }
        }
        assertTrue(matched > 0, "some of the next posts are copies of stored ones");
    }

    private static <T> long size(TypeSerializer<T> s, T v) throws java.io.IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(v, out);
        return out.length();
    }
}
