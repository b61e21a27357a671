package ru.tsur.sla.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private static final RoutingTable R = RoutingTable.load();
    private static final List<String> KURSK_TOWNS = List.of("Курск", "Железногорск", "Курчатов", "Льгов", "Щигры",
            "Дмитриев", "Обоянь", "Рыльск", "Суджа", "Фатеж");
    private static final List<String> SECTORS = List.of("roads", "housing", "waste", "transport", "health",
            "education", "social", "construction", "other");

    @Test
    void everyKurskTownAndSectorHasItsOwnFirstResponder() {
        for (String town : KURSK_TOWNS) {
            for (String sector : SECTORS) {
                String body = R.responsible("46", "Курская", town, sector, 0);
                assertFalse(body.contains("{") || body.startsWith("Администрация муниципального образования"),
                        town + "/" + sector + " fell to a default row: " + body);
            }
        }
    }

    @Test
    void chainGoesMunicipalityThenSectorMinistryThenGovernor() {
        assertEquals(List.of("Комитет дорожного хозяйства города Курска",
                        "Министерство транспорта и автомобильных дорог Курской области",
                        "Администрация Губернатора Курской области"),
                R.chain("46", "Курская", "Курск", "roads"));
        assertEquals("ОБУЗ «Щигровская ЦРБ»", R.responsible("46", "Курская", "ЩИГРЫ", "health", 0));
        assertEquals("Администрация Губернатора Курской области", R.responsible("46", null, "Льгов", "roads", 7));
    }

    @Test
    void otherRegionsAndUnknownPlacesGetTheDefaultChain() {
        String body = R.responsible("54", "Новосибирская", "Бердск", "housing", 0);
        assertEquals("Администрация муниципального образования (Бердск, Новосибирская)", body);
        assertTrue(R.responsible("46", "Курская", "Поныри", "roads", 0).contains("Поныри"));
        assertTrue(R.responsible(null, null, null, null, 2).contains("регион не определён"));
        assertTrue(R.version().startsWith("2026"));
    }

    @Test
    void aQuestionAskedAgainGetsTheAnswerItGotFirst() {
        List<String[]> places = List.of(new String[] {"46", "Курская", "Курск"}, new String[] {"46", "Курская", "курск "},
                new String[] {"46", null, "Щигры"}, new String[] {"54", "Новосибирская", "Бердск"},
                new String[] {null, null, null}, new String[] {"54", "Новосибирская", null});
        java.util.Map<String, String> first = new java.util.HashMap<>();
        RoutingTable fresh = RoutingTable.load();
        for (String[] p : places) {
            for (String sector : SECTORS) {
                for (int level = -1; level <= 3; level++) {
                    first.put(String.join("|", java.util.Arrays.asList(p)) + "|" + sector + "|" + level,
                            fresh.responsible(p[0], p[1], p[2], sector, level));
                }
            }
        }
        // the same table again, in another order (levels first): the same answers, level by level
        for (int level = 3; level >= -1; level--) {
            for (String[] p : places.reversed()) {
                for (String sector : SECTORS) {
                    assertEquals(first.get(String.join("|", java.util.Arrays.asList(p)) + "|" + sector + "|" + level),
                            fresh.responsible(p[0], p[1], p[2], sector, level));
                }
            }
        }
        assertEquals("Комитет дорожного хозяйства города Курска", fresh.responsible("46", "Курская", "Курск", "roads", 0));
        assertEquals("Администрация Губернатора Курской области", fresh.responsible("46", "Курская", "Курск", "roads", 2));
    }
}
