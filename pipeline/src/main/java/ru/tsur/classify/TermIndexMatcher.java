package ru.tsur.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * The production matcher: a term → group index built once per rule set, looked up with the post's analyzed terms.
 * Groups are split into alternatives as the Monitor decomposes them; an alternative that is a single term matches
 * when the term occurs (one hash lookup per token, shared by all groups), the others (phrases, conjunctions) are
 * checked only when one of their trigger terms occurs, and only while their group has not matched yet. Clauses it
 * cannot evaluate itself run on a per-post MemoryIndex (see {@link Clause}). Decisions are those of
 * {@link MonitorMatcher}, at a few microseconds a post instead of hundreds.
 */
final class TermIndexMatcher implements RuleMatcher {

    private static final int[] NONE = new int[0];

    private final CompiledRules rules;
    private final Map<String, Integer> dictionary = new HashMap<>();
    private final boolean[] functionWord;
    /** Term id → groups that one of its alternatives, this very term, makes match. */
    private final int[][] direct;
    /** Term id → alternatives to check when the term occurs. */
    private final int[][] checks;
    /** Alternatives no term can trigger (MatchAll, Lucene-only clauses): checked on every post. */
    private final int[] always;
    private final Clause[] alternatives;
    private final int[] groupOf;
    /** Group → rules whose first required group it is: the only rules that can fire when it matches. */
    private final int[][] rulesByGroup;
    /** Rule → sorted ids of the terms it looks for (its explanation). */
    private final int[][] ruleTerms;

    TermIndexMatcher(CompiledRules rules) {
        this.rules = rules;
        List<Set<Integer>> directByTerm = new ArrayList<>();
        List<List<Integer>> checksByTerm = new ArrayList<>();
        List<Integer> alwaysList = new ArrayList<>();
        List<Clause> alts = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g < rules.groups.size(); g++) {
            List<Clause> disjuncts = new ArrayList<>();
            Clause.disjuncts(Clause.of(rules.groups.get(g), this::idOf), disjuncts);
            for (Clause c : disjuncts) {
                if (c instanceof Clause.TermClause t) {
                    at(directByTerm, t.id(), LinkedHashSet::new).add(g);
                    continue;
                }
                int a = alts.size();
                alts.add(c);
                groups.add(g);
                int[] triggers = c.triggers();
                if (triggers == null) {
                    alwaysList.add(a);
                } else {
                    for (int id : triggers) {
                        at(checksByTerm, id, ArrayList::new).add(a);
                    }
                }
            }
        }
        ruleTerms = new int[rules.rules.size()][];
        List<List<Integer>> byGroup = new ArrayList<>();
        for (CompiledRule r : rules.rules) {
            ruleTerms[r.index] = r.terms().stream().mapToInt(this::idOf).sorted().toArray();
            at(byGroup, r.required[0], ArrayList::new).add(r.index);
        }
        int terms = dictionary.size();
        functionWord = new boolean[terms];
        dictionary.forEach((term, id) -> functionWord[id] = CompiledRule.FUNCTION_WORDS.contains(term));
        direct = toArrays(directByTerm, terms);
        checks = toArrays(checksByTerm, terms);
        rulesByGroup = toArrays(byGroup, rules.groups.size());
        always = alwaysList.stream().mapToInt(Integer::intValue).toArray();
        alternatives = alts.toArray(Clause[]::new);
        groupOf = groups.stream().mapToInt(Integer::intValue).toArray();
    }

    private int idOf(String term) {
        Integer id = dictionary.get(term);
        if (id == null) {
            id = dictionary.size();
            dictionary.put(term, id);
        }
        return id;
    }

    private static <C extends java.util.Collection<Integer>> C at(List<C> lists, int i,
            java.util.function.Supplier<C> fresh) {
        while (lists.size() <= i) {
            lists.add(null);
        }
        if (lists.get(i) == null) {
            lists.set(i, fresh.get());
        }
        return lists.get(i);
    }

    private static int[][] toArrays(List<? extends java.util.Collection<Integer>> lists, int size) {
        int[][] out = new int[size][];
        for (int i = 0; i < size; i++) {
            out[i] = i < lists.size() && lists.get(i) != null
                    ? lists.get(i).stream().mapToInt(Integer::intValue).toArray()
                    : NONE;
        }
        return out;
    }

    @Override
    public BitSet groups(AnalyzedText text) {
        return groups(new PostTerms(text, dictionary));
    }

    private BitSet groups(PostTerms post) {
        BitSet matched = new BitSet(rules.groups.size());
        int n = post.occurrences();
        for (int o = 0; o < n; o++) {
            if (o == 0 || post.idAt(o) != post.idAt(o - 1)) {
                for (int g : direct[post.idAt(o)]) {
                    matched.set(g);
                }
            }
        }
        boolean[] tried = null; // an alternative triggered by several of the post's terms is checked once
        for (int o = 0; o < n; o++) {
            if (o > 0 && post.idAt(o) == post.idAt(o - 1)) {
                continue;
            }
            for (int a : checks[post.idAt(o)]) {
                int g = groupOf[a];
                if (!matched.get(g)) {
                    if (tried == null) {
                        tried = new boolean[alternatives.length];
                    }
                    if (!tried[a]) {
                        tried[a] = true;
                        if (alternatives[a].matches(post)) {
                            matched.set(g);
                        }
                    }
                }
            }
        }
        for (int a : always) {
            if (!matched.get(groupOf[a]) && alternatives[a].matches(post)) {
                matched.set(groupOf[a]);
            }
        }
        return matched;
    }

    @Override
    public List<LuceneClassifier.Fired> fired(AnalyzedText text) {
        PostTerms post = new PostTerms(text, dictionary);
        BitSet matched = groups(post);
        int[] candidates = new int[16];
        int n = 0;
        for (int g = matched.nextSetBit(0); g >= 0; g = matched.nextSetBit(g + 1)) {
            for (int r : rulesByGroup[g]) {
                if (n == candidates.length) {
                    candidates = Arrays.copyOf(candidates, n * 2);
                }
                candidates[n++] = r;
            }
        }
        Arrays.sort(candidates, 0, n); // rule order, as the reference
        List<LuceneClassifier.Fired> fired = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompiledRule r = rules.rules.get(candidates[i]);
            if (r.fires(matched)) {
                fired.add(new LuceneClassifier.Fired(r, hits(r, post)));
            }
        }
        return fired;
    }

    /** {@link CompiledRule#hits(AnalyzedText)} with term ids: a binary search per token instead of string hashing. */
    private int[] hits(CompiledRule r, PostTerms post) {
        int[] terms = ruleTerms[r.index];
        boolean patterns = r.hasPatterns();
        return CompiledRule.hits(post.ids.length, i -> {
            int id = post.ids[i];
            if (id >= 0) {
                return !functionWord[id]
                        && (Arrays.binarySearch(terms, id) >= 0 || patterns && r.matchesPattern(post.text.term(i)));
            }
            return patterns && !CompiledRule.FUNCTION_WORDS.contains(post.text.term(i))
                    && r.matchesPattern(post.text.term(i));
        });
    }

    /** Distinct terms the rules mention. */
    int dictionarySize() {
        return dictionary.size();
    }

    /** Alternatives checked on every post (no trigger term); 0 for rules made of words and phrases. */
    int untriggered() {
        return always.length;
    }

    @Override
    public void close() {}
}
