package ru.tsur.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A JMH state that prints the CPU time of the benchmark thread per operation after each iteration. On a machine
 * shared with other work JMH's ops/s mostly measures how much of a core the thread got; CPU time per operation
 * measures the code. Benchmarks extend it and count their operations in {@link #ops}; JMH runs the iteration
 * fixtures on the benchmark thread.
 */
public abstract class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    protected long ops;
    private long cpu0;
    private long ops0;

    @Setup(Level.Iteration)
    public void cpuStart() {
        cpu0 = THREADS.getCurrentThreadCpuTime();
        ops0 = ops;
    }

    @TearDown(Level.Iteration)
    public void cpuStop(BenchmarkParams params) {
        double perOp = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / Math.max(1, ops - ops0);
        System.out.printf("  [cpu] %s: %.2f µs CPU/op = %.0f ops per CPU-second%n",
                params.getBenchmark().replaceAll(".*\\.", ""), perOp, 1e6 / perOp);
    }
}
