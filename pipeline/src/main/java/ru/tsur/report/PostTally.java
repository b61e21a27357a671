package ru.tsur.report;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Posts counted by shape first: millions of posts have a few thousand distinct (day, region, sector, actionable,
 * topics) combinations, and each combination becomes rows once, with its count.
 */
public final class PostTally implements FactTally<PostFact> {
    private final ReportFacts facts;
    private final Map<PostFact, long[]> shapes = new HashMap<>();

    public PostTally(ReportFacts facts) {
        this.facts = facts;
    }

    @Override
    public void add(PostFact p) {
        shapes.computeIfAbsent(p, k -> new long[1])[0]++;
    }

    @Override
    public Collection<ReportRow> rows() {
        RowTally tally = new RowTally();
        shapes.forEach((p, n) -> facts.posts(p, n[0], tally::add));
        return tally.rows();
    }
}
