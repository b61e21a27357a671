package ru.tsur.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.tsur.classify.ClassifyStage;
import ru.tsur.config.PulseConfig;
import ru.tsur.dedup.DedupOptions;
import ru.tsur.dedup.DedupStage;
import ru.tsur.flink.BulkStringSerializer;
import ru.tsur.flink.DeadLetters;
import ru.tsur.flink.DropRepeatedIds;
import ru.tsur.flink.Keyed;
import ru.tsur.flink.ParsePostsFunction;
import ru.tsur.flink.PostTypeInfo;
import ru.tsur.ingest.IngestLimits;
import ru.tsur.ingest.PostEnricher;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sla.SlaOptions;
import ru.tsur.sla.SlaStage;
import ru.tsur.sla.time.QuietAwareWatermarks;
import ru.tsur.sla.time.QuietAwareWatermarks.Quiet;
import ru.tsur.sla.webhook.WebhookAlertFunction;

/**
 * The streaming job: parse & validate → normalize, pseudonymize, attribute geo → (by id) event time → drop repeated ids →
 * classify → deduplicate → route and SLA (incidents, deadlines, alerts, webhook) → sinks. {@link #build} wires the
 * graph between the inputs and outputs it is given, so the Kafka/Parquet deployment ({@link KafkaPipeline}),
 * {@code tsur analyze} (files, batch mode) and tests (bounded sources, collecting sinks) all run this same graph.
 */
public final class StreamingJob {

    private StreamingJob() {}

    /** What the graph reads. {@code events} and {@code ruleSets} may be null. */
    public record Inputs(DataStream<SourceRecord> posts, DataStream<SourceRecord> events, DataStream<String> ruleSets) {}

    /** Where the graph writes; each method attaches the sinks of one output. */
    public interface Outputs {
        void posts(DataStream<Post> posts);

        void deadLetters(DataStream<DeadLetter> deadLetters);

        void incidents(DataStream<Incident> incidents);

        void alerts(DataStream<Alert> alerts);
    }

    /** Settings of the graph itself (not of its sources and sinks). */
    public record Options(IngestLimits limits, PostEnricher.Options enrich, byte[] pseudonymKey,
            Duration outOfOrderness, Duration idleness, Duration dedupHorizon, int dedupShards, SlaOptions sla,
            String webhookUrl) {

        public static Options from(PulseConfig c) {
            return new Options(IngestLimits.defaults(), new PostEnricher.Options(c.maskPii(), c.keepOriginalText()),
                    c.pseudonymKey().getBytes(StandardCharsets.UTF_8), c.outOfOrderness(), c.idleness(),
                    c.dedupHorizon(), c.dedupShards(), SlaOptions.from(c), c.webhookUrl());
        }

        /** Defaults for files (analyze): the SLA runs offline, deadlines up to the end of the input. */
        public static Options defaults(String pseudonymKey) {
            return new Options(IngestLimits.defaults(), PostEnricher.Options.defaults(),
                    pseudonymKey.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), Duration.ofSeconds(30),
                    Duration.ofDays(7), DedupOptions.DEFAULT.shards(), SlaOptions.offline(null, "events"), null);
        }

