package ru.tsur.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import ru.tsur.geo.City;
import ru.tsur.geo.Gazetteer;

/**
 * A realistic, seeded stream of posts in the JSON input contract: complaints of all nine sectors from a hand-written
 * phrase bank (portal posts name a catalogue topic), noise, reposts and near-copies of earlier complaints across
 * platforms, official replies and citizens' follow-ups, cities weighted by population, typos, CAPS, emoji and HTML
 * remnants, and a daily rhythm (quiet at night, busy in the evening). Deterministic for a given seed.
 */
public final class PostGenerator {

    /** Shares of post kinds and the mean rate; the rest of the stream is original complaints. */
    public record Options(long seed, OffsetDateTime start, double postsPerHour, double noiseShare, double repostShare,
            double copyShare, double officialShare, double replyShare) {
        public static Options defaults(long seed, OffsetDateTime start) {
            return new Options(seed, start, 600, 0.15, 0.10, 0.08, 0.05, 0.03);
        }
    }

    private record Template(String kind, String severity, String text) {}

    private static final String[] SOURCES = {"vk", "vk", "vk", "vk", "telegram", "telegram", "ok", "ok", "portal", "portal",
            "hotline", "messenger", "media"};
    private static final String[] EMOJI = {"😡", "🤬", "😢", "👎", "‼️", "🙏", "😤", "🚧", "🗑️", "🚌"};
    private static final String[] NAMES = {"Ирина", "Сергей", "Татьяна", "Алексей", "Наталья", "Дмитрий", "Ольга"};
    private static final double[] HOURLY = {0.25, 0.15, 0.1, 0.08, 0.1, 0.2, 0.5, 0.9, 1.2, 1.3, 1.3, 1.2, 1.2, 1.2,
            1.1, 1.1, 1.2, 1.4, 1.6, 1.7, 1.6, 1.3, 0.9, 0.5}; // relative intensity by local hour

    private final Options o;
    private final Random rnd;
    private final List<Template> complaints = new ArrayList<>();
    private final List<Template> noise = new ArrayList<>();
    private final List<Template> official = new ArrayList<>();
    private final Map<String, List<String>> topicsBySector = new HashMap<>();
    private final List<String> streets;
    private final List<City> cities;
    private final double[] cumWeights;
    private final List<GeneratedPost> recentComplaints = new ArrayList<>();
    private OffsetDateTime clock;
    private long seq;

    public PostGenerator(Options options) {
        this.o = options;
        this.rnd = new Random(options.seed());
        this.clock = options.start();
        for (String line : lines("/generator/templates.tsv")) {
            String[] f = line.split("\t");
            Template t = new Template(f[0], f[1], f[2]);
            switch (t.kind()) {
                case "noise" -> noise.add(t);
                case "official" -> official.add(t);
                default -> complaints.add(t);
            }
        }
        for (String line : lines("/generator/topics.csv").subList(1, lines("/generator/topics.csv").size())) {
            int comma = line.indexOf(',');
            topicsBySector.computeIfAbsent(line.substring(0, comma), k -> new ArrayList<>())
                    .add(line.substring(comma + 1).replace("\"", ""));
        }
        this.streets = lines("/generator/streets.txt");
        this.cities = Gazetteer.shared().cities();
        this.cumWeights = new double[cities.size()];
        double sum = 0;
        for (int i = 0; i < cities.size(); i++) {
            sum += Math.sqrt(Math.max(1, cities.get(i).population())); // big cities talk more, not proportionally more
            cumWeights[i] = sum;
        }
    }

    /** The next post; publication times increase (Poisson arrivals under the daily rhythm). */
    public GeneratedPost next() {
        advanceClock();
        double r = rnd.nextDouble();
        if (!recentComplaints.isEmpty()) {
            double t = o.noiseShare();
            if (r < t) return noisePost();
            if (r < (t += o.repostShare())) return repost(pickRecent(), false);
            if (r < (t += o.copyShare())) return repost(pickRecent(), true);
            if (r < (t += o.officialShare())) return officialReply(pickRecent());
            if (r < (t += o.replyShare())) return citizenReply(pickRecent());
        }
        return complaint();
    }

    public List<GeneratedPost> next(int n) {
        List<GeneratedPost> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(next());
        return out;
    }

    private void advanceClock() {
        int hour = clock.getHour();
        double rate = o.postsPerHour() * HOURLY[hour] / 0.95; // HOURLY averages ~0.95
        double gapHours = -Math.log(1 - rnd.nextDouble()) / rate;
        clock = clock.plus(Duration.ofMillis(Math.max(1, (long) (gapHours * 3_600_000))));
    }

