package ru.tsur.sla.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1 that fails on purpose. */
class WebhookClientTest {
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile int failFirst;
    private volatile int failStatus = 503;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", ex -> {
            int n = calls.incrementAndGet();
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = n <= failFirst ? failStatus : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookClient client(int attempts) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
        // a generous request timeout: on a loaded machine a 2 s one expired before the reply and counted as a retry
        return new WebhookClient(uri, attempts, Duration.ofMillis(20), Duration.ofSeconds(20));
    }

    @Test
    void retriesServerErrorsWithBackoffUntilDelivered() throws Exception {
        failFirst = 2;
        WebhookClient.Delivery d = client(4).post("{\"alert_id\":\"a1\"}").get(120, TimeUnit.SECONDS);
        assertTrue(d.delivered());
        assertEquals(3, d.attempts());
        assertEquals(3, calls.get());
        assertEquals("{\"alert_id\":\"a1\"}", bodies.get(2));
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        failFirst = Integer.MAX_VALUE;
        WebhookClient.Delivery d = client(3).post("{}").get(120, TimeUnit.SECONDS);
        assertFalse(d.delivered());
        assertEquals(3, d.attempts());
        assertEquals(503, d.lastStatus());
    }

    @Test
    void aRejectedPayloadIsNotRetried() throws Exception {
        failFirst = Integer.MAX_VALUE;
        failStatus = 400;
        WebhookClient.Delivery d = client(5).post("{}").get(120, TimeUnit.SECONDS);
        assertFalse(d.delivered());
        assertEquals(1, calls.get());
    }

    @Test
    void anUnreachableReceiverIsATransportErrorRetriedThenReported() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        WebhookClient c = new WebhookClient(URI.create("http://127.0.0.1:" + port + "/alerts"), 2,
                Duration.ofMillis(10), Duration.ofSeconds(1));
        WebhookClient.Delivery d = c.post("{}").get(120, TimeUnit.SECONDS);
        assertFalse(d.delivered());
        assertEquals(2, d.attempts());
        assertTrue(d.lastError().contains("ConnectException"), d.lastError());
    }
}
