package ru.tsur.sla.core;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic alert ids: a replay or a recovery computes the same id, so consumers can drop repeats. */
public final class AlertIds {
    private AlertIds() {}

    public static String of(String incidentId, String kind, int level) {
        return uuid("incident|" + incidentId + "|" + kind + "|" + level);
    }

    public static String spike(String regionCode, String sector, long windowEndMillis) {
        return uuid("spike|" + regionCode + "|" + sector + "|" + windowEndMillis);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
