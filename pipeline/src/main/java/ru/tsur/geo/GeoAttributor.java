package ru.tsur.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds which region and municipality a post is about, from place names in its text and the source's region hint.
 * A city found in the text wins (one in the hinted region first); else a region named in the text; else the hint.
 * Names that are also common words or surnames («Шахты», «Дно», «Кирова» as in «ул. Кирова») count only after a
 * place marker («в», «из», «г.», «город»); other names count when capitalised or after a marker.
 */
public final class GeoAttributor {

    /** Ambiguous city names (folded): words, first names and the surnames streets are named after. */
    private static final Set<String> NEEDS_MARKER = Set.of(
            "дно", "шахты", "строитель", "мирный", "полярный", "заречный", "радужный", "орел", "бор", "остров",
            "сокол", "луга", "ковров", "лиски", "липки", "город", "пушкин", "королев", "кола", "анна", "чехов",
            "гагарин", "лермонтов", "жуков", "пугачев", "суворов", "кропоткин", "киров", "ломоносов", "светлый",
            "советск", "искитим", "фокино", "зима", "ржев", "рост", "белый", "никольск", "свободный", "приморск",
            "гай", "кировск", "минусинск", "лесной", "озерск", "снежное", "спасск", "узловая", "удачный",
            "харовск", "энгельс", "чапаевск", "жигулевск", "чкалов", "нолинск", "котово", "болхов", "тихорецк",
            "высоцк", "карачев", "волжский", "кондрово", "венев", "серов", "тавда", "абаза", "вилючинск",
            "заводоуковск", "бакал", "сим", "вихоревка", "морозовск", "ростов", "шумиха", "печора", "белинский",
            "менделеевск", "арамиль", "тара", "камень-на-оби", "карталы", "уста", "сосновка", "каменка", "ленинск",
            "пионерский", "муравленко", "дедовск", "горняк", "губаха", "ялта", "алушта");

    private static final Set<String> MARKERS = Set.of(
            "в", "во", "из", "г", "гор", "город", "города", "городе", "городу", "городом", "по", "под", "около",
            "возле", "до", "мкр", "пгт", "поселок", "посёлок");

    private final Gazetteer gazetteer;

    public GeoAttributor(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    public GeoMatch attribute(String text, String regionHint) {
        Gazetteer.Region hinted = resolveHint(regionHint);
        List<City> found = new ArrayList<>();
        Gazetteer.Region namedRegion = scan(text == null ? "" : text, found);

        City best = null;
        for (City c : found) {
            if (hinted != null && c.regionCode().equals(hinted.code())
                    || namedRegion != null && c.regionCode().equals(namedRegion.code())) {
                best = c;
                break;
            }
        }
        if (best == null && !found.isEmpty()) {
            best = found.get(0);
        }
        if (best != null) {
            return new GeoMatch(best.regionCode(), best.region(), best.name(), best.zone(), "text");
        }
        if (namedRegion != null) {
            return new GeoMatch(namedRegion.code(), namedRegion.name(), null, namedRegion.zone(), "text");
        }
        if (hinted != null) {
            return new GeoMatch(hinted.code(), hinted.name(), null, hinted.zone(), "hint");
        }
        return GeoMatch.none();
    }

    private Gazetteer.Region resolveHint(String hint) {
        if (hint == null || hint.isBlank()) {
            return null;
        }
        String h = hint.trim();
        if (h.length() <= 2 && h.chars().allMatch(Character::isDigit)) {
            return gazetteer.region(h.length() == 1 ? "0" + h : h);
        }
        return gazetteer.regionByForm(RussianForms.fold(h));
    }

    /**
     * Adds cities named in the text to {@code found} (in order of appearance; among same-named cities the most
     * populous first) and returns the first region named, if any.
     */
    private Gazetteer.Region scan(String text, List<City> found) {
        List<Token> tokens = tokenize(text);
        Gazetteer.Region region = null;
        int maxWords = gazetteer.longestNameWords();
        String[] keys = new String[maxWords];
        for (int i = 0; i < tokens.size(); i++) {
            // longest match first, so «Нижнем Новгороде» is not read as «Новгород»; a key grows by a word only while
            // some name starts with it, longer keys could name nothing
            int most = Math.min(maxWords, tokens.size() - i);
            keys[0] = tokens.get(i).folded;
            int count = 1;
            while (count < most && gazetteer.startsLongerName(keys[count - 1])) {
                keys[count] = keys[count - 1] + ' ' + tokens.get(i + count).folded;
                count++;
            }
            for (int w = count - 1; w >= 0; w--) {
                List<City> cities = gazetteer.citiesByForm(keys[w]);
                if (cities != null && accepted(tokens, i, cities.get(0))) {
                    cities.stream()
                            .sorted((a, b) -> Long.compare(b.population(), a.population()))
                            .filter(c -> !found.contains(c))
                            .forEach(found::add);
                    i += w;
                    break;
                }
                Gazetteer.Region r = gazetteer.regionByForm(keys[w]);
                if (r != null && (w > 0 || tokens.get(i).capitalised || afterMarker(tokens, i))) {
                    if (region == null) region = r;
                    i += w;
                    break;
                }
            }
        }
        return region;
    }

    private static boolean accepted(List<Token> tokens, int i, City city) {
        boolean marker = afterMarker(tokens, i);
        if (NEEDS_MARKER.contains(RussianForms.fold(city.name()))) {
            return marker;
        }
        return marker || tokens.get(i).capitalised || tokens.get(i).hashtag;
    }

    private static boolean afterMarker(List<Token> tokens, int i) {
        return i > 0 && MARKERS.contains(tokens.get(i - 1).folded) && !tokens.get(i - 1).sentenceEnd;
    }

    private record Token(String folded, boolean capitalised, boolean hashtag, boolean sentenceEnd) {}

    /** Letter runs (with inner hyphens) of the text; remembers capitalisation, a leading '#', a following '.'. */
    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetter(text.charAt(i))
                    || (text.charAt(i) == '-' && i + 1 < n && Character.isLetter(text.charAt(i + 1))))) {
                i++;
            }
            String word = text.substring(start, i);
            boolean hashtag = start > 0 && text.charAt(start - 1) == '#';
            // «г.» is a marker even with its dot; any other word followed by a dot may end a sentence
            boolean dot = i < n && text.charAt(i) == '.';
            String folded = RussianForms.fold(word);
            boolean sentenceEnd = dot && !folded.equals("г") && !folded.equals("гор") && !folded.equals("мкр");
            out.add(new Token(folded, Character.isUpperCase(word.charAt(0)), hashtag, sentenceEnd));
        }
        return out;
    }
}
