package ru.tsur.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** At parallelism 1 in streaming mode a keyed step chains to its input; elsewhere it shuffles; state works in both. */
class KeyedTest {

    private static StreamExecutionEnvironment env(int parallelism, RuntimeExecutionMode mode) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, mode);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    /** Counts the words seen so far per word: keyed state. */
    private static final class Count extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> n;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
            n = getRuntimeContext().getState(new ValueStateDescriptor<>("n", Integer.class));
        }

        @Override
        public void processElement(String w, Context ctx, Collector<String> out) throws Exception {
            int c = n.value() == null ? 1 : n.value() + 1;
            n.update(c);
            out.collect(w + c);
        }
    }

    private static int vertices(int parallelism, RuntimeExecutionMode mode) {
        StreamExecutionEnvironment env = env(parallelism, mode);
        var words = env.fromData("a", "b", "a").map(String::trim).name("trim");
        Keyed.by(words, w -> w, Types.STRING).process(new Count()).name("count").sinkTo(
                new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        return env.getStreamGraph().getJobGraph().getNumberOfVertices();
    }

    @Test
    void theKeyedStepChainsOnlyAtParallelismOneInStreamingMode() {
        assertEquals(1, vertices(1, RuntimeExecutionMode.STREAMING));
        assertTrue(vertices(2, RuntimeExecutionMode.STREAMING) > 1);
        assertTrue(vertices(1, RuntimeExecutionMode.BATCH) > 1, "batch sorts keyed inputs at a shuffle");
    }

    @Test
    void keyedStateHoldsPerKeyWhenChained() throws Exception {
        StreamExecutionEnvironment env = env(1, RuntimeExecutionMode.STREAMING);
        var words = env.fromData("a", "b", "a", "a", "b").map(String::trim);
        List<String> out = new ArrayList<>();
        Keyed.by(words, w -> w, Types.STRING).process(new Count()).executeAndCollect().forEachRemaining(out::add);
        assertEquals(List.of("a1", "b1", "a2", "a3", "b2"), out);
    }

    @Test
    void aStreamKeyedAndMappedIsKeyedAgainWithoutASecondShuffle() throws Exception {
        StreamExecutionEnvironment env = env(2, RuntimeExecutionMode.STREAMING);
        var mapped = env.fromData("a ", "b", "a", " a", "b").keyBy(w -> w.trim(), Types.STRING).map(String::trim);
        Keyed.again(mapped, w -> w, Types.STRING).process(new Count()).sinkTo(
                new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        assertEquals(2, env.getStreamGraph().getJobGraph().getNumberOfVertices(), "source, then one keyed chain");

        StreamExecutionEnvironment run = env(2, RuntimeExecutionMode.STREAMING);
        var again = run.fromData("a ", "b", "a", " a", "b").keyBy(w -> w.trim(), Types.STRING).map(String::trim);
        List<String> out = new ArrayList<>();
        Keyed.again(again, w -> w, Types.STRING).process(new Count()).executeAndCollect().forEachRemaining(out::add);
        out.sort(null);
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2"), out, "each key counted in one subtask");
    }
}
