package ru.tsur.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;
import ru.tsur.text.analysis.AnalyzedText;
import ru.tsur.text.analysis.RussianAnalysis;

/**
 * The rule-based classifier: the groups of every rule of a {@link RuleSet} (sector, context, noise, complaint,
 * severity) are matched against a post analyzed once with the Russian analysis (stemming) that also parsed the rules;
 * rules are then decided from the matched groups. Matching is a term → group index over the post's terms
 * ({@link TermIndexMatcher}: µs a post, following the post's terms and the rules that fire, not the rule count); the
 * Lucene {@link org.apache.lucene.monitor.Monitor} of the groups ({@link MonitorMatcher}) remains as the reference it
 * is tested against. Build one per task (building is cheap, e.g. on a rule-set reload); close it when done.
 */
public final class LuceneClassifier implements Classifier, AutoCloseable {

    /** How groups are matched; both give the same decisions. */
    public enum Matching {
        /** Term → group index over the analyzed post (production). */
        TERM_INDEX,
        /** Lucene Monitor with a term-filtered presearcher (reference, ~100× slower). */
        MONITOR
    }

    private static final int MAX_TERMS_PER_RULE = 4;

    private final Analyzer analyzer = RussianAnalysis.analyzer();
    private final CompiledRules rules;
    private final RuleMatcher matcher;

    private LuceneClassifier(CompiledRules rules, Matching matching) {
        this.rules = rules;
        this.matcher = matching == Matching.MONITOR ? new MonitorMatcher(rules) : new TermIndexMatcher(rules);
    }

    /** Validates and compiles a rule-set document; throws {@link RuleSetException} naming the first problem. */
    public static LuceneClassifier fromJson(String json, TopicCatalogue catalogue) {
        return fromJson(json, catalogue, Matching.TERM_INDEX);
    }

    /** As {@link #fromJson(String, TopicCatalogue)} with a chosen matcher (the reference one for tests and benches). */
    public static LuceneClassifier fromJson(String json, TopicCatalogue catalogue, Matching matching) {
        RuleSet rs = RuleSet.parse(json);
        return new LuceneClassifier(CompiledRules.compile(rs, catalogue, RussianAnalysis.analyzer()), matching);
    }

    /** The rule set shipped in {@value RuleSet#DEFAULT_RESOURCE}. */
    public static LuceneClassifier withDefaultRules() {
        return fromJson(RuleSet.defaultJson(), TopicCatalogue.load());
    }

    @Override
    public String rulesVersion() {
        return rules.source.version();
    }

    /** Number of rules (all kinds). */
    public int ruleCount() {
        return rules.rules.size();
    }

    /** Number of distinct rule groups (flat disjunctions matched once per post). */
    public int groupCount() {
        return rules.groups.size();
    }

    /** Analyzes with this classifier's analyzer; the result may be reused, e.g. by deduplication. */
    public AnalyzedText analyze(String text) {
        return RussianAnalysis.analyze(analyzer, text);
    }

    @Override
    public Classification classify(String normalizedText) {
        return classify(analyze(normalizedText));
    }

    public Classification classify(AnalyzedText text) {
        if (text.size() == 0) {
            return new Classification(Sector.OTHER, List.of(), false, "empty", Severity.NORMAL, 0.0, List.of(),
                    rulesVersion());
        }
        List<Fired> fired = matcher.fired(text);
        RuleSet.Decision d = rules.source.decision();

        BitSet contexts = new BitSet();
        double[] best = new double[Sector.values().length];
        double[] rest = new double[best.length];
        int[] hits = new int[best.length];
        int[] firstPos = new int[best.length];
        Arrays.fill(firstPos, Integer.MAX_VALUE);
        boolean complaint = false;
        CompiledRule hardNoise = null;
        CompiledRule softNoise = null;
        CompiledRule newsNoise = null;
        Severity severity = Severity.NORMAL;
        for (Fired f : fired) {
            CompiledRule r = f.rule;
            switch (r.kind) {
                case CONTEXT -> contexts.set(r.index);
                case SECTOR -> {
                    int s = r.sector.ordinal();
                    double sc = f.score(d);
                    rest[s] += Math.min(sc, best[s]);
                    best[s] = Math.max(sc, best[s]);
                    hits[s] += f.hits.length;
                    firstPos[s] = Math.min(firstPos[s], f.firstPosition(text));
                }
                case COMPLAINT -> complaint = true;
                case NOISE -> {
                    if (r.hard && hardNoise == null) {
                        hardNoise = r;
                    } else if (!r.hard && r.complaintOnly && newsNoise == null) {
                        newsNoise = r;
                    } else if (!r.hard && !r.complaintOnly && softNoise == null) {
                        softNoise = r;
                    }
                }
                case SEVERITY -> severity = severity.max(r.level);
            }
        }

        double[] score = new double[best.length];
        for (int s = 0; s < score.length; s++) {
            score[s] = best[s] + d.otherRulesFactor() * rest[s];
        }
        Sector winner = Sector.OTHER;
        int top = -1;
        for (int s = 0; s < score.length; s++) {
            if (score[s] > 0 && (top < 0 || better(s, top, score, hits, firstPos))) {
                top = s;
            }
        }
        if (top >= 0) {
            winner = Sector.values()[top];
        }
        double winnerScore = top >= 0 ? score[top] : 0.0;

        CompiledRule noise = null;
        if (hardNoise != null) {
            noise = hardNoise;
        } else if (newsNoise != null && !complaint) {
            noise = newsNoise;
        } else if (softNoise != null && !complaint && winnerScore < d.strongSectorScore()) {
            noise = softNoise;
        }
        boolean actionable = noise == null;
        String reason = actionable ? null : noise.reason;
        if (!actionable && noise.sector != null) {
            winner = noise.sector;
        }

        return new Classification(winner, topics(fired, winner, contexts, d, text), actionable, reason,
                actionable ? severity : Severity.NORMAL, Math.round(winnerScore * 1000) / 1000.0,
                explain(fired, text), rulesVersion());
    }

