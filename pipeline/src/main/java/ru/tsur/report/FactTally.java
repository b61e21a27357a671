package ru.tsur.report;

import java.util.Collection;

/**
 * What one task of the report job keeps while it reads: facts folded into counter rows, merged by kind and key, so
 * millions of facts leave the task as a few thousand rows once its input ends.
 */
public interface FactTally<T> {
    void add(T fact);

    /** The rows of everything added, each (kind, key) once; call once, after the last {@link #add}. */
    Collection<ReportRow> rows();
}
