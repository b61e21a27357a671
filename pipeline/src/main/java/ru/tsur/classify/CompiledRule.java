package ru.tsur.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
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
 * One validated rule: the groups (flat disjunctions matched once per post) that must all match, the groups that
 * must not, and the positive terms it can fire on, so that the explanation of a match («which words») is computed from
 * the post's tokens without Lucene's slower highlighting.
 */
final class CompiledRule {

    enum Kind { CONTEXT, SECTOR, NOISE, COMPLAINT, SEVERITY }

    final int index;
    final Kind kind;
    final String id;
    final int[] required;
    final int[] excluded;
    final Sector sector;
    final double weight;
    final List<RuleSet.TopicChoice> topics;
    final String reason;
    final boolean hard;
    final boolean complaintOnly;
    final Severity level;

    private final Set<String> terms = new HashSet<>();
    private final List<ByteRunAutomaton> patterns = new ArrayList<>();

    CompiledRule(int index, Kind kind, RuleSet.Rule spec, List<Query> positive, int[] required, int[] excluded,
            Sector sector, Severity level) {
        this.index = index;
        this.kind = kind;
        this.id = spec.id();
        this.required = required;
        this.excluded = excluded;
        this.sector = sector;
        this.weight = spec.weight() == null ? 1.0 : spec.weight();
        this.topics = spec.topics();
        this.reason = spec.reason();
        this.hard = Boolean.TRUE.equals(spec.hard());
        this.complaintOnly = Boolean.TRUE.equals(spec.complaintOnly());
        this.level = level;
        for (Query q : positive) {
            q.visit(new PositiveTerms());
        }
    }

    /** True when every required group matched and no excluded one did. */
    boolean fires(java.util.BitSet matchedGroups) {
        for (int g : required) {
            if (!matchedGroups.get(g)) {
                return false;
            }
        }
        for (int g : excluded) {
            if (matchedGroups.get(g)) {
                return false;
            }
        }
        return true;
    }

    /** Function words that appear inside phrases; Lucene needs them, the explanation and the score do not. */
    static final Set<String> FUNCTION_WORDS = Set.of("в", "во", "на", "не", "по", "до", "с", "со", "у", "к",
            "ко", "о", "об", "от", "из", "за", "и", "а", "но", "же", "ли", "бы", "то", "как", "что", "для", "при");

    /**
     * Token indexes of the post whose terms this rule looks for (excluded terms never count). Function words inside
     * phrases («в», «на», «не») are matched by Lucene but neither counted nor shown: alone they say nothing.
     */
    int[] hits(AnalyzedText text) {
        return hits(text.size(), i -> !FUNCTION_WORDS.contains(text.term(i)) && looksFor(text.term(i)));
    }

    /** The first 16 token indexes of a post of {@code size} tokens that {@code hit} accepts. */
    static int[] hits(int size, IntPredicate hit) {
        int[] out = new int[Math.min(size, 16)];
        int n = 0;
        for (int i = 0; i < size && n < out.length; i++) {
            if (hit.test(i)) {
                out[n++] = i;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The analyzed terms of the positive clauses (the explanation's vocabulary). */
    Set<String> terms() {
        return terms;
    }

    boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    private boolean looksFor(String term) {
        return terms.contains(term) || matchesPattern(term);
    }

    /** True when a wildcard, prefix, fuzzy or regexp clause of this rule accepts the term. */
    boolean matchesPattern(String term) {
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