    private GeneratedPost complaint() {
        Template t = complaints.get(rnd.nextInt(complaints.size()));
        City city = pickCity();
        String source = SOURCES[rnd.nextInt(SOURCES.length)];
        String text = fill(t.text(), city);
        if (!t.text().contains("{city")) {
            text = switch (rnd.nextInt(4)) {
                case 0 -> city.name() + ", " + text;
                case 1 -> text + " #" + city.name().replace(" ", "").replace("-", "");
                case 2 -> "Жители " + genitive(city.name()) + " просят помочь! " + text;
                default -> text; // no place in the text: only the region hint, if any, tells where
            };
        }
        if (source.equals("portal")) {
            List<String> topics = topicsBySector.getOrDefault(t.kind(), List.of());
            if (!topics.isEmpty()) text = "Тема: " + topics.get(rnd.nextInt(topics.size())) + ". " + text;
        }
        text = roughen(text);
        String id = newId(source);
        GeneratedPost p = build(id, source, text, city, null, null, false, "complaint", id, t.kind());
        recentComplaints.add(p);
        if (recentComplaints.size() > 500) recentComplaints.remove(0);
        return p;
    }

    private GeneratedPost noisePost() {
        Template t = noise.get(rnd.nextInt(noise.size()));
        City city = pickCity();
        String source = SOURCES[rnd.nextInt(SOURCES.length)];
        return build(newId(source), source, fill(t.text(), city), city, null, null, false, "noise", null, "noise");
    }

    /** A repost (structural link) or a near-copy (same text changed the way copies change, no link). */
    private GeneratedPost repost(GeneratedPost orig, boolean nearCopy) {
        String text = textOf(orig);
        String source = SOURCES[rnd.nextInt(SOURCES.length)];
        if (nearCopy) {
            text = switch (rnd.nextInt(5)) {
                case 0 -> "Репост: " + text;
                case 1 -> text + " " + EMOJI[rnd.nextInt(EMOJI.length)] + EMOJI[rnd.nextInt(EMOJI.length)];
                case 2 -> typo(typo(text));
                case 3 -> text.toUpperCase(Locale.ROOT);
                default -> text + " #помогите #жкх";
            };
        } else {
            text = rnd.nextBoolean() ? text : "Поддерживаю! " + text;
        }
        City city = cityOf(orig);
        return build(newId(source), source, text, city, null, nearCopy ? null : orig.id(), false,
                nearCopy ? "copy" : "repost", orig.cluster(), orig.sector());
    }

    private GeneratedPost officialReply(GeneratedPost orig) {
        Template t = official.get(rnd.nextInt(official.size()));
        City city = cityOf(orig);
        return build(newId(orig.id().substring(0, orig.id().indexOf(':'))), orig.id().substring(0, orig.id().indexOf(':')),
                fill(t.text(), city), city, orig.id(), null, true, "official", orig.cluster(), orig.sector());
    }

    private GeneratedPost citizenReply(GeneratedPost orig) {
        City city = cityOf(orig);
        String[] replies = {"Та же проблема, у нас тоже самое!", "Ничего не изменилось, всё так же", "+1, поддерживаю",
                "Когда уже сделают?? Прошла неделя", "И у нас в соседнем доме так же"};
        String source = orig.id().substring(0, orig.id().indexOf(':'));
        return build(newId(source), source, replies[rnd.nextInt(replies.length)], city, orig.id(), null, false, "reply",
                orig.cluster(), orig.sector());
    }

