package ru.tsur.jobs.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the end-to-end benchmarks share: arguments, and the machine figures printed next to every result. */
final class BenchSupport {
    private BenchSupport() {}

    static int intArg(String[] args, String name, int def) {
        String v = arg(args, name, null);
        return v == null ? def : Integer.parseInt(v);
    }

    /** The {@code key=value} arguments: configuration keys of the job (docs/configuration.md) over the defaults. */
    static Map<String, String> overrides(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") && a.contains("=")) {
                m.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return m;
    }

    static String arg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    /** CPU time of this whole process (task threads, in-process broker, GC, JIT). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, so every figure says how busy it was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /**
     * CPU time of Flink's task threads (named {@code "<operators> (i/n)#attempt"}) during a job: the work of the
     * operators themselves, without the in-process broker, job start-up, JIT and GC. Task threads end with the job,
     * so their CPU time is sampled every 200 ms while it runs (the last 200 ms of a thread may be missed).
     */
    static final class TaskCpu extends Sampler {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> last = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();

        TaskCpu() {
            start("bench-task-cpu", 200);
        }

        @Override
        synchronized void sample() {
            for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null && t.getThreadName().matches(".* \\(\\d+/\\d+\\)#\\d+")) {
                    long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                    if (cpu > 0) {
                        last.put(t.getThreadId(), cpu);
                        names.put(t.getThreadId(), t.getThreadName().replaceAll(" \\(\\d+/\\d+\\)#\\d+$", ""));
                    }
                }
            }
        }

        /** Seconds of task-thread CPU so far. */
        synchronized double seconds() {
            sample();
            return last.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        }

        /** Task-thread CPU seconds per operator chain (all its parallel instances), the largest first. */
        synchronized String byChain(int top) {
            sample();
            Map<String, Long> sum = new HashMap<>();
            last.forEach((id, cpu) -> sum.merge(names.get(id), cpu, Long::sum));
            StringBuilder out = new StringBuilder();
            sum.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.append(String.format("    %7.1f s  %s%n", e.getValue() / 1e9,
                            e.getKey().length() > 100 ? e.getKey().substring(0, 100) + "…" : e.getKey())));
            return out.toString();
        }
    }

    /**
     * CPU time of every thread of this process as Linux counts it ({@code /proc/self/task}), JVM threads included
     * that Java does not list (JIT compiler, GC), grouped by thread name with digits folded ({@code GC Thread#N}).
     * Linux keeps 15 characters of a name, so Flink's task threads show as the start of their chain's name. Sampled
     * every 500 ms (a thread that ends loses its last half second); zero where there is no {@code /proc}.
     */
    static final class OsThreadCpu extends Sampler {
        private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
        private final Map<Integer, Long> start = new HashMap<>();
        private final Map<Integer, Long> last = new HashMap<>();
        private final Map<Integer, String> names = new HashMap<>();

        OsThreadCpu() {
            sample(start);
            start("bench-os-cpu", 500);
        }

        @Override
        void sample() {
            sample(last);
        }

        private synchronized void sample(Map<Integer, Long> into) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(t.resolve("stat"));
                    } catch (IOException e) {
                        continue; // the thread ended meanwhile
                    }
                    // "tid (comm) state ppid …": comm may hold spaces and parentheses, the fields follow the last ')'
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    int tid = Integer.parseInt(t.getFileName().toString());
                    into.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime + stime
                    names.put(tid, stat.substring(open + 1, close).replaceAll("\\d+", "#"));
                }
            } catch (IOException | RuntimeException e) {
                // no /proc: nothing to report
            }
        }

        /** CPU seconds per thread name since this was created, the largest {@code top} first, on one line. */
        synchronized String top(int top) {
            sample();
            Map<String, Long> sum = new HashMap<>();
            last.forEach((tid, ticks) -> sum.merge(names.get(tid), ticks - start.getOrDefault(tid, 0L), Long::sum));
            StringBuilder out = new StringBuilder();
            sum.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .forEach(e -> out.append(out.isEmpty() ? "" : ", ")
                            .append(String.format("%s %.1f", e.getKey(), e.getValue() / TICKS_PER_SECOND)));
            return out.toString();
        }
    }

    /** A daemon thread that calls {@link #sample} every few milliseconds until closed. */
    abstract static class Sampler implements AutoCloseable {
        private Thread thread;
        private volatile boolean running = true;

        abstract void sample();

        final void start(String name, long everyMillis) {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(everyMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }
    }
}
