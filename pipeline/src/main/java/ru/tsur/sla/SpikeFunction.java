package ru.tsur.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Post;
import ru.tsur.sla.core.AlertIds;
import ru.tsur.sla.core.AlertKind;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.spike.SpikeRule;

/**
 * Keyed by region_code|sector: counts actionable posts in 5-minute buckets and evaluates {@link SpikeRule} at each
 * bucket end that had posts (an event-time timer, so one evaluation per bucket however many posts came). A cleanup
 * timer at the last bucket + 13 h drops everything once the pair has been quiet for the whole horizon.
 */
public class SpikeFunction extends KeyedProcessFunction<String, Post, Alert> {
    private final SlaOptions opts;

    private transient SpikeRule rule;
    private transient ZoneId defaultZone;
    private transient MapState<Long, Integer> buckets;
    private transient ValueState<Long> lastSpike;
    private transient ValueState<Post> sample;

    public SpikeFunction(SlaOptions opts) {
        this.opts = opts;
    }

    public static boolean counts(Post p) {
        return p.getActionable() && !p.getOfficial() && p.getRegionCode() != null;
    }

    public static String key(Post p) {
        return p.getRegionCode() + "|" + p.getSector();
    }

    @Override
    public void open(OpenContext ctx) {
        SlaPolicy policy = SlaPolicy.load(opts.policyResource());
        rule = new SpikeRule(opts.spikeFactor() != null ? opts.spikeFactor() : policy.spikeFactor(),
                opts.spikeMinCount() != null ? opts.spikeMinCount() : policy.spikeMinCount());
        defaultZone = policy.defaultZone();
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("spike-buckets", Long.class, Integer.class));
        lastSpike = getRuntimeContext().getState(new ValueStateDescriptor<>("last-spike", Long.class));
        sample = getRuntimeContext().getState(new ValueStateDescriptor<>("spike-sample",
                new org.apache.flink.formats.avro.typeutils.AvroTypeInfo<>(Post.class)));
    }

    @Override
    public void processElement(Post p, Context ctx, Collector<Alert> out) throws Exception {
        long ts = p.getPublishedAt().toEpochMilli();
        if (ts < ctx.timerService().currentWatermark()) {
            return; // late: its window was already judged; the incident operator counts late posts
        }
        long bucket = SpikeRule.bucketOf(ts);
        Integer n = buckets.get(bucket);
        buckets.put(bucket, n == null ? 1 : n + 1);
        sample.update(p);
        long end = bucket + SpikeRule.BUCKET_MS;
        ctx.timerService().registerEventTimeTimer(end);
        ctx.timerService().registerEventTimeTimer(end + SpikeRule.HORIZON_MS);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        TreeMap<Long, Integer> counts = new TreeMap<>();
        for (Map.Entry<Long, Integer> e : buckets.entries()) {
            counts.put(e.getKey(), e.getValue());
        }
        SpikeRule.prune(counts, ts);
        if (counts.isEmpty()) {
            buckets.clear();
            lastSpike.clear();
            sample.clear();
            return;
        }
        List<Long> stale = new ArrayList<>();
        for (Long b : buckets.keys()) {
            if (!counts.containsKey(b)) {
                stale.add(b);
            }
        }
        for (Long b : stale) {
            buckets.remove(b);
        }
        if (!opts.fires(ts)) {
            return;
        }
        Long last = lastSpike.value();
        var spike = rule.evaluate(counts, ts, last == null ? 0 : last);
        if (spike.isPresent()) {
            lastSpike.update(ts);
            out.collect(alert(sample.value(), spike.get()));
        }
    }

    private Alert alert(Post p, SpikeRule.Spike s) {
        ZoneId zone = defaultZone;
        try {
            if (p.getTimezone() != null) {
                zone = ZoneId.of(p.getTimezone());
            }
        } catch (RuntimeException e) {
            // keep the default zone
        }
        return Alert.newBuilder()
                .setAlertId(AlertIds.spike(p.getRegionCode(), p.getSector(), s.windowEnd()))
                .setIncidentId(null)
                .setKind(AlertKind.SPIKE.slug())
                .setLevel(0)
                .setDeadline(null)
                .setRaisedAt(Instant.ofEpochMilli(s.windowEnd()))
                .setSector(p.getSector())
                .setSeverity(null)
                .setRegionCode(p.getRegionCode())
                .setRegion(p.getRegion())
                .setMunicipality(null)
                .setResponsible(null)
                .setUrl(p.getUrl())
                .setExcerpt(null)
                .setDetail(String.format(java.util.Locale.ROOT,
                        "%d posts in the hour to %s vs %.1f/h over the previous %d h (factor %.1f, min %d)",
                        s.lastHour(), Instant.ofEpochMilli(s.windowEnd()), s.baselinePerHour(),
                        SpikeRule.BASELINE_HOURS, rule.factor(), rule.minCount()))
                .setDt(Instant.ofEpochMilli(s.windowEnd()).atZone(zone).toLocalDate().toString())
                .build();
    }
}
