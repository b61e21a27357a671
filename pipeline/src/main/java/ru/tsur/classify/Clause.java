package ru.tsur.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * A rule group compiled for {@link TermIndexMatcher}: terms, phrases and boolean combinations are matched over the
 * post's analyzed terms with Lucene's semantics; anything else (wildcard, prefix, fuzzy, regexp, other fields, span or
 * multi-phrase queries, sloppy phrases repeating a term) stays a Lucene query run on the post's {@code MemoryIndex}.
 */
sealed interface Clause {

    boolean matches(PostTerms post);

    /** Term ids of which at least one occurs in every post this clause matches; null when there is no such set. */
    int[] triggers();

    /** The clause of a parsed query; {@code idOf} gives (and assigns) the id of a term. */
    static Clause of(Query q, ToIntFunction<String> idOf) {
        if (q instanceof BoostQuery b) {
            return of(b.getQuery(), idOf);
        }
        if (q instanceof ConstantScoreQuery c) {
            return of(c.getQuery(), idOf);
        }
        if (q instanceof MatchAllDocsQuery) {
            return Const.ALWAYS;
        }
        if (q instanceof MatchNoDocsQuery) {
            return Const.NEVER;
        }
        if (q instanceof TermQuery t && ours(t.getTerm())) {
            return new TermClause(idOf.applyAsInt(t.getTerm().text()));
        }
        if (q instanceof SynonymQuery s && s.getTerms().stream().allMatch(Clause::ours)) {
            return new Bool(new Clause[0], s.getTerms().stream()
                    .map(t -> new TermClause(idOf.applyAsInt(t.text()))).toArray(Clause[]::new), new Clause[0], 0);
        }
        if (q instanceof DisjunctionMaxQuery d) {
            return new Bool(new Clause[0], d.getDisjuncts().stream().map(x -> of(x, idOf)).toArray(Clause[]::new),
                    new Clause[0], 0);
        }
        if (q instanceof PhraseQuery p && Arrays.stream(p.getTerms()).allMatch(Clause::ours)) {
            Term[] terms = p.getTerms();
            if (terms.length == 0) {
                return Const.NEVER;
            }
            if (terms.length == 1) { // PhraseQuery.rewrite does the same
                return new TermClause(idOf.applyAsInt(terms[0].text()));
            }
            int[] ids = Arrays.stream(terms).mapToInt(t -> idOf.applyAsInt(t.text())).toArray();
            int lead = longest(terms);
            if (p.getSlop() == 0 || new HashSet<>(Arrays.asList(terms)).size() == terms.length) {
                return new Phrase(ids, p.getPositions().clone(), p.getSlop(), lead);
            }
            // a sloppy phrase repeating a term: Lucene's repeat handling is not reproduced, Lucene runs it
            return new LuceneQuery(q, new int[] {ids[lead]});
        }
        if (q instanceof BooleanQuery bq) {
            List<Clause> must = new ArrayList<>();
            List<Clause> should = new ArrayList<>();
            List<Clause> not = new ArrayList<>();
            for (BooleanClause c : bq.clauses()) {
                Clause x = of(c.query(), idOf);
                switch (c.occur()) {
                    case MUST, FILTER -> must.add(x);
                    case SHOULD -> should.add(x);
                    case MUST_NOT -> not.add(x);
                }
            }
            return new Bool(must.toArray(Clause[]::new), should.toArray(Clause[]::new), not.toArray(Clause[]::new),
                    bq.getMinimumNumberShouldMatch());
        }
        return new LuceneQuery(q, null);
    }

    private static boolean ours(Term t) {
        return t.field().equals(AnalyzedText.FIELD);
    }

