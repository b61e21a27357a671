package ru.tsur.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the benchmark thread per operation, printed after each iteration. On a machine shared with other work
 * JMH's ops/s mostly measures how much of a core the thread got; CPU time per operation measures the code.
 * Call {@link #start} in an iteration-level setup and {@link #stop} in the teardown (JMH runs both on the benchmark
 * thread); count operations in the benchmark method.
 */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long cpu0;
    private long ops0;

    void start(long ops) {
        cpu0 = THREADS.getCurrentThreadCpuTime();
        ops0 = ops;
    }

    void stop(String what, long ops) {
        double perOp = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / Math.max(1, ops - ops0);
        System.out.printf("  [cpu] %s: %.2f µs CPU/op = %.0f ops per CPU-second%n", what, perOp, 1e6 / perOp);
    }
}
