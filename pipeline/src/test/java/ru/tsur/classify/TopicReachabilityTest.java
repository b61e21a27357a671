package ru.tsur.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every catalogue topic is reachable: the shipped rules name it, and a realistic post written for it
 * ({@code classify/topic-examples.tsv}) gets that topic, its sector, and stays actionable.
 */
class TopicReachabilityTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();
    private static final LuceneClassifier classifier = SharedClassifier.get();

    private static Map<String, String> examples() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = TopicReachabilityTest.class.getResourceAsStream("/classify/topic-examples.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", 2);
                assertTrue(out.put(p[0], p[1]) == null, "two examples for " + p[0]);
            }
        }
        return out;
    }

    @Test
    void everyTopicIsNamedByARule() {
        RuleSet rs = RuleSet.parse(RuleSet.defaultJson());
        Set<String> named = new HashSet<>();
        for (RuleSet.Rule r : rs.sectors()) {
            r.topics().forEach(c -> named.add(c.topic()));
        }
        List<String> missing = new ArrayList<>(CATALOGUE.topics());
        missing.removeAll(named);
        assertEquals(List.of(), missing);
    }

    @Test
    void everyTopicHasAnExampleThatReachesIt() throws IOException {
        Map<String, String> examples = examples();
        assertEquals(new HashSet<>(CATALOGUE.topics()), examples.keySet());
        List<String> failures = new ArrayList<>();
        examples.forEach((topic, text) -> {
            Classification c = classifier.classify(text);
            if (!c.topics().contains(topic) || c.sector() != CATALOGUE.sectorOf(topic) || !c.actionable()) {
                failures.add(topic + " <- «" + text + "» got " + c.sector().slug() + " " + c.topics() + " "
                        + c.matched());
            }
        });
        assertEquals(List.of(), failures);
    }
}
