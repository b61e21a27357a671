package ru.tsur.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shipped rule set loads, and broken rule sets are refused with a message naming the problem. */
class RuleSetTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();

    private static String ruleSet(String sectorRules) {
        return """
                {"version":"t-1","decision":{"strongSectorScore":6,"repeatBonus":0.25,"otherRulesFactor":0.5,
                 "maxTopics":3},
                 "vocab":{"pit":"яма ямы колдобина"},
                 "contexts":[{"id":"ctx.izhs","query":"ижс"}],
                 "sectors":[%s]}
                """.formatted(sectorRules);
    }

    private static String message(String json) {
        return assertThrows(RuleSetException.class, () -> LuceneClassifier.fromJson(json, CATALOGUE)).getMessage();
    }

    @Test
    void shippedRulesLoad() {
        try (LuceneClassifier c = LuceneClassifier.withDefaultRules()) {
            assertTrue(c.ruleCount() > 150, "rules: " + c.ruleCount());
            assertTrue(c.rulesVersion().matches("\\d{4}\\.\\d{2}\\.\\d{2}-\\d+"), c.rulesVersion());
        }
    }

    @Test
    void catalogueHasAll172TopicsInNineSectors() {
        assertEquals(172, CATALOGUE.size());
        assertEquals(ru.tsur.model.Sector.CONSTRUCTION, CATALOGUE.sectorOf("«Замороженная» стройка"));
    }

    @Test
    void minimalValidRuleSetWorks() {
        String json = ruleSet("""
                {"id":"roads.pit","sector":"roads","weight":2,"query":"@pit",
                 "topics":[{"when":["ctx.izhs"],"topic":"Нарушение дорожного покрытия (ямы) на дорогах в микрорайонах ИЖС"}]}
                """);
        try (LuceneClassifier c = LuceneClassifier.fromJson(json, CATALOGUE)) {
            Classification r = c.classify("в ИЖС одни ямы");
            assertEquals("roads", r.sector().slug());
            assertEquals(1, r.topics().size());
            assertEquals("t-1", r.rulesVersion());
        }
    }

    @Test
    void refusesBrokenDocuments() {
        assertTrue(message("{not json").contains("not valid JSON"));
        assertTrue(message(ruleSet("{\"id\":\"x\",\"sector\":\"roadz\",\"weight\":1,\"query\":\"яма\"}"))
                .contains("unknown sector roadz"));
        assertTrue(message(ruleSet("{\"id\":\"x\",\"sector\":\"roads\",\"weight\":1,\"query\":\"(яма\"}"))
                .contains("does not parse"));
        assertTrue(message(ruleSet("{\"id\":\"x\",\"sector\":\"roads\",\"weight\":1,\"query\":\"@nope\"}"))
                .contains("unknown vocabulary @nope"));
        assertTrue(message(ruleSet("{\"id\":\"x\",\"sector\":\"roads\",\"weight\":0,\"query\":\"яма\"}"))
                .contains("weight"));
        assertTrue(message(ruleSet("""
                {"id":"x","sector":"roads","weight":1,"query":"яма"},{"id":"x","sector":"roads","weight":1,"query":"ямы"}
                """)).contains("duplicate rule id x"));
        assertTrue(message(ruleSet("""
                {"id":"x","sector":"roads","weight":1,"query":"яма","topics":[{"topic":"Нет такой темы"}]}
                """)).contains("not in the catalogue"));
        assertTrue(message(ruleSet("""
                {"id":"x","sector":"roads","weight":1,"query":"яма","topics":[{"topic":"Аварийные деревья"}]}
                """)).contains("belongs to sector housing"));
        assertTrue(message(ruleSet("""
                {"id":"x","sector":"roads","weight":1,"query":"яма",
                 "topics":[{"when":["ctx.none"],"topic":"Нарушение дорожного покрытия (ямы) на дорогах в микрорайонах ИЖС"}]}
                """)).contains("unknown context ctx.none"));
        assertTrue(message(ruleSet("{\"id\":\"x\",\"sector\":\"roads\",\"weight\":1,\"query\":\"яма\",\"bogus\":1}"))
                .contains("not valid JSON"));
        assertTrue(message("{\"version\":\"\",\"sectors\":[]}").contains("no version"));
    }
}
