package ru.tsur.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;
import ru.tsur.text.analysis.AnalyzedText;

/** Validates a {@link RuleSet} against the topic catalogue and parses every query; fails on the first problem. */
final class CompiledRules {

    private static final Pattern VOCAB_REF = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)");

    final RuleSet source;
    final List<CompiledRule> rules = new ArrayList<>();
    /** Distinct flat groups of all rules; a vocabulary group used by twenty rules is matched once per post. */
    final List<Query> groups = new ArrayList<>();
    private final Map<Query, Integer> groupIndex = new HashMap<>();
    private final Map<String, CompiledRule> byId = new HashMap<>();

    private CompiledRules(RuleSet source) {
        this.source = source;
    }

    static CompiledRules compile(RuleSet rs, TopicCatalogue catalogue, Analyzer analyzer) {
        if (rs.version() == null || rs.version().isBlank()) {
            throw new RuleSetException("rule set has no version");
        }
        RuleSet.Decision d = rs.decision();
        if (d.maxTopics() < 1 || d.strongSectorScore() <= 0 || d.repeatBonus() < 0 || d.otherRulesFactor() < 0
                || d.otherRulesFactor() > 1) {
            throw new RuleSetException(
                    "decision: maxTopics >= 1, strongSectorScore > 0, repeatBonus >= 0, 0 <= otherRulesFactor <= 1");
        }
        if (rs.sectors().isEmpty()) {
            throw new RuleSetException("rule set " + rs.version() + " has no sector rules");
        }
        CompiledRules out = new CompiledRules(rs);
        QueryParser parser = new QueryParser(AnalyzedText.FIELD, analyzer);
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true); // «ж/д», «пцр-тест»: one word, several tokens, kept in order
        parser.setDefaultOperator(QueryParser.Operator.OR);
        Set<String> ids = new HashSet<>();
        Set<String> contextIds = new HashSet<>();
        for (RuleSet.Rule r : rs.contexts()) {
            out.add(CompiledRule.Kind.CONTEXT, r, parser, ids, null, null);
            contextIds.add(r.id());
        }
        for (RuleSet.Rule r : rs.sectors()) {
            Sector sector = parseSector(r);
            if (r.weight() == null || r.weight() <= 0) {
                throw new RuleSetException(r.id() + ": weight must be > 0");
            }
            for (RuleSet.TopicChoice c : r.topics()) {
                if (!catalogue.contains(c.topic())) {
                    throw new RuleSetException(r.id() + ": topic not in the catalogue: " + c.topic());
                }
                if (catalogue.sectorOf(c.topic()) != sector) {
                    throw new RuleSetException(r.id() + ": topic " + c.topic() + " belongs to sector "
                            + catalogue.sectorOf(c.topic()).slug() + ", not " + sector.slug());
                }
                for (String w : c.when()) {
                    if (!contextIds.contains(w)) {
                        throw new RuleSetException(r.id() + ": unknown context " + w);
                    }
                }
            }
            out.add(CompiledRule.Kind.SECTOR, r, parser, ids, sector, null);
        }
        for (RuleSet.Rule r : rs.noise()) {
            if (r.reason() == null || r.reason().isBlank()) {
                throw new RuleSetException(r.id() + ": noise rule needs a reason");
            }
            out.add(CompiledRule.Kind.NOISE, r, parser, ids, r.sector() == null ? null : parseSector(r), null);
        }
        for (RuleSet.Rule r : rs.complaint()) {
            out.add(CompiledRule.Kind.COMPLAINT, r, parser, ids, null, null);
        }
        for (RuleSet.Rule r : rs.severity()) {
            Severity level;
            try {
                level = Severity.fromSlug(String.valueOf(r.level()));
            } catch (IllegalArgumentException e) {
                throw new RuleSetException(r.id() + ": unknown severity level " + r.level());
            }
            if (level == Severity.NORMAL) {
                throw new RuleSetException(r.id() + ": a severity rule raises to high or critical");
            }
            out.add(CompiledRule.Kind.SEVERITY, r, parser, ids, null, level);
        }
        return out;
    }

    private static Sector parseSector(RuleSet.Rule r) {
        try {
            return Sector.fromSlug(String.valueOf(r.sector()));
        } catch (IllegalArgumentException e) {
            throw new RuleSetException(r.id() + ": unknown sector " + r.sector());
        }
    }

    private void add(CompiledRule.Kind kind, RuleSet.Rule r, QueryParser parser, Set<String> ids, Sector sector,
            Severity level) {
        if (r.id() == null || r.id().isBlank()) {
            throw new RuleSetException(kind + " rule without id");
        }
        if (!ids.add(r.id())) {
            throw new RuleSetException("duplicate rule id " + r.id());
        }
        if (r.query() == null || r.query().isBlank()) {
            throw new RuleSetException(r.id() + ": empty query");
        }
        Query q = parse(r.id(), parser, expand(r.id(), r.query()));
        List<Query> required = new ArrayList<>();
        List<Query> excluded = new ArrayList<>();
        split(q, required, excluded);
        if (required.isEmpty()) {
            throw new RuleSetException(r.id() + ": a query needs at least one positive clause");
        }
        if (r.exclude() != null && !r.exclude().isBlank()) {
            excluded.add(parse(r.id(), parser, expand(r.id(), r.exclude())));
        }
        CompiledRule compiled = new CompiledRule(rules.size(), kind, r, required, groupIds(required),
                groupIds(excluded), sector, level);
        rules.add(compiled);
        byId.put(compiled.id, compiled);
    }

    /**
     * Splits a rule query into groups: its required clauses (each a group) and its prohibited ones. Optional clauses
     * beside required ones never decide a match in Lucene, so they are dropped; a pure disjunction is one group. Big
     * conjunctions of disjunctions («+(@bus) +(не пришел …)») would otherwise be rewritten and scored whole for every
     * candidate post; as groups, each disjunction is decomposed by the Monitor into cheap term and phrase queries.
     */
    private static void split(Query q, List<Query> required, List<Query> excluded) {
        if (!(q instanceof BooleanQuery bq) || bq.getMinimumNumberShouldMatch() > 0) {
            required.add(q);
            return;
        }
        List<Query> must = new ArrayList<>();
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        int shoulds = 0;
        for (BooleanClause c : bq.clauses()) {
            switch (c.occur()) {
                case MUST, FILTER -> must.add(c.query());
                case MUST_NOT -> excluded.add(c.query());
                case SHOULD -> {
                    should.add(c);
                    shoulds++;
                }
            }
        }
        if (!must.isEmpty()) {
            required.addAll(must);
        } else if (shoulds > 0) {
            required.add(shoulds == bq.clauses().size() ? bq : should.build());
        }
    }

    private int[] groupIds(List<Query> queries) {
        int[] ids = new int[queries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = groupIndex.computeIfAbsent(queries.get(i), k -> {
                groups.add(k);
                return groups.size() - 1;
            });
        }
        return ids;
    }

    private Query parse(String id, QueryParser parser, String text) {
        try {
            Query q = parser.parse(text);
            if (q instanceof MatchNoDocsQuery || q instanceof BooleanQuery bq && bq.clauses().isEmpty()) {
                throw new RuleSetException(id + ": query has no terms after analysis: " + text);
            }
            return q;
        } catch (ParseException e) {
            throw new RuleSetException(id + ": query does not parse: " + e.getMessage(), e);
        }
    }

    /** Replaces {@code @name} by the vocabulary entry in parentheses; entries may use other entries (depth ≤ 4). */
    private String expand(String id, String query) {
        String text = query;
        for (int depth = 0; depth < 5; depth++) {
            Matcher m = VOCAB_REF.matcher(text);
            if (!m.find()) {
                return text;
            }
            m.reset();
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String words = source.vocab().get(m.group(1));
                if (words == null) {
                    throw new RuleSetException(id + ": unknown vocabulary @" + m.group(1));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement("(" + words + ")"));
            }
            m.appendTail(sb);
            text = sb.toString();
        }
        throw new RuleSetException(id + ": vocabulary nested too deep (a cycle?)");
    }

    CompiledRule byId(String id) {
        CompiledRule r = byId.get(id);
        if (r == null) {
            throw new IllegalStateException("unknown rule id " + id);
        }
        return r;
    }

    int indexOf(String id) {
        return byId(id).index;
    }
}
