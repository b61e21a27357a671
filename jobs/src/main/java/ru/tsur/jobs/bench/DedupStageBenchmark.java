package ru.tsur.jobs.bench;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import ru.tsur.dedup.DedupStage;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Post;

/**
 * The dedup stage alone on a local MiniCluster: N generated posts (parsed, enriched, all actionable, no classifier)
 * through {@link DedupStage} at parallelism 2, with its state, shuffles and timers; prints the task threads' CPU time
 * per operator. Run: {@code STAGE_POSTS=40000 scripts/bench-dedup}.
 */
public final class DedupStageBenchmark {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<Post> posts = new EnrichedStream(1).posts(n);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        WatermarkStrategy<Post> byPublication = WatermarkStrategy.<Post>forBoundedOutOfOrderness(Duration.ofMinutes(5))
                .withTimestampAssigner((p, t) -> p.getPublishedAt().toEpochMilli());
        DedupStage.apply(env.fromData(posts, TypeInformation.of(Post.class))
                .assignTimestampsAndWatermarks(byPublication), Duration.ofDays(7)).sinkTo(new DiscardingSink<>());
        long t0 = System.nanoTime();
        try (BenchSupport.TaskCpu tasks = new BenchSupport.TaskCpu()) {
            env.execute("dedup-stage-bench");
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = tasks.seconds();
            System.out.printf("posts=%d wall=%.1f s task-cpu=%.1f s -> %.0f posts per task-CPU-second; load average "
                    + "%s%n", n, wall, cpu, n / cpu, BenchSupport.loadAverage());
            System.out.print(tasks.byChain(8));
        }
    }
}
