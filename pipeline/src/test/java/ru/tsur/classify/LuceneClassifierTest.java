package ru.tsur.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;

/** Behaviour of the shipped rules on posts written the way people write them. */
class LuceneClassifierTest {

    private static final LuceneClassifier classifier = SharedClassifier.get();

    private static Classification c(String text) {
        return classifier.classify(text);
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', textBlock = """
            roads        | ул. Строителей превратилась в полосу препятствий, ЯМЫ по колено, подвеску убил за неделю
            roads        | колдобины на выезде из города, вчера пробил колесо
            roads        | гололёд на Комсомольской, дорогу никто не посыпает, машины в кювете
            roads        | светофор на перекрестке у рынка не работает с утра, пробка до моста
            housing      | в квартире +14, батареи ледяные, УК говорит всё по нормативу
            housing      | третий день нет горячей воды в доме 12 по Мира, управляйка молчит
            housing      | лифт опять встал, бабушка с 8 этажа не может выйти
            housing      | с потолка течёт после дождя, крыша дырявая, жэк не чешется
            waste        | мусорку не вывозили с пятницы, баки переполнены, вонища
            waste        | у гаражей опять свалка, кто-то вывалил строительный мусор
            transport    | маршрутка 45 не пришла, простояли полчаса на морозе
            transport    | водитель автобуса 12 хамит пассажирам и курит на остановках
            health       | скорая не едет уже полтора часа, у отца давление 200
            health       | в поликлинику не записаться, талонов к терапевту нет на месяц вперед
            education    | в садике воспитательница орёт на детей, ребенок не хочет туда ходить
            education    | в школе холодно, дети сидят на уроках в куртках
            social       | не пришло детское пособие за октябрь, в соцзащите разводят руками
            construction | на стройке ЖК за домом работают по ночам, шум до 3 ночи
            other        | стаи бродячих собак у школы, страшно отпускать детей
            other        | на заводе не платят зарплату третий месяц
            """)
    void sectorOfEverydayComplaints(String sector, String text) {
        Classification r = c(text);
        assertEquals(Sector.fromSlug(sector), r.sector(), () -> r.toString());
        assertTrue(r.actionable(), () -> r.toString());
        assertTrue(r.score() > 0);
    }

    @Test
    void morphologyCasesAndYoDoNotMatter() {
        Sector a = c("Огромная яма на дороге").sector();
        assertEquals(Sector.ROADS, a);
        assertEquals(a, c("огромной ямой на дорогах").sector());
        assertEquals(a, c("ОГРОМНЫЕ ЯМЫ НА ДОРОГЕ!!!").sector());
        assertEquals(Sector.HOUSING, c("Счётчик насчитал двойные начисления в квитанции").sector());
        assertEquals(Sector.HOUSING, c("Счетчик насчитал двойные начисления в квитанции").sector());
        assertEquals(Sector.WASTE, c("мусoр нe вывозят ужееее неделю").sector()); // Latin o, e; stretched letters
        assertEquals(Sector.ROADS, c("<p>ямищщи на дороге&nbsp;</p> 😡😡").sector());
    }

    @Test
    void explanationNamesRulesAndWords() {
        Classification r = c("Третий день нет света во всем доме");
        assertTrue(r.matched().stream().anyMatch(m -> m.startsWith("housing.electricity:") && m.contains("света")),
                r.matched().toString());
        assertEquals(Severity.CRITICAL, r.severity());
        assertFalse(r.matched().stream().anyMatch(m -> m.matches(".*[:,](в|во|на|не)(,|$).*")),
                "function words are not shown: " + r.matched());
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', textBlock = """
            advertisement  | Продам гараж в кооперативе Рассвет, недорого, торг
            advertisement  | Натяжные потолки за один день! Скидки пенсионерам, звоните по телефону
            spam           | Пассивный доход от 5000 в день без вложений, пиши в лс
            congratulation | Поздравляем наших учителей с Днём учителя! Желаем терпения и здоровья!
            greeting       | Доброе утро, земляки! Хорошего дня всем
            pseudo_legal   | Я гражданин СССР, РФ это ООО, ваши квитанции для меня ничтожны
            news           | Губернатор открыл новую школу в микрорайоне Солнечный, сообщает пресс-служба
            gratitude      | Огромное спасибо дорожникам за новый асфальт на нашей улице!
            insult         | уроды
            """)
    void noiseIsNotActionable(String reason, String text) {
        Classification r = c(text);
        assertFalse(r.actionable(), () -> r.toString());
        assertEquals(reason, r.nonActionableReason());
        assertEquals(Severity.NORMAL, r.severity());
    }

    @Test
    void adsAndGreetingsGoToOtherButNewsKeepsItsSector() {
        assertEquals(Sector.OTHER, c("Поздравляем всех учителей школы №3 с праздником!").sector());
        Classification news = c("Уважаемые жители! 15 ноября будет отключена холодная вода по улице Мира");
        assertFalse(news.actionable());
        assertEquals(Sector.HOUSING, news.sector());
    }

    @Test
    void aComplaintWrappedInNoiseStaysActionable() {
        // a greeting, an insult, thanks in advance: a real problem is never lost
        assertTrue(c("Доброе утро! У нас опять нет воды в доме 5, когда дадут?").actionable());
        assertTrue(c("управляйка — уроды, третий месяц течёт крыша в подъезде").actionable());
        assertTrue(c("Спасибо заранее. Прошу убрать свалку за школой").actionable());
        assertTrue(c("Продают просроченное молоко в магазине на Ленина, примите меры").actionable());
    }

    @Test
    void textsWithoutAnyRuleAreOtherAndActionable() {
        Classification r = c("Кто отвечает за вот это всё вообще");
        assertEquals(Sector.OTHER, r.sector());
        assertTrue(r.actionable());
        assertEquals(List.of(), r.topics());
        Classification empty = c("   ");
        assertFalse(empty.actionable());
        assertEquals("empty", empty.nonActionableReason());
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', textBlock = """
            critical | В подъезде сильно пахнет газом, газовая служба не едет
            critical | Горит сарай на Садовой, пожарных нет уже 20 минут
            critical | На перекрестке ДТП, сбили пешехода, светофор не работает
            critical | Открытый люк прямо у детской площадки, ребенок чуть не упал
            critical | Во всём доме нет отопления вторые сутки, на улице минус 25
            critical | Провода висят до земли после ветра, искрят
            critical | Балкон на пятом этаже обрушился, кирпичи падают на тротуар
            high     | Весь микрорайон без нормальной дороги, жители собрали подписи
            high     | Неоднократно обращались в УК по поводу протечки, ничего не сделано
            normal   | Во дворе не покрашены лавочки, хотелось бы порядка
            normal   | Яма на дороге у магазина, объезжаем
            """)
    void severity(String level, String text) {
        assertEquals(Severity.fromSlug(level), c(text).severity(), () -> c(text).toString());
    }

    @Test
    void topicFollowsContextIzhsPrivateRegional() {
        assertEquals(List.of("Нарушение дорожного покрытия (ямы) на дорогах в микрорайонах ИЖС"),
                c("В микрорайоне ИЖС дорога одни ямы").topics().subList(0, 1));
        assertTrue(c("Трасса до райцентра вся в ямах").topics()
                .contains("Нарушение дорожного покрытия (ямы) на дорогах регионального и межмуниципального значения"));
        assertTrue(c("В частном секторе мигает свет, скачки напряжения").topics().contains(
                "Нарушения, связанные с содержанием электросети и качеством энергоснабжения в районе частного сектора"));
    }

    @Test
    void decisionsAreDeterministic() {
        String text = "Яма у подъезда, мусор не вывозят, фонари не горят, автобус не ходит";
        Classification first = c(text);
        for (int i = 0; i < 20; i++) {
            assertEquals(first, c(text));
        }
        try (LuceneClassifier other = LuceneClassifier.withDefaultRules()) {
            assertEquals(first, other.classify(text));
        }
    }

    @Test
    void tieBreaksOnTermsThenPositionThenSectorOrder() {
        String json = """
                {"version":"tie","decision":{"strongSectorScore":6,"repeatBonus":0.25,"otherRulesFactor":0.5,
                 "maxTopics":3},
                 "sectors":[
                  {"id":"roads.pit","sector":"roads","weight":2,"query":"яма"},
                  {"id":"waste.garbage","sector":"waste","weight":2,"query":"мусор"},
                  {"id":"roads.yard","sector":"roads","weight":1,"query":"двор"},
                  {"id":"housing.yard","sector":"housing","weight":1,"query":"двор"},
                  {"id":"housing.pair","sector":"housing","weight":1.6,"query":"+подъезд +лавочка"}]}
                """;
        try (LuceneClassifier t = LuceneClassifier.fromJson(json, TopicCatalogue.load())) {
            assertNull(t.classify("мусор и яма").nonActionableReason());
            assertEquals(Sector.WASTE, t.classify("мусор и яма").sector(), "equal score: mentioned first wins");
            assertEquals(Sector.ROADS, t.classify("яма и мусор").sector());
            assertEquals(Sector.ROADS, t.classify("двор").sector(), "full tie: sector order");
            assertEquals(Sector.WASTE, t.classify("яма, мусор, мусор").sector(), "more matched terms win");
            assertEquals(2.0, t.classify("яма").score());
        }
    }
}
