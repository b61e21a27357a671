package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.tsur.sla.SlaFixtures.post;
import static ru.tsur.sla.SlaFixtures.t;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import ru.tsur.ingest.SourceRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Post;
import ru.tsur.sla.webhook.WebhookAlertFunction;

/** The whole SLA stage on a local MiniCluster (one per job): real keyed state, timers, watermarks and serializers (no Kryo allowed). */
class SlaStageMiniClusterTest {
    private static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    private static int line;

    private static SourceRecord json(String s) {
        return new SourceRecord("events.jsonl", -1, ++line, s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offlineRunRaisesExactlyTheExpectedAlertsUpToAsOf() throws Exception {
        StreamExecutionEnvironment env = env();
        List<Post> posts = List.of(
                post("p1", "i1", "2026-03-02T10:00:00+03:00").setSeverity("critical").build(),
                post("p2", "i2", "2026-03-02T10:00:00+03:00").build(),
                post("p3", "i3", "2026-03-02T09:00:00+03:00").build(), // files are not sorted by time
                post("p4", null, "2026-03-02T09:05:00+03:00").setActionable(false)
                        .setNonActionableReason("greeting").build(),
                post("p5", null, "2026-03-02T20:00:00+03:00").setOfficial(true).setActionable(false)
                        .setReplyTo("p1").setText("Здравствуйте! Ремонт запланирован на апрель.").build());
        List<SourceRecord> events = List.of(
                json("{\"post_id\":\"p2\",\"type\":\"accepted\",\"at\":\"2026-03-02T10:30:00+03:00\"}"),
                json("{\"incident_id\":\"i3\",\"type\":\"answered\",\"at\":\"2026-03-02T09:30:00+03:00\"}"),
                json("{\"incident_id\":\"i3\",\"type\":\"reopened\",\"at\":\"2026-03-02T12:00:00+03:00\"}"),
                json("{\"incident_id\":\"ghost\",\"type\":\"accepted\",\"at\":\"2026-03-02T12:00:00+03:00\"}"),
                json("{\"post_id\":\"nope\",\"type\":\"accepted\",\"at\":\"2026-03-02T12:00:00+03:00\"}"),
                json("ЖАЛОБА!!! <b>не json</b>"));
        SlaOptions opts = SlaOptions.offline(t("2026-03-03T00:00:00+03:00"), "events.jsonl");
        SlaStage.Output out = SlaStage.apply(
                env.fromData(posts, new AvroTypeInfo<>(Post.class)),
                // one channel, as from one Kafka partition: the order of an incident's events is kept (a
                // rebalance from the single-task source would let "reopened" overtake "answered" at random)
                env.fromData(events, TypeInformation.of(SourceRecord.class)).keyBy(r -> "events", Types.STRING),
                opts);

        DataStream<String> all = out.alerts()
                .map(a -> "alert " + a.getIncidentId() + " " + a.getKind() + "@" + a.getLevel() + " "
                        + a.getRaisedAt()).returns(Types.STRING)
                .union(out.badEvents().map(d -> "dead " + d.getReason()).returns(Types.STRING),
                        out.incidentVersions().map(i -> "incident " + i.getIncidentId() + " v" + i.getVersion()
                                + " " + i.getStatus() + " L" + i.getEscalationLevel()).returns(Types.STRING));
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> it = all.executeAndCollect("sla-offline")) {
            it.forEachRemaining(lines::add);
        }
        TreeSet<String> alerts = new TreeSet<>();
        TreeSet<String> dead = new TreeSet<>();
        Map<String, String> lastVersion = new TreeMap<>();
        for (String l : lines) {
            String[] f = l.split(" ");
            switch (f[0]) {
                case "alert" -> alerts.add(f[1] + " " + f[2] + " " + f[3]);
                case "dead" -> dead.add(f[1]);
                default -> lastVersion.merge(f[1], l, (a, b) -> version(a) > version(b) ? a : b);
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "i1 critical_overdue@0 2026-03-02T08:00:00Z",
                "i1 escalated@1 2026-03-02T08:00:00Z",
                "i1 reaction_overdue@1 2026-03-02T13:00:00Z",
                "i3 reopened@1 2026-03-02T09:00:00Z",
                "i3 reaction_overdue@1 2026-03-02T15:00:00Z")), alerts);
        assertEquals(new TreeSet<>(List.of("malformed_json", "unknown_incident", "unknown_post")), dead);
        assertTrue(lastVersion.get("i1").endsWith("answered L1"), lastVersion.get("i1"));
        assertTrue(lastVersion.get("i2").endsWith("accepted L0"), lastVersion.get("i2"));
        assertTrue(lastVersion.get("i3").endsWith("reopened L1"), lastVersion.get("i3"));
        assertEquals(3, lastVersion.size(), "the non-actionable post opened nothing");
    }

    private static int version(String line) {
        return Integer.parseInt(line.split(" ")[2].substring(1));
    }

    /**
     * The events source emits nothing: its watermark generator must go idle, or it holds the incidents' watermark at
     * its minimum and the alert never comes (a rule that emitted nothing before the first record hung here).
     */
    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withNoInputAtAllAfterTheDeadlineTheAlertFiresWithin60sAndReachesTheWebhook() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            StreamExecutionEnvironment env = env();
            env.setParallelism(1);
            // one critical post whose 1 h deadline is 3 s from now, then silence: the source stays open
            Instant published = Instant.now().minus(Duration.ofHours(1)).plusSeconds(3);
            long deadline = published.plus(Duration.ofHours(1)).toEpochMilli();
            DataGeneratorSource<Post> quiet = new DataGeneratorSource<>(
                    i -> post("q" + i, "night-" + i, published.toString().replace("Z", "+00:00"))
                            .setSeverity("critical").build(),
                    Long.MAX_VALUE, RateLimiterStrategy.perSecond(0.0001), new AvroTypeInfo<>(Post.class));
            DataGeneratorSource<SourceRecord> noEvents = new DataGeneratorSource<>(
                    i -> new SourceRecord("none", 0, i, new byte[0]), Long.MAX_VALUE,
                    RateLimiterStrategy.perSecond(0.0000001), TypeInformation.of(SourceRecord.class));
            SlaOptions opts = SlaOptions.defaults().withQuiet(Duration.ofSeconds(2), Duration.ofSeconds(5));
            SlaStage.Output out = SlaStage.apply(
                    env.fromSource(quiet, WatermarkStrategy.noWatermarks(), "quiet-posts"),
                    env.fromSource(noEvents, WatermarkStrategy.noWatermarks(), "quiet-events")
                            .filter(r -> r.value().length > 0),
                    opts);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
            WebhookAlertFunction.attach(out.alerts(), url, 3, Duration.ofMillis(50), Duration.ofSeconds(2))
                    .map(d -> d.getReason()).returns(Types.STRING).name("webhook-dead-letters").print();
            try (CloseableIterator<Alert> it = out.alerts().executeAndCollect("sla-night")) {
                Alert first = it.next();
                long firedAfter = System.currentTimeMillis() - deadline;
                assertEquals("critical_overdue", first.getKind());
                assertTrue(firedAfter < 60_000, "fired " + firedAfter + " ms after the deadline");
                String expected = "\"alert_id\":\"" + first.getAlertId() + "\"";
                long until = System.currentTimeMillis() + 10_000;
                while (received.stream().noneMatch(b -> b.contains(expected)) && System.currentTimeMillis() < until) {
                    Thread.sleep(50);
                }
                assertTrue(received.stream().anyMatch(b -> b.contains(expected)), "webhook got " + received);
            }
        } finally {
            server.stop(0);
        }
    }
}
