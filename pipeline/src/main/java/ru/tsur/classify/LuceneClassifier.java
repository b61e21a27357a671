package ru.tsur.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;
import ru.tsur.text.analysis.AnalyzedText;
import ru.tsur.text.analysis.RussianAnalysis;

/**
 * The rule-based classifier: the groups of every rule of a {@link RuleSet} (sector, context, noise, complaint,
 * severity) are queries in a single Lucene {@link Monitor}, so a post is analyzed once and matched once, and the
 * presearcher keeps the cost per post nearly flat as rules grow; rules are then decided from the matched groups. Build one per task; close it to stop the monitor's background purge thread.
 */
public final class LuceneClassifier implements Classifier, AutoCloseable {

    private static final int MAX_TERMS_PER_RULE = 4;

    private final Analyzer analyzer = RussianAnalysis.analyzer();
    private final CompiledRules rules;
    private final Monitor monitor;

    private LuceneClassifier(CompiledRules rules) {
        this.rules = rules;
        try {
            this.monitor = new Monitor(analyzer, new TermFilteredPresearcher());
            List<MonitorQuery> queries = new ArrayList<>(rules.groups.size());
            for (int g = 0; g < rules.groups.size(); g++) {
                queries.add(new MonitorQuery(Integer.toString(g), rules.groups.get(g), null, java.util.Map.of()));
            }
            monitor.register(queries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the rule monitor", e);
        }
    }

    /** Validates and compiles a rule-set document; throws {@link RuleSetException} naming the first problem. */
    public static LuceneClassifier fromJson(String json, TopicCatalogue catalogue) {
        RuleSet rs = RuleSet.parse(json);
        return new LuceneClassifier(CompiledRules.compile(rs, catalogue, RussianAnalysis.analyzer()));
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

    /** Number of distinct queries registered in the monitor. */
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
        List<Fired> fired = match(text);
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

    private static List<String> explain(List<Fired> fired, AnalyzedText text) {
        List<String> out = new ArrayList<>();
        for (Fired f : fired) {
            Set<String> words = new LinkedHashSet<>();
            for (int i : f.hits) {
                words.add(text.surface(i).toLowerCase(Locale.ROOT));
                if (words.size() == MAX_TERMS_PER_RULE) {
                    break;
                }
            }
            out.add(words.isEmpty() ? f.rule.id : f.rule.id + ":" + String.join(",", words));
        }
        return out;
    }

    private List<Fired> match(AnalyzedText text) {
        Document doc = new Document();
        doc.add(new TextField(AnalyzedText.FIELD, text.tokenStream()));
        MatchingQueries<QueryMatch> result;
        try {
            result = monitor.match(doc, QueryMatch.SIMPLE_MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BitSet groups = new BitSet(rules.groups.size());
        for (QueryMatch m : result.getMatches()) {
            groups.set(Integer.parseInt(m.getQueryId()));
        }
        List<Fired> fired = new ArrayList<>();
        for (CompiledRule r : rules.rules) { // rule order: deterministic whatever the monitor's order
            if (r.fires(groups)) {
                fired.add(new Fired(r, r.hits(text)));
            }
        }
        return fired;
    }

    @Override
    public void close() {
        try {
            monitor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Fired(CompiledRule rule, int[] hits) {
        double score(RuleSet.Decision d) {
            return rule.weight * (1 + d.repeatBonus() * Math.min(Math.max(hits.length - 1, 0), 3));
        }

        int firstPosition(AnalyzedText text) {
            return hits.length == 0 ? Integer.MAX_VALUE : text.position(hits[0]);
        }
    }
}
