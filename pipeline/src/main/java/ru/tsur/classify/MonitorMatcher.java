package ru.tsur.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import ru.tsur.text.analysis.AnalyzedText;
import ru.tsur.text.analysis.RussianAnalysis;

/**
 * The reference matcher: every group is a query in a Lucene {@link Monitor} (term-filtered presearch, then the
 * candidates run on the post's MemoryIndex). Exact by construction but ~0.3 ms a post; {@link TermIndexMatcher} must
 * agree with it (ClassifierEquivalenceTest). Close it to stop the monitor's background purge thread.
 */
final class MonitorMatcher implements RuleMatcher {

    private final CompiledRules rules;
    private final Monitor monitor;

    MonitorMatcher(CompiledRules rules) {
        this.rules = rules;
        try {
            this.monitor = new Monitor(RussianAnalysis.analyzer(), new TermFilteredPresearcher());
            List<MonitorQuery> queries = new ArrayList<>(rules.groups.size());
            for (int g = 0; g < rules.groups.size(); g++) {
                queries.add(new MonitorQuery(Integer.toString(g), rules.groups.get(g), null, Map.of()));
            }
            monitor.register(queries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the rule monitor", e);
        }
    }

    @Override
    public BitSet groups(AnalyzedText text) {
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
        return groups;
    }

    @Override
    public List<LuceneClassifier.Fired> fired(AnalyzedText text) {
        BitSet groups = groups(text);
        List<LuceneClassifier.Fired> fired = new ArrayList<>();
        for (CompiledRule r : rules.rules) { // rule order: deterministic whatever the monitor's order
            if (r.fires(groups)) {
                fired.add(new LuceneClassifier.Fired(r, r.hits(text)));
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
}
