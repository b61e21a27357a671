package ru.tsur.sla.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * POSTs JSON to a webhook with retries: transport errors, 429 and 5xx are retried with exponential backoff
 * ({@code initialBackoff}, ×2 each time, capped at 30 s) up to {@code maxAttempts}; other 4xx are permanent (the
 * receiver rejected the payload, retrying cannot help). Never throws: the result says what happened.
 */
public final class WebhookClient {
    private static final long MAX_BACKOFF_MS = 30_000;

    /** The outcome of one delivery. */
    public record Delivery(boolean delivered, int attempts, int lastStatus, String lastError) {}

    private final URI url;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookClient(URI url, int maxAttempts, Duration initialBackoff, Duration timeout) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook maxAttempts must be >= 1: " + maxAttempts);
        }
        this.url = url;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Upper bound of one delivery's duration, for callers that need a timeout. */
    public Duration worstCase() {
        long total = 0;
        for (int a = 1; a <= maxAttempts; a++) {
            total += timeout.toMillis() + (a < maxAttempts ? backoff(a) : 0);
        }
        return Duration.ofMillis(total);
    }

    public CompletableFuture<Delivery> post(String json) {
        HttpRequest req = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return attempt(req, 1);
    }

    private CompletableFuture<Delivery> attempt(HttpRequest req, int n) {
        return http.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    int status = resp == null ? 0 : resp.statusCode();
                    String error = err == null ? null : err.getClass().getSimpleName() + ": " + err.getMessage();
                    if (err == null && status >= 200 && status < 300) {
                        return CompletableFuture.completedFuture(new Delivery(true, n, status, null));
                    }
                    boolean retryable = err != null || status == 429 || status >= 500;
                    if (!retryable || n >= maxAttempts) {
                        return CompletableFuture.completedFuture(new Delivery(false, n, status,
                                error != null ? error : "HTTP " + status));
                    }
                    return CompletableFuture.supplyAsync(() -> null,
                                    CompletableFuture.delayedExecutor(backoff(n), TimeUnit.MILLISECONDS))
                            .thenCompose(x -> attempt(req, n + 1));
                })
                .thenCompose(f -> f);
    }

    private long backoff(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Math.min(ms, MAX_BACKOFF_MS);
    }
}
