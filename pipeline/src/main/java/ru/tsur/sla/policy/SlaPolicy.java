package ru.tsur.sla.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;

/**
 * The SLA policy (a versioned properties file): default terms with overrides per region and sector, the default time
 * zone, the reopen window and the spike thresholds. Parsed and validated once; every error names the key.
 */
public final class SlaPolicy {
    public static final String DEFAULT_RESOURCE = "/sla/policy.properties";
    private static final List<String> TERMS = List.of("critical_reaction", "first_reaction", "answer_working_days");

    private final Properties props;
    private final String version;
    private final ZoneOffset defaultZone;
    private final Duration reopenWindow;
    private final double spikeFactor;
    private final int spikeMinCount;

    private SlaPolicy(Properties props) {
        this.props = props;
        this.version = required("policy.version");
        this.defaultZone = zone("default.timezone", required("default.timezone"));
        this.reopenWindow = duration("reopen_window", required("reopen_window"));
        this.spikeFactor = number("spike.factor", required("spike.factor"));
        this.spikeMinCount = (int) number("spike.min_count", required("spike.min_count"));
        for (String key : props.stringPropertyNames()) {
            String[] p = key.split("\\.");
            if (p.length == 3 && !key.startsWith("policy.") && !key.startsWith("default.")
                    && !key.startsWith("spike.")) {
                if (!TERMS.contains(p[2])) {
                    throw new IllegalArgumentException("policy key " + key + ": unknown term " + p[2]);
                }
            }
        }
        terms(null, null); // the *.*.* defaults must exist and be valid
    }

    public static SlaPolicy load() {
        return load(DEFAULT_RESOURCE);
    }

    public static SlaPolicy load(String resource) {
        Properties p = new Properties();
        try (InputStream in = SlaPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("policy resource not found: " + resource);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SlaPolicy(p);
    }

    public static SlaPolicy of(Properties p) {
        return new SlaPolicy(p);
    }

    /** Terms for a region code and sector slug; either may be null (unknown). */
    public SlaTerms terms(String regionCode, String sector) {
        return new SlaTerms(
                duration("critical_reaction", lookup(regionCode, sector, "critical_reaction")),
                duration("first_reaction", lookup(regionCode, sector, "first_reaction")),
                (int) number("answer_working_days", lookup(regionCode, sector, "answer_working_days")));
    }

    private String lookup(String region, String sector, String term) {
        String r = region == null ? "*" : region;
        String s = sector == null ? "*" : sector;
        for (String key : new String[] {r + "." + s, r + ".*", "*." + s, "*.*"}) {
            String v = props.getProperty(key + "." + term);
            if (v != null) {
                return v.strip();
            }
        }
        throw new IllegalArgumentException("policy has no *.*." + term);
    }

    private String required(String key) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("policy key " + key + " is missing");
        }
        return v.strip();
    }

    /** ISO-8601 duration; a day-only period such as P30D is accepted too. */
    private static Duration duration(String key, String v) {
        try {
            return v.contains("T") ? Duration.parse(v) : Duration.ofDays(java.time.Period.parse(v).getDays());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("policy key " + key + ": not an ISO-8601 duration: " + v);
        }
    }

    private static double number(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy key " + key + ": not a number: " + v);
        }
    }

    private static ZoneOffset zone(String key, String v) {
        try {
            return ZoneOffset.of(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("policy key " + key + ": not a UTC offset: " + v);
        }
    }

    public String version() {
        return version;
    }

    public ZoneOffset defaultZone() {
        return defaultZone;
    }

    /**
     * The zone of a record's {@code timezone} (a UTC offset id such as {@code +07:00}), or the default zone when it
     * is missing or unreadable: an unreadable zone must not lose the incident. The stream and the report both use it.
     */
    public ZoneOffset zone(String timezone) {
        if (timezone != null) {
            try {
                return ZoneOffset.of(timezone.strip());
            } catch (RuntimeException e) {
                // fall through to the default
            }
        }
        return defaultZone;
    }

    public Duration reopenWindow() {
        return reopenWindow;
    }

    public double spikeFactor() {
        return spikeFactor;
    }

    public int spikeMinCount() {
        return spikeMinCount;
    }
}
