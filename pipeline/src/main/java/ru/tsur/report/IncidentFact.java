package ru.tsur.report;

/**
 * The fields of one incident version the report needs (a projection of {@code ru.tsur.schema.Incident}).
 * Timestamps are UTC millis; {@code null} when absent. {@code topics} is comma-joined so the record stays a flat
 * Flink POJO.
 */
public record IncidentFact(
        String incidentId,
        int version,
        long updatedAt,
        String dt,
        String regionCode,
        String region,
        String timezone,
        String sector,
        String topics,
        String severity,
        boolean actionable,
        String status,
        String responsible,
        int postCount,
        long firstSeen,
        Long firstReactionAt,
        Long answeredAt,
        String excerpt) {

    /** The later of two versions of the same incident: higher version, then later update, then the row itself. */
    public static IncidentFact latest(IncidentFact a, IncidentFact b) {
        if (a.version != b.version) {
            return a.version > b.version ? a : b;
        }
        return b.updatedAt > a.updatedAt ? b : a;
    }

    /**
     * A 64-bit hash of an incident id (FNV-1a over its chars, then MurmurHash3's finalizer): the batch job sorts
     * versions by it, which compares as fast as a number; different ids that share a hash stay apart in
     * {@link IncidentTally}.
     */
    public static long idHash(String incidentId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < incidentId.length(); i++) {
            h = (h ^ incidentId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    public boolean critical() {
        return "critical".equals(severity);
    }

    /** Closed incidents wait for nothing: no deadline can be overdue. */
    public boolean closed() {
        return "answered".equals(status) || "resolved".equals(status) || "rejected".equals(status);
    }

    public String[] topicList() {
        return topics == null || topics.isEmpty() ? new String[0] : topics.split(",");
    }
}