    /** Higher score wins; then more matched terms; then the sector mentioned first; then the enum order. */
    private static boolean better(int a, int b, double[] score, int[] hits, int[] firstPos) {
        int c = Double.compare(score[a], score[b]);
        if (c != 0) {
            return c > 0;
        }
        if (hits[a] != hits[b]) {
            return hits[a] > hits[b];
        }
        if (firstPos[a] != firstPos[b]) {
            return firstPos[a] < firstPos[b];
        }
        return a < b;
    }

    private List<String> topics(List<Fired> fired, Sector winner, BitSet contexts, RuleSet.Decision d,
            AnalyzedText text) {
        List<Fired> mine = new ArrayList<>();
        for (Fired f : fired) {
            if (f.rule.kind == CompiledRule.Kind.SECTOR && f.rule.sector == winner && !f.rule.topics.isEmpty()) {
                mine.add(f);
            }
        }
        mine.sort(Comparator.comparingDouble((Fired f) -> -f.score(d))
                .thenComparingInt(f -> f.firstPosition(text))
                .thenComparingInt(f -> f.rule.index));
        Set<String> out = new LinkedHashSet<>();
        for (Fired f : mine) {
            String t = chooseTopic(f.rule, contexts);
            if (t != null) {
                out.add(t);
            }
            if (out.size() >= d.maxTopics()) {
                break;
            }
        }
        return List.copyOf(out);
    }

    private String chooseTopic(CompiledRule r, BitSet contexts) {
        for (RuleSet.TopicChoice c : r.topics) {
            if (c.when().isEmpty()) {
                return c.topic();
            }
            for (String w : c.when()) {
                if (contexts.get(rules.indexOf(w))) {
                    return c.topic();
                }
            }
        }
        return null;
    }

    /** «rule.id:word,word» per fired rule: up to four distinct surface words of its hits, lower-cased. */
    private static List<String> explain(List<Fired> fired, AnalyzedText text) {
        String[] out = new String[fired.size()];
        String[] words = new String[MAX_TERMS_PER_RULE];
        StringBuilder sb = new StringBuilder(64);
        for (int k = 0; k < out.length; k++) {
            Fired f = fired.get(k);
            int n = 0;
            for (int i = 0; i < f.hits.length && n < words.length; i++) {
                String w = text.surface(f.hits[i]).toLowerCase(Locale.ROOT);
                if (!Arrays.asList(words).subList(0, n).contains(w)) {
                    words[n++] = w;
                }
            }
            sb.setLength(0);
            sb.append(f.rule.id);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? ':' : ',').append(words[i]);
            }
            out[k] = sb.toString();
        }
        return List.of(out);
    }

    /** The matcher, for tests comparing implementations. */
    RuleMatcher matcher() {
        return matcher;
    }

    @Override
    public void close() {
        matcher.close();
    }

    /** A rule that fired and the post's tokens it looks for (for its score and explanation). */
    record Fired(CompiledRule rule, int[] hits) {
        double score(RuleSet.Decision d) {
            return rule.weight * (1 + d.repeatBonus() * Math.min(Math.max(hits.length - 1, 0), 3));
        }

        int firstPosition(AnalyzedText text) {
            return hits.length == 0 ? Integer.MAX_VALUE : text.position(hits[0]);
        }
    }
}
