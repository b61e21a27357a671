package ru.tsur.report;

/** The fields of one post the report counts (a projection of {@code ru.tsur.schema.Post}); topics comma-joined. */
public record PostFact(String dt, String regionCode, String region, String sector, boolean actionable, String topics) {
}
