package ru.tsur.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.Post;

/**
 * The first deduplication: posts with the same folded text (case, ё, punctuation and spacing ignored) within the
 * horizon join the first one's incident. Superseded by MinHash/LSH near-duplicate detection.
 */
public final class DedupStage {

    private DedupStage() {}

    public static SingleOutputStreamOperator<Post> apply(DataStream<Post> classified, Duration horizon) {
        return classified.keyBy(DedupStage::fingerprint)
                .process(new ExactTextDedup(horizon)).name("dedup").uid("dedup");
    }

    static String fingerprint(Post p) {
        StringBuilder b = new StringBuilder();
        for (char c : p.getText().toLowerCase(Locale.ROOT).replace('ё', 'е').toCharArray()) {
            if (Character.isLetterOrDigit(c)) b.append(c);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class ExactTextDedup extends KeyedProcessFunction<String, Post, Post> {
        private final Duration horizon;
        private transient ValueState<String> first; // "postId|incidentId"

        ExactTextDedup(Duration horizon) {
            this.horizon = horizon;
        }

        @Override
        public void open(OpenContext ctx) {
            ValueStateDescriptor<String> d = new ValueStateDescriptor<>("first", String.class);
            d.enableTimeToLive(StateTtlConfig.newBuilder(horizon).build());
            first = getRuntimeContext().getState(d);
        }

        @Override
        public void processElement(Post p, Context ctx, Collector<Post> out) throws Exception {
            if (!p.getActionable()) {
                p.setDedupMethod("noise");
                out.collect(p);
                return;
            }
            String seen = first.value();
            if (seen == null) {
                first.update(p.getId() + "|" + "inc-" + p.getId());
                p.setIncidentId("inc-" + p.getId());
                p.setDedupMethod("new");
            } else {
                int bar = seen.indexOf('|');
                p.setDuplicateOf(seen.substring(0, bar));
                p.setIncidentId(seen.substring(bar + 1));
                p.setDedupMethod("exact");
            }
            out.collect(p);
        }
    }
}
