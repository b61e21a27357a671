package ru.tsur.dedup;

/**
 * What a thread's first post leaves for its reposts and replies: the incident it belongs to and that incident's
 * first post. {@code lastTs} is the latest activity; the entry is forgotten a horizon after it.
 */
public record ThreadRoot(String incidentId, String rootId, long lastTs) {
    public ThreadRoot touched(long ts) {
        return ts <= lastTs ? this : new ThreadRoot(incidentId, rootId, ts);
    }
}