    private static int longest(Term[] terms) {
        int best = 0;
        for (int i = 1; i < terms.length; i++) {
            if (terms[i].text().length() > terms[best].text().length()) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The alternatives of a group, matched (and pre-filtered) separately as the Monitor's query decomposer does: a
     * plain disjunction is split into its clauses, recursively; anything else is one alternative.
     */
    static void disjuncts(Clause c, List<Clause> out) {
        if (c instanceof Bool b && b.must.length == 0 && b.not.length == 0 && b.minShould <= 1) {
            for (Clause s : b.should) {
                disjuncts(s, out);
            }
        } else if (c != Const.NEVER) {
            out.add(c);
        }
    }

    record TermClause(int id) implements Clause {
        @Override
        public boolean matches(PostTerms post) {
            return post.has(id);
        }

        @Override
        public int[] triggers() {
            return new int[] {id};
        }
    }

    /**
     * A phrase: with slop 0 every term at its offset from one start (Lucene's exact matcher); with slop N, one
     * occurrence of each term such that the spread of (position − offset) is at most N — the minimal window Lucene's
     * sloppy matcher looks for when no term repeats.
     */
    record Phrase(int[] ids, int[] offsets, int slop, int lead) implements Clause {
        @Override
        public boolean matches(PostTerms post) {
            return slop == 0 ? exact(post) : sloppy(post);
        }

        private boolean exact(PostTerms post) {
            for (int k = 0; k < ids.length; k++) {
                if (!post.has(ids[k])) {
                    return false;
                }
            }
            int lead = this.lead;
            for (int o = post.first(ids[lead]); o >= 0; o = post.next(o, ids[lead])) {
                int start = post.positionOf(o) - offsets[lead];
                boolean all = true;
                for (int k = 0; k < ids.length && all; k++) {
                    all = k == lead || post.hasAt(ids[k], start + offsets[k]);
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }

        private boolean sloppy(PostTerms post) {
            int n = ids.length;
            int[] at = new int[n];
            for (int k = 0; k < n; k++) {
                at[k] = post.first(ids[k]);
                if (at[k] < 0) {
                    return false;
                }
            }
            while (true) {
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                int low = -1;
                for (int k = 0; k < n; k++) {
                    int v = post.positionOf(at[k]) - offsets[k];
                    max = Math.max(max, v);
                    if (v < min) {
                        min = v;
                        low = k;
                    }
                }
                if (max - min <= slop) {
                    return true;
                }
                at[low] = post.next(at[low], ids[low]);
                if (at[low] < 0) {
                    return false;
                }
            }
        }

        @Override
        public int[] triggers() {
            return new int[] {ids[lead]};
        }
    }

    /** Lucene's boolean semantics: all MUST/FILTER, no MUST_NOT, and minShould SHOULD (at least one if no MUST). */
    record Bool(Clause[] must, Clause[] should, Clause[] not, int minShould) implements Clause {
        @Override
        public boolean matches(PostTerms post) {
            for (Clause c : must) {
                if (!c.matches(post)) {
                    return false;
                }
            }
            for (Clause c : not) {
                if (c.matches(post)) {
                    return false;
                }
            }
            int needed = must.length == 0 ? Math.max(1, minShould) : minShould;
            for (int i = 0; i < should.length && needed > 0; i++) {
                if (should.length - i < needed) {
                    return false;
                }
                if (should[i].matches(post)) {
                    needed--;
                }
            }
            return needed <= 0;
        }

        @Override
        public int[] triggers() {
            int[] best = null;
            for (Clause c : must) { // any one required clause will do: take the narrowest
                int[] t = c.triggers();
                if (t != null && (best == null || t.length < best.length)) {
                    best = t;
                }
            }
            if (best != null || must.length > 0 && minShould == 0) {
                return best;
            }
            // no usable required clause: one of the SHOULD clauses must match
            Set<Integer> any = new HashSet<>();
            for (Clause c : should) {
                int[] t = c.triggers();
                if (t == null) {
                    return null;
                }
                for (int id : t) {
                    any.add(id);
                }
            }
            return any.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * A query outside the fast path, run on the post's MemoryIndex (built once per post, only when needed); checked on
     * every post unless it has trigger terms (a phrase needs all of its terms).
     */
    record LuceneQuery(Query query, int[] triggers) implements Clause {
        @Override
        public boolean matches(PostTerms post) {
            try {
                return post.searcher().count(query) > 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    enum Const implements Clause {
        ALWAYS, NEVER;

        @Override
        public boolean matches(PostTerms post) {
            return this == ALWAYS;
        }

        @Override
        public int[] triggers() {
            return this == ALWAYS ? null : new int[0];
        }
    }
}
