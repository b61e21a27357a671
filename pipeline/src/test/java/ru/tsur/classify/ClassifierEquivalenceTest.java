package ru.tsur.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ru.tsur.bench.ClassifierBench;
import ru.tsur.classify.eval.LabelledPost;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;
import ru.tsur.text.TextNormalizer;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * The term-index matcher decides exactly as the Lucene Monitor of the same groups: same matched groups, same
 * classification (sector, topics, actionable, reason, severity, score, explanation) on the labelled sets, generated
 * posts, garbage, and word salads made of the rules' own words (which hit phrases, slop and exclusions far more often
 * than real posts do); for the shipped rules, synthetic rule sets, and a rule set using what the fast path hands to
 * Lucene (wildcards, fuzzy, regexp, sloppy phrases repeating a word, other fields, match-all).
 */
class ClassifierEquivalenceTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();

    @Test
    void shippedRulesDecideAsTheMonitorOnEveryKindOfText() throws IOException {
        String json = RuleSet.defaultJson();
        List<String> texts = new ArrayList<>();
        for (String set : List.of("/eval/labelled-dev.jsonl", "/eval/labelled-test.jsonl")) {
            try (InputStream in = getClass().getResourceAsStream(set)) {
                LabelledPost.readJsonl(new InputStreamReader(in, StandardCharsets.UTF_8)).forEach(p -> texts.add(p.text()));
            }
        }
        assertEquals(1200, texts.size());
        texts.addAll(generatedPosts(3000));
        // what the pipeline classifies: the normalized text (where it differs)
        Set<String> raw = new HashSet<>(texts);
        texts.addAll(raw.stream().map(TextNormalizer::normalize).filter(t -> !raw.contains(t)).sorted().toList());
        texts.addAll(garbage(new Random(7), 300));
        texts.addAll(salads(json, new Random(11), 1000));

        Compared c = compare(json, texts);
        assertEquals(0, c.untriggered, "the shipped rules are words and phrases: nothing should need Lucene per post");
        // the corpus reaches (almost) every group, so the comparison covers them
        assertTrue(c.groupsSeen.cardinality() >= 0.95 * c.groups, c.groupsSeen.cardinality() + " of " + c.groups);
        assertTrue(c.fired > texts.size(), "rules fired " + c.fired);
    }

    @Test
    void syntheticRuleSetsOfTheBenchmarkDecideAsTheMonitor() throws IOException {
        List<String> texts = new ArrayList<>(generatedPosts(300));
        for (int rules : new int[] {1000, 5000}) {
            String json = ClassifierBench.withSyntheticRules(rules);
            List<String> all = new ArrayList<>(texts);
            all.addAll(salads(json, new Random(rules), 300));
            compare(json, all);
        }
    }

    @Test
    void clausesLuceneRunsPerPostDecideAsTheMonitor() {
        String json = """
                {"version":"exotic-1",
                 "vocab":{"pit":"яма ямы колдобина \\"разбитая дорога\\"~2"},
                 "contexts":[{"id":"ctx.night","query":"ночью ночь \\"по ночам\\""}],
                 "sectors":[
                  {"id":"s.wild","sector":"roads","weight":2,"query":"ям* колдоб?н*"},
                  {"id":"s.fuzzy","sector":"waste","weight":2,"query":"мусор~1 +(баки бак контейнер~1)"},
                  {"id":"s.regexp","sector":"waste","weight":1.5,"query":"/свал[а-я]*/ помойк*"},
                  {"id":"s.repeat","sector":"housing","weight":1,"query":"\\"очень очень холодно\\"~3 \\"нет нет\\"~2"},
                  {"id":"s.reverse","sector":"roads","weight":1,"query":"\\"дорога разбита\\"~3 \\"асфальт ямы\\"~1"},
                  {"id":"s.nested","sector":"transport","weight":3,
                   "query":"+(автобус маршрутка) +(опоздал \\"не пришел\\" (+нет +расписания)) -(такси)","exclude":"\\"всё хорошо\\""},
                  {"id":"s.field","sector":"health","weight":1,"query":"title:врач врачи^3 (скорая)^2"},
                  {"id":"s.range","sector":"health","weight":1,"query":"[больница TO больницы] поликлиника"},
                  {"id":"s.all","sector":"other","weight":0.1,"query":"*:* -ок"},
                  {"id":"s.pit","sector":"roads","weight":1,"query":"@pit"}],
                 "noise":[{"id":"n.ad","reason":"advertising","query":"+(скидк* акция) -\\"не пришел\\""}],
                 "complaint":[{"id":"c.help","query":"помогите \\"когда же\\"~2"}],
                 "severity":[{"id":"v.child","level":"high","query":"+ребенок~1 +(упал* травм*)"}]}
                """;
        List<String> texts = new ArrayList<>(generatedPosts(100));
        texts.addAll(garbage(new Random(3), 100));
        texts.addAll(salads(json, new Random(5), 300));
        texts.addAll(List.of("ямы ямищи колдобина", "мусар в баках, контеинер полон", "свалка и помойка",
                "очень холодно очень", "нет нет и нет", "разбита у нас дорога", "ямы асфальт", "асфальт ямы",
                "автобус не пришел, нет расписания", "маршрутка опоздал такси", "скидки на всё, акция",
                "ребёнок упал, травма", "ребенак травмировался", "больниц", "ок", "когда же это кончится"));
        Compared c = compare(json, texts);
        assertTrue(c.untriggered > 0, "match-all and Lucene-only clauses are checked on every post");
        assertTrue(c.groupsSeen.cardinality() >= c.groups - 3, c.groupsSeen.cardinality() + " of " + c.groups);
    }

    private record Compared(int groups, int untriggered, BitSet groupsSeen, int fired) {}

    private static Compared compare(String json, List<String> texts) {
        try (LuceneClassifier fast = LuceneClassifier.fromJson(json, CATALOGUE);
                LuceneClassifier reference = LuceneClassifier.fromJson(json, CATALOGUE, LuceneClassifier.Matching.MONITOR)) {
            BitSet seen = new BitSet();
            int fired = 0;
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                AnalyzedText a = fast.analyze(text);
                Classification expected = reference.classify(a);
                assertEquals(expected, fast.classify(a), text);
                if (a.size() > 0 && i % 4 == 0) { // the Monitor is slow: groups of one text in four
                    BitSet groups = reference.matcher().groups(a);
                    assertEquals(groups, fast.matcher().groups(a), text);
                    seen.or(groups);
                }
                fired += expected.matched().size();
            }
            return new Compared(fast.groupCount(), ((TermIndexMatcher) fast.matcher()).untriggered(), seen, fired);
        }
    }

    private static List<String> generatedPosts(int n) {
        List<String> out = new ArrayList<>();
        for (GeneratedPost p : new PostGenerator(
                PostGenerator.Options.defaults(42, OffsetDateTime.parse("2026-03-02T00:00:00+03:00"))).next(n)) {
            String json = new String(p.json(), StandardCharsets.UTF_8);
            try {
                out.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("text").asText());
            } catch (IOException e) {
                throw new AssertionError(json, e);
            }
        }
        return out;
    }

    /** Random characters people and spammers produce: Cyrillic, Latin look-alikes, digits, emoji, markup, runs. */
    private static List<String> garbage(Random rnd, int n) {
        String[] pieces = {"а", "о", "е", "ё", "я", "ы", "м", "Р", "o", "a", "x", "c", "1", "0", " ", " ", " ", ".", ",",
            "!", "?", "-", "/", "\"", "«", "»", "😡", "👍", "\u200b", "&nbsp;", "<br>", "#", "@", "ооо", "ыыыы", "\n",
            "http://x.ru/a?b=1", "не", "в", "на", "ЯМА", "мусoр", "ж/д", "пцр-тест"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(60); k >= 0; k--) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * Word salads from the rule set's own text (vocabulary, queries, exclusions without the syntax): runs of one to four
     * consecutive words of a random entry, glued with short words, so that phrases match, almost match, match
     * reversed or within the slop, and exclusions hit.
     */
    private static List<String> salads(String json, Random rnd, int n) {
        RuleSet rs = RuleSet.parse(json);
        List<String> sources = new ArrayList<>(rs.vocab().values());
        Stream.of(rs.contexts(), rs.sectors(), rs.noise(), rs.complaint(), rs.severity()).flatMap(List::stream)
                .forEach(r -> {
                    sources.add(r.query());
                    if (r.exclude() != null) {
                        sources.add(r.exclude());
                    }
                });
        List<String[]> entries = new ArrayList<>();
        for (String s : sources) {
            String plain = s.replaceAll("@\\w+|~\\d*|\\^\\d+|\\w+:|[\"()+\\[\\]{}*?/]|\\bTO\\b|(^|\\s)-", " ").trim();
            if (!plain.isEmpty()) {
                entries.add(plain.split("\\s+"));
            }
        }
        String[] glue = {"не", "в", "на", "и", "у", "нас", "опять", "уже", "очень", ",", ".", "!", "ок"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                String[] words = entries.get(rnd.nextInt(entries.size()));
                int from = rnd.nextInt(words.length);
                for (int w = from; w < Math.min(words.length, from + 1 + rnd.nextInt(4)); w++) {
                    sb.append(words[w]).append(' ');
                }
                if (rnd.nextBoolean()) {
                    sb.append(glue[rnd.nextInt(glue.length)]).append(' ');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
