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
 * @param quietAfter after this long without input a stream is quiet: a live one follows the wall clock, a replay
 *     keeps its own clock running (see {@link ru.tsur.sla.time.QuietAwareWatermarks}); with
 *     {@code wallClockFallback} off quiet posts hold their watermark and quiet events go idle
 * @param quietLag how far behind the wall clock a live stream's SLA watermark stays, busy or quiet (deadlines fire this
 *     long after they pass; posts and events that reach the SLA stage later than that are late, applied all the same)
 * @param liveLag a stream whose newest post was at most this far behind the wall clock when it came is live; further
 *     behind it is a replay or backfill, and quiet never moves it to the wall clock
 * @param wallClockFallback let quiet streams' watermarks move on with the wall clock, so deadlines fire at night with
 *     no input at all; off for offline runs and for replays that must not depend on the wall clock
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
        Duration liveLag,
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
        requirePositive("liveLag", liveLag);
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

    /**
     * Streaming defaults: 2 min out of order, quiet after 10 s, wall-clock fallback 30 s behind for streams within
     * 2 h of the wall clock (scrapers and moderated portals deliver posts up to an hour or so late).
     */
    public static SlaOptions defaults() {
        return new SlaOptions("/sla/policy.properties", "/sla/routing/routing.csv", Duration.ofMinutes(2),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(2), true, Duration.ofHours(1),
                Duration.ofDays(30), null, null, null, "incident-events");
    }

    /**
     * From the Pulse configuration: {@code watermark.out.of.orderness}, {@code topics.events}, and the SLA keys
     * {@code sla.wall.clock.fallback} (true), {@code sla.quiet.after} (10s), {@code sla.quiet.lag} (30s),
     * {@code sla.live.lag} (2h), {@code sla.spike.min.count} (policy). Errors name the key.
     */
    public static SlaOptions from(PulseConfig c) {
        Map<String, String> all = c.all();
        SlaOptions o = defaults().withOutOfOrderness(c.outOfOrderness()).withEventsSource(c.topics().events());
        String fallback = all.getOrDefault("sla.wall.clock.fallback", "true");
        if (!fallback.equals("true") && !fallback.equals("false")) {
            throw new ConfigException("sla.wall.clock.fallback must be true or false, got '" + fallback + "'");
        }
        o = o.withWallClockFallback(Boolean.parseBoolean(fallback)).withQuiet(
                duration(all, "sla.quiet.after", o.quietAfter()), duration(all, "sla.quiet.lag", o.quietLag()))
                .withLiveLag(duration(all, "sla.live.lag", o.liveLag()));
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
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag, liveLag, on,
                pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withAsOf(Instant t) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag,
                liveLag, wallClockFallback, pendingEventWait, postIdTtl, t, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withEventsSource(String s) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag,
                liveLag, wallClockFallback, pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, s);
    }

    public SlaOptions withOutOfOrderness(Duration d) {
        return new SlaOptions(policyResource, routingResource, d, quietAfter, quietLag, liveLag, wallClockFallback,
                pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withQuiet(Duration after, Duration lag) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, after, lag, liveLag, wallClockFallback,
                pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withLiveLag(Duration lag) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag, lag,
                wallClockFallback, pendingEventWait, postIdTtl, asOf, spikeMinCount, spikeFactor, eventsSource);
    }

    public SlaOptions withSpike(Integer minCount, Double factor) {
        return new SlaOptions(policyResource, routingResource, outOfOrderness, quietAfter, quietLag,
                liveLag, wallClockFallback, pendingEventWait, postIdTtl, asOf, minCount, factor, eventsSource);
    }

    /** True when a deadline at {@code ts} may fire (offline {@code --as-of}). */
    public boolean fires(long ts) {
        return asOf == null || ts <= asOf.toEpochMilli();
    }
}
