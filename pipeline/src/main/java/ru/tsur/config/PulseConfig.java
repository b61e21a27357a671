package ru.tsur.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one configuration of every Pulse entry point: a Java properties file, parsed and validated once at start. A
 * value {@code ${env:NAME}} is read from the environment, so secrets (the pseudonymization key, SASL passwords) never
 * sit in a file under version control. Every error names the key. See docs/configuration.md for all keys.
 */
public record PulseConfig(
        String bootstrapServers,
        String groupId,
        Topics topics,
        String startingOffsets,
        boolean exactlyOnce,
        Map<String, String> kafkaClient,
        String warehouse,
        String checkpointDir,
        Duration checkpointInterval,
        int parallelism,
        String pseudonymKey,
        boolean maskPii,
        boolean keepOriginalText,
        Duration outOfOrderness,
        Duration idleness,
        Duration dedupHorizon,
        int dedupShards,
        String webhookUrl,
        Map<String, String> all) {

    /** Kafka topic names. */
    public record Topics(String posts, String classified, String dlq, String events, String alerts, String rules,
            String incidents) {}

    public static final String KEY_ENV_DEFAULT = "PULSE_PSEUDONYM_KEY";

    public static PulseConfig load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return fromMap(m, env);
    }

    public static PulseConfig fromMap(Map<String, String> raw, Map<String, String> env) {
        Map<String, String> m = new TreeMap<>();
        raw.forEach((k, v) -> m.put(k, resolve(k, v, env)));
        Keys r = new Keys(m);
        Map<String, String> client = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith("kafka.client.")) client.put(k.substring("kafka.client.".length()), v);
        });
        String offsets = r.str("kafka.starting.offsets", "earliest");
        if (!offsets.equals("earliest") && !offsets.equals("latest") && !offsets.equals("committed")) {
            throw new ConfigException("kafka.starting.offsets must be earliest, latest or committed, got '" + offsets + "'");
        }
        String delivery = r.str("kafka.delivery", "exactly-once");
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new ConfigException("kafka.delivery must be exactly-once or at-least-once, got '" + delivery + "'");
        }
        String key = r.str("privacy.pseudonym.key", null);
        if (key == null || key.isBlank()) {
            throw new ConfigException("privacy.pseudonym.key is required (use ${env:" + KEY_ENV_DEFAULT
                    + "} and set that variable; at least 16 characters)");
        }
        if (key.length() < 16) {
            throw new ConfigException("privacy.pseudonym.key must have at least 16 characters");
        }
        String warehouse = r.str("warehouse.uri", null);
        if (warehouse == null) {
            throw new ConfigException("warehouse.uri is required (a local path, file:///…, or s3://bucket/prefix)");
        }
        int parallelism = r.integer("parallelism", 2);
        int dedupShards = r.integer("dedup.shards", 2);
        if (dedupShards < 1) {
            throw new ConfigException("dedup.shards must be >= 1, got " + dedupShards);
        }
        if (parallelism < 1) {
            throw new ConfigException("parallelism must be >= 1, got " + parallelism);
        }
        String backend = r.str("state.backend", null);
        if (backend != null && !backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new ConfigException("state.backend must be hashmap or rocksdb, got '" + backend + "'");
        }
        return new PulseConfig(
                r.str("kafka.bootstrap.servers", "127.0.0.1:9092"),
                r.str("kafka.group.id", "pulse"),
                new Topics(r.str("topics.posts", "posts"), r.str("topics.classified", "posts-classified"),
                        r.str("topics.dlq", "posts-dlq"), r.str("topics.events", "incident-events"),
                        r.str("topics.alerts", "alerts"), r.str("topics.rules", "rules"),
                        r.str("topics.incidents", "incidents")),
                offsets,
                delivery.equals("exactly-once"),
                Collections.unmodifiableMap(client),
                warehouse,
                r.str("checkpoint.dir", null),
                r.duration("checkpoint.interval", Duration.ofSeconds(10)),
                parallelism,
                key,
                r.bool("privacy.mask.pii", true),
                r.bool("privacy.keep.original.text", false),
                r.duration("watermark.out.of.orderness", Duration.ofMinutes(5)),
                r.duration("watermark.idleness", Duration.ofSeconds(30)),
                r.duration("dedup.horizon", Duration.ofDays(7)),
                dedupShards,
                r.str("webhook.url", null),
                Collections.unmodifiableMap(m));
    }

    /**
     * {@code state.backend}: {@code hashmap} (state on the heap, full snapshots) or {@code rocksdb} (state on local
     * disk, incremental checkpoints); null when not set — Flink's default locally, the cluster's configuration there.
     */
    public String stateBackend() {
        String v = all.get("state.backend");
        return v == null || v.isEmpty() ? null : v;
    }

    private static String resolve(String key, String value, Map<String, String> env) {
        if (value.startsWith("${env:") && value.endsWith("}")) {
            String name = value.substring(6, value.length() - 1);
            String v = env.get(name);
            if (v == null) {
                throw new ConfigException(key + " refers to environment variable " + name + ", which is not set");
            }
            return v;
        }
        return value;
    }

    /** Typed reads with errors that name the key. */
    private record Keys(Map<String, String> m) {
        String str(String key, String def) {
            String v = m.get(key);
            return v == null || v.isEmpty() ? def : v;
        }

        int integer(String key, int def) {
            String v = str(key, null);
            try {
                return v == null ? def : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(key + " must be an integer, got '" + v + "'");
            }
        }

        boolean bool(String key, boolean def) {
            String v = str(key, null);
            if (v == null) return def;
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) return Boolean.parseBoolean(v);
            throw new ConfigException(key + " must be true or false, got '" + v + "'");
        }

        Duration duration(String key, Duration def) {
            String v = str(key, null);
            if (v == null) return def;
            try {
                if (v.endsWith("d") && v.length() > 1 && Character.isDigit(v.charAt(0))) {
                    return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
                }
                return Duration.parse(v.startsWith("P") ? v : "PT" + v.toUpperCase());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new ConfigException(key + " must be a duration like 30s, 5m, 2h, 7d or PT5M, got '" + v + "'");
            }
        }
    }
}
