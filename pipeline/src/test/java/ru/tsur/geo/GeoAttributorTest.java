package ru.tsur.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class GeoAttributorTest {

    private final GeoAttributor geo = new GeoAttributor(Gazetteer.shared());

    @Test
    void theGazetteerLoadsEveryCityWithItsRegionAndZone() {
        Gazetteer g = Gazetteer.shared();
        assertEquals(1117, g.cities().size());
        assertEquals("Курская область", g.region("46").name());
        assertEquals("Курск", g.region("46").capital().name());
        assertEquals(ZoneOffset.ofHours(7), g.region("54").zone());
        assertEquals("Москва", g.region("77").name());
    }

    @Test
    void findsCitiesInTheirCaseForms() {
        assertCity("В Курске опять ямы на дорогах", "Курск", "46");
        assertCity("жители из Москвы жалуются", "Москва", "77");
        assertCity("У нас в Нижнем Новгороде нет отопления", "Нижний Новгород", "52");
        assertCity("в Орле маршрутки не ходят", "Орёл", "57");
        assertCity("Петропавловске-Камчатском снег не убирают", "Петропавловск-Камчатский", "41");
        assertCity("мусор в Ростове-на-Дону", "Ростов-на-Дону", "61");
        assertCity("#Новосибирск опять пробки", "Новосибирск", "54");
        assertCity("в ельце яма", "Елец", "48");
    }

    @Test
    void streetsNamedAfterPeopleAreNotCities() {
        GeoMatch m = geo.attribute("Яма на ул. Кирова возле дома 5, улица Гагарина тоже разбита", null);
        assertEquals("none", m.method());
        assertNull(m.municipality());
        assertEquals("Киров", geo.attribute("в Кирове яма на улице Ленина", null).municipality());
    }

    @Test
    void commonWordsThatAreCityNamesNeedAPlaceMarker() {
        assertEquals("none", geo.attribute("Шахты закрыли, дно пробито, мирный протест", null).method());
        assertEquals("Шахты", geo.attribute("в Шахтах нет воды", null).municipality());
    }

    @Test
    void theHintDecidesBetweenSameNamedCitiesAndStandsInWhenTheTextNamesNoPlace() {
        // Советск exists in three regions; the hint picks the one the source is about
        GeoMatch m = geo.attribute("в Советске не вывозят мусор", "39");
        assertEquals("39", m.regionCode());
        GeoMatch hintOnly = geo.attribute("не вывозят мусор третью неделю", "46");
        assertEquals("hint", hintOnly.method());
        assertEquals("Курская область", hintOnly.region());
        assertNull(hintOnly.municipality());
        assertEquals(ZoneOffset.ofHours(3), hintOnly.zone());
    }

    @Test
    void aRegionNamedInTheTextIsUsedWhenNoCityIs() {
        GeoMatch m = geo.attribute("В Курской области дороги разбиты", null);
        assertEquals("46", m.regionCode());
        assertNull(m.municipality());
        assertEquals("text", m.method());
        assertEquals("23", geo.attribute("по всему Краснодарскому краю", null).regionCode());
    }

    @Test
    void nothingKnownDefaultsToMoscowTime() {
        GeoMatch m = geo.attribute("просто текст без мест", null);
        assertEquals(GeoMatch.none(), m);
    }

    @Test
    void namesOfSeveralWordsAreFoundWholeAndTheirFirstWordAloneIsNoSuchPlace() {
        Gazetteer g = Gazetteer.shared();
        int checked = 0;
        for (City c : g.cities()) {
            if (!c.name().contains(" ")) {
                continue;
            }
            GeoMatch m = geo.attribute("Жалоба: в " + c.name() + " третий день нет воды", null);
            assertEquals(c.name(), m.municipality(), c.name());
            checked++;
        }
        assertTrue(checked > 0);
        assertEquals("46", geo.attribute("Дороги Курской области разбиты", null).regionCode());
        GeoMatch nizhny = geo.attribute("Нижний этаж затопило", null);
        assertFalse("Нижний Новгород".equals(nizhny.municipality()), nizhny.toString());
    }

    private void assertCity(String text, String city, String region) {
        GeoMatch m = geo.attribute(text, null);
        assertEquals(city, m.municipality(), text);
        assertEquals(region, m.regionCode(), text);
        assertEquals("text", m.method());
    }
}
