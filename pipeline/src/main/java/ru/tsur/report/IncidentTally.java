package ru.tsur.report;

import java.util.Collection;

/**
 * Incident versions in, the latest version of each incident counted. The versions of one incident must arrive one
 * after another (the batch job's input is sorted by incident id): the tally then keeps a single incident in memory,
 * however many the warehouse holds.
 */
public final class IncidentTally implements FactTally<IncidentFact> {
    private final ReportFacts facts;
    private final RowTally tally = new RowTally();
    private IncidentFact current;

    public IncidentTally(ReportFacts facts) {
        this.facts = facts;
    }

    @Override
    public void add(IncidentFact version) {
        if (current == null) {
            current = version;
        } else if (current.incidentId().equals(version.incidentId())) {
            current = IncidentFact.latest(current, version);
        } else {
            facts.incident(current, tally::add);
            current = version;
        }
    }

    @Override
    public Collection<ReportRow> rows() {
        if (current != null) {
            facts.incident(current, tally::add);
            current = null;
        }
        return tally.rows();
    }
}
