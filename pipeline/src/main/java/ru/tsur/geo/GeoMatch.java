package ru.tsur.geo;

import java.time.ZoneOffset;

/**
 * Where a post is about. {@code municipality} is null when only the region is known; every field but {@code method}
 * and {@code zone} is null when nothing is known (zone then defaults to Moscow time, where most posts are).
 *
 * @param method text (a place named in the text), hint (the source's region hint), none
 */
public record GeoMatch(String regionCode, String region, String municipality, ZoneOffset zone, String method) {

    public static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);

    public static GeoMatch none() {
        return new GeoMatch(null, null, null, MOSCOW, "none");
    }
}