        public Options withSla(SlaOptions s) {
            return new Options(limits, enrich, pseudonymKey, outOfOrderness, idleness, dedupHorizon, dedupShards, s,
                    webhookUrl);
        }
    }

    /** The main streams of the built graph, for callers that attach more (metrics, demo printing). */
    public record Graph(DataStream<Post> posts, DataStream<DeadLetter> deadLetters, DataStream<Alert> alerts) {}

    /**
     * Entry point on a cluster ({@code flink run -c ru.tsur.jobs.StreamingJob pulse-jobs-cluster.jar --config F}) and
     * of {@code tsur run}: Kafka in, Parquet datasets and Kafka topics out, as the configuration says.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            System.err.println("usage: StreamingJob --config pulse.properties");
            System.exit(2);
        }
        PulseConfig c = PulseConfig.load(java.nio.file.Path.of(args[1]), System.getenv());
        var env = Environments.streaming(c, true);
        build(KafkaPipeline.inputs(env, c, null, null), KafkaPipeline.outputs(c), Options.from(c));
        env.execute("pulse-streaming");
    }

    public static Graph build(Inputs in, Outputs out, Options o) {
        SingleOutputStreamOperator<Post> parsed = in.posts()
                .process(new ParsePostsFunction(o.limits(), o.enrich(), o.pseudonymKey()), PostTypeInfo.INSTANCE)
                .name("parse-validate-enrich").uid("parse-validate-enrich");
        // Watermarks after the shuffle by id: each generator sees posts of every partition, so a partition whose
        // posts end earlier (a producer's sticky batches) cannot hold event time back — per-partition watermarks made
        // such a replay wait for the quiet clock to walk the gap (24 minutes in e2e-cluster). The repeated-id check
        // needs them for its timers, so it keys the same stream again, without another shuffle.
        SingleOutputStreamOperator<Post> timed = parsed.keyBy(Post::getId, BulkStringSerializer.TYPE)
                .assignTimestampsAndWatermarks(postEventTime(o))
                .name("event-time").uid("event-time");
        // a redelivered id (scraper resend, producer retry) is counted once; the repeat goes to the dead letters; the
        // ids are forgotten a horizon of event time later (DropRepeatedIds)
        SingleOutputStreamOperator<Post> unique = Keyed.again(timed, Post::getId, BulkStringSerializer.TYPE)
                .process(new DropRepeatedIds(o.dedupHorizon()), PostTypeInfo.INSTANCE)
                .name("drop-repeated-ids").uid("drop-repeated-ids");
        DataStream<DeadLetter> deadLetters = parsed.getSideOutput(DeadLetters.TAG)
                .union(unique.getSideOutput(DeadLetters.TAG));

        DataStream<Post> classified = ClassifyStage.apply(unique, in.ruleSets());
        DataStream<Post> deduped = DedupStage.apply(classified,
                DedupOptions.DEFAULT.withHorizon(o.dedupHorizon()).withShards(o.dedupShards()));

        // SLA: posts gain their responsible body; incidents, deadlines and alerts from posts and operator events
        DataStream<Post> routed = SlaStage.route(deduped, o.sla());
        SlaStage.Output sla = SlaStage.apply(routed, in.events(), o.sla());
        DataStream<DeadLetter> allDead = deadLetters.union(sla.badEvents());
        if (o.webhookUrl() != null) {
            allDead = allDead.union(WebhookAlertFunction.attach(sla.alerts(), o.webhookUrl(), 5,
                    Duration.ofSeconds(1), Duration.ofSeconds(10)));
        }

        out.posts(routed);
        out.deadLetters(allDead);
        out.incidents(sla.incidentVersions());
        out.alerts(sla.alerts());
        return new Graph(routed, allDead, sla.alerts());
    }

    /**
     * Event time of the posts for classification and dedup: bounded out-of-orderness, and after {@code idleness}
     * without a post the SLA stage's quiet rule ({@link QuietAwareWatermarks}): a quiet live stream follows the wall
     * clock, so the posts dedup holds back for ordering come out within {@code sla.quiet.lag}; a quiet replay keeps its
     * own clock running; with the wall-clock fallback off the stream goes idle (bounded inputs end with the maximal
     * watermark anyway).
     */
    static WatermarkStrategy<Post> postEventTime(Options o) {
        Duration outOfOrderness = o.outOfOrderness();
        Duration quietAfter = o.idleness();
        Duration quietLag = o.sla().quietLag();
        Duration liveLag = o.sla().liveLag();
        Quiet quiet = o.sla().wallClockFallback() ? Quiet.FOLLOW_WALL_CLOCK : Quiet.MARK_IDLE;
        return WatermarkStrategy.<Post>forGenerator(c -> new QuietAwareWatermarks<>(outOfOrderness, quietAfter,
                        quietLag, liveLag, quiet, System::currentTimeMillis))
                .withTimestampAssigner((p, ts) -> p.getPublishedAt().toEpochMilli());
    }
}
