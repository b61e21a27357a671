package ru.tsur.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds of the input contract.
 *
 * @param maxRecordBytes a whole record larger than this is rejected before parsing
 * @param maxTextChars longest accepted post text (VK long posts reach ~16k characters)
 * @param maxFieldChars longest id, url, author or reference
 * @param maxFutureSkew how far in the future a publication time may be (scraper clocks drift)
 * @param earliest publication times before this are garbage (1970 epoch defaults and the like)
 */
public record IngestLimits(
        int maxRecordBytes, int maxTextChars, int maxFieldChars, Duration maxFutureSkew, Instant earliest)
        implements java.io.Serializable {

    public static IngestLimits defaults() {
        return new IngestLimits(256 * 1024, 32_000, 2_048, Duration.ofHours(24), Instant.parse("2000-01-01T00:00:00Z"));
    }
}
