package ru.tsur.sla.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import java.time.Instant;
import ru.tsur.flink.DeadLetters;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.sink.AvroJson;

/**
 * The webhook sink as an async operator: each alert is POSTed as JSON (with retries, see {@link WebhookClient});
 * alerts that could not be delivered come out as dead letters ({@code webhook_failed}), so a dead receiver never
 * fails the job nor loses an alert. Alerts carry deterministic ids; the receiver de-duplicates replays by id.
 */
public class WebhookAlertFunction extends RichAsyncFunction<Alert, DeadLetter> {
    private final String url;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;
    private transient WebhookClient client;

    public WebhookAlertFunction(String url, int maxAttempts, Duration initialBackoff, Duration timeout) {
        this.url = url;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
    }

    /** Attaches the webhook to an alert stream; returns the dead letters of failed deliveries. */
    public static DataStream<DeadLetter> attach(DataStream<Alert> alerts, String url, int maxAttempts,
            Duration initialBackoff, Duration timeout) {
        WebhookAlertFunction fn = new WebhookAlertFunction(url, maxAttempts, initialBackoff, timeout);
        long limit = new WebhookClient(URI.create(url), maxAttempts, initialBackoff, timeout).worstCase().toMillis()
                + 5_000;
        return AsyncDataStream.unorderedWait(alerts, fn, limit, TimeUnit.MILLISECONDS, 100)
                .returns(new AvroTypeInfo<>(DeadLetter.class))
                .name("alerts-webhook").uid("alerts-webhook");
    }

    @Override
    public void open(OpenContext ctx) {
        client = new WebhookClient(URI.create(url), maxAttempts, initialBackoff, timeout);
    }

    @Override
    public void asyncInvoke(Alert alert, ResultFuture<DeadLetter> result) {
        String json = new String(AvroJson.toJson(alert), StandardCharsets.UTF_8);
        client.post(json).thenAccept(d -> result.complete(d.delivered() ? List.of()
                : List.of(dead(json, "webhook_failed", "after " + d.attempts() + " attempts: " + d.lastError()))));
    }

    @Override
    public void timeout(Alert alert, ResultFuture<DeadLetter> result) {
        result.complete(List.of(dead(new String(AvroJson.toJson(alert), StandardCharsets.UTF_8), "webhook_timeout",
                "delivery did not finish in time")));
    }

    private DeadLetter dead(String json, String reason, String detail) {
        return DeadLetters.of(new SourceRecord("webhook:" + url, -1, -1, json.getBytes(StandardCharsets.UTF_8)), reason,
                detail, Instant.now());
    }
}
