package ru.tsur.report;

import java.util.Collection;

/** Spike alerts of the window as rows (other alerts are already reflected in the incidents). */
public final class AlertTally implements FactTally<AlertFact> {
    private final ReportFacts facts;
    private final RowTally tally = new RowTally();

    public AlertTally(ReportFacts facts) {
        this.facts = facts;
    }

    @Override
    public void add(AlertFact a) {
        facts.alert(a, tally::add);
    }

    @Override
    public Collection<ReportRow> rows() {
        return tally.rows();
    }
}
