package ru.tsur.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The steady-state rate of a running job: once a second, the offsets its Kafka source committed (at each completed
 * checkpoint) with the clock and the process CPU. The rate between the first commit past half the input and the last
 * commit leaves out what a long-running job pays once — start-up, class loading, the JIT compiling the whole graph
 * (C2 alone took ~100 CPU-seconds of a 1 M-post run, docs/performance.md) — and the final checkpoint.
 */
final class CommittedProgress implements AutoCloseable {

    /** One poll: wall clock and process CPU in nanoseconds, posts committed so far. */
    record Sample(long nanos, long cpuNanos, long committed) {}

    /** Posts, seconds and CPU-seconds between two commits, and the rates they give. */
    record Window(long posts, double seconds, double cpuSeconds, long fromPost) {
        double postsPerSecond() {
            return posts / seconds;
        }

        double postsPerCpuSecond() {
            return posts / cpuSeconds;
        }
    }

    private final Admin admin;
    private final String groupId;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    CommittedProgress(String bootstrap, String groupId) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.groupId = groupId;
        this.poller = new Thread(this::poll, "bench-progress");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            try {
                long committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                        .get(5, TimeUnit.SECONDS).values().stream()
                        .filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
                synchronized (samples) {
                    samples.add(new Sample(System.nanoTime(), BenchSupport.processCpuNanos(), committed));
                }
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the group appears with the first commit; until then there is nothing to sample
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * From the first sample that saw a commit at or past {@code fromPost} to the first that saw the last commit
     * before the input's end (the final checkpoint is left out); empty when fewer than two commits fall in it.
     */
    java.util.Optional<Window> window(long fromPost, long total) {
        List<Sample> s;
        synchronized (samples) {
            s = List.copyOf(samples);
        }
        return window(s, fromPost, total);
    }

    static java.util.Optional<Window> window(List<Sample> s, long fromPost, long total) {
        Sample first = null;
        Sample last = null;
        for (Sample x : s) {
            if (first == null) {
                if (x.committed() >= fromPost && x.committed() < total) {
                    first = x;
                }
            } else if (x.committed() < total && x.committed() > (last == null ? first : last).committed()) {
                last = x;
            }
        }
        if (first == null || last == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Window(last.committed() - first.committed(),
                (last.nanos() - first.nanos()) / 1e9, (last.cpuNanos() - first.cpuNanos()) / 1e9, first.committed()));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(10_000);
        admin.close();
    }
}
