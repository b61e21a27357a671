package ru.tsur.report;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Combines versions of the same incident that arrive close together, before they are shuffled: the stream writes
 * a reaction or an answer given within hours into the same daily file as the first version, so a source task often
 * reads an incident's versions within a few thousand rows. Keeps the latest version of at most {@code capacity}
 * incidents; the incident seen longest ago leaves (is passed on) when a new one needs room. Whatever it passes on
 * is a version the latest-version reduction after the shuffle would have kept or dropped anyway, so the result
 * does not depend on the capacity; only how many versions cross the network does.
 */
public final class RecentVersions {
    private final int capacity;
    private final LinkedHashMap<String, IncidentFact> latest = new LinkedHashMap<>();

    public RecentVersions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    public void add(IncidentFact version, Consumer<IncidentFact> out) {
        latest.merge(version.incidentId(), version, IncidentFact::latest);
        if (latest.size() > capacity) {
            Iterator<Map.Entry<String, IncidentFact>> oldest = latest.entrySet().iterator();
            out.accept(oldest.next().getValue());
            oldest.remove();
        }
    }

    /** Passes on everything still held. */
    public void flush(Consumer<IncidentFact> out) {
        latest.values().forEach(out);
        latest.clear();
    }
}
