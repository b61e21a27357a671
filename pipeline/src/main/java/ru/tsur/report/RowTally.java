package ru.tsur.report;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Rows merged by kind and key: a local pre-aggregation, so millions of facts leave a task as a few thousand rows. */
public final class RowTally {
    private final Map<Group, ReportRow> rows = new HashMap<>();

    private record Group(ReportRow.Kind kind, String key) {
    }

    public void add(ReportRow row) {
        rows.merge(new Group(row.kind(), row.key()), row, ReportRow::merge);
    }

    public ReportRow get(ReportRow.Kind kind, String key) {
        return rows.get(new Group(kind, key));
    }

    public Collection<ReportRow> rows() {
        return rows.values();
    }
}
