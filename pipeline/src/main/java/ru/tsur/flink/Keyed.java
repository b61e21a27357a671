package ru.tsur.flink;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Keying a stream between two steps of the job. At parallelism 1 in streaming mode every key already lives in the one
 * subtask, so the stream is reinterpreted as keyed instead of shuffled: the keyed step then chains to the one before
 * it (same thread, records handed over as objects) instead of serializing every record into network buffers for
 * another thread to read back — the cost the 2-core deployment paid per post at each of its keyed steps. Keyed state
 * and timers work the same (all key groups in the one subtask), so a savepoint moves between parallelism 1 and more
 * as before. At other parallelism, and in batch mode (whose keyed inputs are sorted at the shuffle), a plain keyBy.
 */
public final class Keyed {
    private Keyed() {}

    public static <T, K> KeyedStream<T, K> by(DataStream<T> in, KeySelector<T, K> key, TypeInformation<K> keyType) {
        return chainable(in) ? DataStreamUtils.reinterpretAsKeyedStream(in, key, keyType) : in.keyBy(key, keyType);
    }

    /** Whether {@link #by} reinterprets {@code in} instead of shuffling it. */
    public static boolean chainable(DataStream<?> in) {
        return in.getExecutionEnvironment().getParallelism() == 1 && in.getParallelism() == 1 && streaming(in);
    }

    private static boolean streaming(DataStream<?> in) {
        return in.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
                == RuntimeExecutionMode.STREAMING;
    }

    /**
     * A stream that is partitioned by {@code key} already — a keyBy on that key followed only by forward, per-record
     * steps — made keyed again without a second shuffle (streaming mode); in batch mode a keyBy, whose shuffle sorts
     * the keyed input.
     */
    public static <T, K> KeyedStream<T, K> again(DataStream<T> in, KeySelector<T, K> key, TypeInformation<K> keyType) {
        return streaming(in) ? DataStreamUtils.reinterpretAsKeyedStream(in, key, keyType) : in.keyBy(key, keyType);
    }
}
