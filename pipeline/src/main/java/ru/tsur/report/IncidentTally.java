package ru.tsur.report;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Incident versions in, the latest version of each incident counted. The versions must arrive grouped by
 * {@link IncidentFact#idHash} (the batch job's input is sorted by it): the tally then keeps only the incidents of
 * the current group in memory (one, unless two ids share a hash), however many the warehouse holds.
 */
public final class IncidentTally implements FactTally<IncidentFact> {
    private final ReportFacts facts;
    private final RowTally tally = new RowTally();
    private final Map<String, IncidentFact> group = new HashMap<>();
    private long groupHash;

    public IncidentTally(ReportFacts facts) {
        this.facts = facts;
    }

    @Override
    public void add(IncidentFact version) {
        long hash = IncidentFact.idHash(version.incidentId());
        if (hash != groupHash && !group.isEmpty()) {
            countGroup();
        }
        groupHash = hash;
        group.merge(version.incidentId(), version, IncidentFact::latest);
    }

    private void countGroup() {
        for (IncidentFact latest : group.values()) {
            facts.incident(latest, tally::add);
        }
        group.clear();
    }

    @Override
    public Collection<ReportRow> rows() {
        countGroup();
        return tally.rows();
    }
}
