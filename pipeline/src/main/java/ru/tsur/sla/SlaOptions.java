package ru.tsur.sla;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import ru.tsur.config.ConfigException;
import ru.tsur.config.PulseConfig;

/**
 * Settings of the SLA stage, validated once.
 *
 * @param policyResource classpath resource of the SLA policy
 * @param routingResource classpath resource of the routing table
 * @param outOfOrderness how far posts and events may arrive out of order; older ones are late (side output)
 * @param quietAfter after this long without input a stream is quiet: its watermark follows the wall clock
 *     (with {@code wallClockFallback} off: quiet posts hold their watermark, quiet events go idle)
 * @param quietLag how far behind the wall clock a quiet stream's watermark stays
 * @param wallClockFallback let quiet streams' watermarks follow the wall clock, so deadlines fire at night with no
 *     input at all; off for replays of old data and for offline runs
 * @param pendingEventWait how long an event waits for the post/incident it names before it is a dead letter
 * @param postIdTtl how long the post id → incident id lookup remembers a post
 * @param asOf offline mode: deadlines after this instant do not fire (null: no limit)
 * @param spikeMinCount overrides the policy's spike minimum (null: policy)
 * @param spikeFactor overrides the policy's spike factor (null: policy)
 * @param eventsSource name of the events' origin, written into dead letters (topic or file)
 */
public record SlaOptions(
        String policyResource,
        String routingResource,
        Duration outOfOrderness,
        Duration quietAfter,
        Duration quietLag,
        boolean wallClockFallback,
        Duration pendingEventWait,
        Duration postIdTtl,
        Instant asOf,
        Integer spikeMinCount,
        Double spikeFactor,
        String eventsSource) implements Serializable {

    public SlaOptions {
        requirePositive("outOfOrderness", outOfOrderness);
        requirePositive("quietAfter", quietAfter);
        requirePositive("quietLag", quietLag);
        requirePositive("pendingEventWait", pendingEventWait);
        requirePositive("postIdTtl", postIdTtl);
        if (spikeMinCount != null && spikeMinCount < 1) {
            throw new IllegalArgumentException("sla spikeMinCount must be >= 1: " + spikeMinCount);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("sla " + name + " must be a positive duration: " + d);
        }
    }

    /** Streaming defaults: 2 min out of order, quiet after 10 s, wall-clock fallback 30 s behind. */
    public static SlaOptions defaults() {
        return new SlaOptions("/sla/policy.properties", "/sla/routing/routing.csv", Duration.ofMinutes(2),
                Duration.ofSeconds(10), Duration.ofSeconds(30), true, Duration.ofHours(1), Duration.ofDays(30),
                null, null, null, "incident-events");
    }

    /**
     * From the Pulse configuration: {@code watermark.out.of.orderness}, {@code topics.events}, and the SLA keys
     * {@code sla.wall.clock.fallback} (true), {@code sla.quiet.after} (10s), {@code sla.quiet.lag} (30s),
     * {@code sla.spike.min.count} (policy). Errors name the key.
     */
    public static SlaOptions from(PulseConfig c) {
        Map<String, String> all = c.all();
        SlaOptions o = defaults().withOutOfOrderness(c.outOfOrderness()).withEventsSource(c.topics().events());
        String fallback = all.getOrDefault("sla.wall.clock.fallback", "true");
        if (!fallback.equals("true") && !fallback.equals("false")) {
            throw new ConfigException("sla.wall.clock.fallback must be true or false, got '" + fallback + "'");
        }
        o = o.withWallClockFallback(Boolean.parseBoolean(fallback)).withQuiet(
                duration(all, "sla.quiet.after", o.quietAfter()), duration(all, "sla.quiet.lag", o.quietLag()));
        String min = all.get("sla.spike.min.count");
        if (min != null) {
            try {
                o = o.withSpike(Integer.parseInt(min), null);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("sla.spike.min.count must be a positive integer, got '" + min + "'");
            }
        }
        return o;
    }

    /** Same duration syntax as the rest of the configuration: 30s, 5m, 2h, 7d or ISO-8601. */
    private static Duration duration(Map<String, String> all, String key, Duration def) {
        String v = all.get(key);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            if (v.endsWith("d") && Character.isDigit(v.charAt(0))) {
                return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.parse(v.startsWith("P") ? v : "PT" + v.toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ConfigException(key + " must be a duration like 30s, 5m, 2h, 7d or PT5M, got '" + v + "'");
        }
    }

    /**
     * Offline (files): no wall clock, deadlines up to {@code asOf} (null = all). Files are not sorted by time, so
     * nothing counts as late: the watermark stays ten years behind and the end of input fires the deadlines, in
     * event-time order per incident (a reaction found in the files first fires the deadlines it missed).
     */
    public static SlaOptions offline(Instant asOf, String eventsSource) {
        return defaults().withWallClockFallback(false).withOutOfOrderness(Duration.ofDays(3650)).withAsOf(asOf)
                .withEventsSource(eventsSource);
    }

    public SlaOptions withWallClockFallback(boolean on) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag, on,
                pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withAsOf(Instant t) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag,
                wallClockFallback, pendingEventWait, postIdTtl, t, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withEventsSource(String s) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag,
                wallClockFallback, pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, s);
    }

    public SlaOptions withOutOfOrderness(Duration d) {
        return new SlaOptions(policyResource, routingResource, d, quietAfter, quietLag, wallClockFallback,
                pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withQuiet(Duration after, Duration lag) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, after, lag, wallClockFallback,
                pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withSpike(Integer minCount, Double factor) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag,
                wallClockFallback, pendingEventWait, postIdTtl, asOf, minCount, factor, eventsSource);
    }

    /** True when a deadline at {@code ts} may fire (offline {@code --as-of}). */
    public boolean fires(long ts) {
        return asOf == null || ts <= asOf.toEpochMilli();
    }
}
