package ru.tsur.generator;

import java.time.OffsetDateTime;

/**
 * One generated post: its contract JSON and what the generator knows about it (the truth tests compare with).
 *
 * @param kind complaint | noise | repost | copy | official | reply
 * @param cluster the complaint this post belongs to (its own id for an original complaint), null for noise
 * @param sector the sector of the template it came from ("noise" for noise)
 */
public record GeneratedPost(String id, OffsetDateTime publishedAt, String kind, String cluster, String sector,
        String city, byte[] json) {}