    private GeneratedPost build(String id, String source, String text, City city, String replyTo, String repostOf,
            boolean isOfficial, String kind, String cluster, String sector) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("source", source);
            g.writeStringField("published_at", clock.toString());
            g.writeStringField("text", text);
            if (!source.equals("hotline")) g.writeStringField("url", url(id));
            g.writeStringField("author", isOfficial ? source + ":official-" + city.regionCode()
                    : source + ":id" + (100_000 + rnd.nextInt(900_000)));
            if (rnd.nextInt(10) < 6) g.writeStringField("region", city.regionCode());
            if (replyTo != null) g.writeStringField("reply_to", replyTo);
            if (repostOf != null) g.writeStringField("repost_of", repostOf);
            if (isOfficial) g.writeBooleanField("official", true);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GeneratedPost(id, clock, kind, cluster, sector, city.name(), out.toByteArray());
    }

    private String newId(String source) {
        seq++;
        return switch (source) {
            case "vk" -> "vk:wall-" + (1000 + seq % 97) + "_" + seq;
            case "ok" -> "ok:topic-" + seq;
            case "telegram" -> "telegram:c" + (seq % 13) + "/" + seq;
            default -> source + ":" + seq;
        };
    }

    private static String url(String id) {
        String src = id.substring(0, id.indexOf(':'));
        String rest = id.substring(id.indexOf(':') + 1);
        return switch (src) {
            case "vk" -> "https://vk.com/" + rest;
            case "ok" -> "https://ok.ru/group/" + rest;
            case "telegram" -> "https://t.me/" + rest;
            default -> "https://pos.gosuslugi.ru/" + rest;
        };
    }

    private String fill(String template, City city) {
        String street = streets.get(rnd.nextInt(streets.size()));
        String street2 = streets.get(rnd.nextInt(streets.size()));
        return template.replace("{city_loc}", "в " + locative(city.name())).replace("{city}", city.name())
                .replace("{street2}", street2).replace("{street}", "ул. " + street)
                .replace("{house}", String.valueOf(1 + rnd.nextInt(120)))
                .replace("{route}", String.valueOf(1 + rnd.nextInt(60))).replace("{n}", String.valueOf(2 + rnd.nextInt(5)))
                .replace("{days}", String.valueOf(2 + rnd.nextInt(12))).replace("{name}", NAMES[rnd.nextInt(NAMES.length)])
                .replace("{phone}", "8-9" + (10 + rnd.nextInt(89)) + "-" + (100 + rnd.nextInt(899)) + "-"
                        + (10 + rnd.nextInt(89)) + "-" + (10 + rnd.nextInt(89)));
    }

    /** What real posts do to text: typos, lost capitals, CAPS rage, emoji, HTML remnants. */
    private String roughen(String text) {
        String s = text;
        int r = rnd.nextInt(20);
        if (r < 3) s = typo(s);
        else if (r < 5) s = s.toLowerCase(Locale.ROOT);
        else if (r == 5) s = s.toUpperCase(Locale.ROOT);
        else if (r == 6) s = s.replace("\"", "&quot;") + "<br>" + "Фото в комментариях";
        if (rnd.nextInt(6) == 0) s = s + " " + EMOJI[rnd.nextInt(EMOJI.length)];
        return s;
    }

    private String typo(String s) {
        if (s.length() < 10) return s;
        int i = 1 + rnd.nextInt(s.length() - 3);
        char a = s.charAt(i), b = s.charAt(i + 1);
        if (!Character.isLetter(a) || !Character.isLetter(b)) return s;
        return s.substring(0, i) + b + a + s.substring(i + 2);
    }

    private GeneratedPost pickRecent() {
        // copies follow recent complaints more often than old ones
        int n = recentComplaints.size();
        int back = Math.min(n - 1, (int) Math.abs(rnd.nextGaussian() * 30));
        return recentComplaints.get(n - 1 - back);
    }

    private City pickCity() {
        double x = rnd.nextDouble() * cumWeights[cumWeights.length - 1];
        int lo = 0, hi = cumWeights.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumWeights[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return cities.get(lo);
    }

    private City cityOf(GeneratedPost p) {
        for (City c : cities) if (c.name().equals(p.city())) return c;
        return cities.get(0);
    }

    private static String textOf(GeneratedPost p) {
        String json = new String(p.json(), StandardCharsets.UTF_8);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String locative(String name) {
        if (name.contains(" ") || name.contains("-")) return name; // «в Нижний Новгород» reads wrong; keep as written
        if (name.endsWith("а") || name.endsWith("я")) return name.substring(0, name.length() - 1) + "е";
        if (name.endsWith("ь")) return name.substring(0, name.length() - 1) + "и";
        if (name.endsWith("ий") || name.endsWith("ый")) return name.substring(0, name.length() - 2) + "ом";
        if (name.endsWith("о") || name.endsWith("и") || name.endsWith("ы") || name.endsWith("е")) return name;
        return name + "е";
    }

    static String genitive(String name) {
        if (name.contains(" ") || name.contains("-")) return "города " + name;
        if (name.endsWith("а")) return name.substring(0, name.length() - 1) + "ы";
        if (name.endsWith("я") || name.endsWith("ь")) return name.substring(0, name.length() - 1) + "и";
        if (name.endsWith("ий") || name.endsWith("ый")) return name.substring(0, name.length() - 2) + "ого";
        if (name.endsWith("о") || name.endsWith("и") || name.endsWith("ы") || name.endsWith("е")) return name;
        return name + "а";
    }

    private static List<String> lines(String resource) {
        try (InputStream in = PostGenerator.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource " + resource + " is missing");
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (!l.isBlank() && !l.startsWith("#")) out.add(l);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
