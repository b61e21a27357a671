package ru.tsur.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * One validated rule with its parsed query and the positive terms it can fire on, so that the explanation of a match
 * («which words») is computed from the post's tokens without Lucene's slower highlighting.
 */
final class CompiledRule {

    enum Kind { CONTEXT, SECTOR, NOISE, COMPLAINT, SEVERITY }

    final int index;
    final Kind kind;
    final String id;
    final Query query;
    final String queryString;
    final Sector sector;
    final double weight;
    final List<RuleSet.TopicChoice> topics;
    final String reason;
    final boolean hard;
    final Severity level;

    private final Set<String> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();

    CompiledRule(int index, Kind kind, RuleSet.Rule spec, Query query, String queryString, Sector sector,
            Severity level) {
        this.index = index;
        this.kind = kind;
        this.id = spec.id();
        this.query = query;
        this.queryString = queryString;
        this.sector = sector;
        this.weight = spec.weight() == null ? 1.0 : spec.weight();
        this.topics = spec.topics();
        this.reason = spec.reason();
        this.hard = Boolean.TRUE.equals(spec.hard());
        this.level = level;
        query.visit(new PositiveTerms());
    }

    /** Function words that appear inside phrases; Lucene needs them, the explanation and the score do not. */
    private static final Set<String> FUNCTION_WORDS = Set.of("в", "во", "на", "не", "по", "до", "с", "со", "у", "к",
            "ко", "о", "об", "от", "из", "за", "и", "а", "но", "же", "ли", "бы", "то", "как", "что", "для", "при");

    /**
     * Token indexes of the post whose terms this rule looks for (excluded terms never count). Function words inside
     * phrases («в», «на», «не») are matched by Lucene but neither counted nor shown: alone they say nothing.
     */
    int[] hits(AnalyzedText text) {
        int[] out = new int[Math.min(text.size(), 16)];
        int n = 0;
        for (int i = 0; i < text.size() && n < out.length; i++) {
            if (!FUNCTION_WORDS.contains(text.term(i)) && fires(text.term(i))) {
                out[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private boolean fires(String term) {
        if (terms.contains(term)) {
            return true;
        }
        if (!patterns.isEmpty()) {
            BytesRef b = new BytesRef(term);
            for (ByteRunAutomaton a : patterns) {
                if (a.run(b.bytes, b.offset, b.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    private final class PositiveTerms extends QueryVisitor {
        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
        }

        @Override
        public void consumeTerms(Query q, Term... ts) {
            for (Term t : ts) {
                terms.add(t.text());
            }
        }

        @Override
        public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
            patterns.add(automaton.get());
        }
    }
}
