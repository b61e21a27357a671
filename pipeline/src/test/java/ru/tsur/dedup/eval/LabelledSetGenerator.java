package ru.tsur.dedup.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds the labelled dedup set {@code dedup/labelled.jsonl} from the hand-written {@code dedup/seeds.tsv}: every
 * seed and paraphrase becomes a post, and copies are derived the way real copies differ (repost markers, hashtags,
 * emoji, typos, truncated tail, CAPS, HTML kept, a sentence added by the reposter, links, another platform, some as
 * structural reposts). Seeded: the committed file is exactly what {@code main} writes (a test checks it).
 *
 * <p>Regenerate: {@code mvn -o -pl pipeline exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=ru.tsur.dedup.eval.LabelledSetGenerator -Dexec.args=pipeline/src/test/resources/dedup/labelled.jsonl}
 */
public final class LabelledSetGenerator {
    static final long SEED = 20261123L;
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 2, 6, 0, 0, 0, ZoneOffset.ofHours(7));
    private static final String[] SOURCES = {"vk", "vk", "vk", "ok", "telegram", "telegram", "portal", "messenger"};
    private static final String[] PREFIXES = {
        "Репост: ", "Репост:", "РЕПОСТ: ", "Репост из группы «Подслушано Бердск»: ", "Переслано от Жители Южного: ",
        "Repost: ", "Перепост: ", "Репост — "};
    private static final String[] ADDED = {
        "Присоединяюсь!", "Люди, помогите распространить!", "У нас во дворе то же самое.", "Поддерживаю, сколько можно!",
        "Администрация, ответьте!", "Репостните пожалуйста, пусть увидят.", "Полностью согласна.",
        "Это не первый раз, кстати.", "Подтверждаю, сама живу рядом.", "Когда уже наведут порядок?",
        "Позор!", "Давайте поднимем этот пост."};
    private static final String[] TAGS = {
        "#Бердск", "#ЖКХ", "#помогите", "#администрация", "#Искитим", "#безобразие", "#ЦУР", "#Новосибирск",
        "#дороги", "#жалоба", "#НСО", "#подслушано"};
    private static final String[] EMOJI = {"😡", "🙏", "‼️", "🤬", "😢", "👉", "❗", "🔥", "😱", "👍", "🏠", "🚌"};
    private static final String[] URLS = {
        "https://vk.com/wall-12345_678", "https://t.me/berdsk_news/4512", "vk.cc/cA1b2c", "https://ok.ru/group/5566/topic/77",
        "www.berdsk-online.ru/news/1234"};
    private static final String[] TRUNC_TAILS = {"…", "...", "... Читать полностью", "… Показать ещё", ""};

    private final Random rnd = new Random(SEED);
    private int nextId = 1000;

    record Seed(String cluster, String kind, String text) {}

    record Row(String id, String source, OffsetDateTime publishedAt, String text, String url, String repostOf,
               String cluster, String variant) {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "pipeline/src/test/resources/dedup/labelled.jsonl");
        Files.writeString(out, new LabelledSetGenerator().generate(readSeeds()), StandardCharsets.UTF_8);
    }

    static List<Seed> readSeeds() throws IOException {
        try (InputStream in = LabelledSetGenerator.class.getResourceAsStream("/dedup/seeds.tsv")) {
            if (in == null) {
                throw new IOException("dedup/seeds.tsv not on the class path");
            }
            List<Seed> seeds = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                seeds.add(new Seed(f[0], f[1], f[2].strip()));
            }
            return seeds;
        }
    }

    String generate(List<Seed> seeds) {
        List<Row> rows = new ArrayList<>();
        java.util.Map<String, OffsetDateTime> clusterStart = new java.util.HashMap<>();
        for (Seed s : seeds) {
            OffsetDateTime base = clusterStart.computeIfAbsent(s.cluster(),
                    c -> START.plusMinutes(rnd.nextInt(14 * 24 * 60)));
            OffsetDateTime t = s.kind().equals("seed") ? base : base.plusMinutes(30 + rnd.nextInt(48 * 60));
            String source = pick(SOURCES);
            Row original = new Row(newId(source), source, t, s.text(), null, null, s.cluster(), s.kind());
            rows.add(original);
            boolean isShort = s.text().length() < 50;
            int copies = s.kind().equals("para") ? rnd.nextInt(3) : isShort ? 3 + rnd.nextInt(3) : 5 + rnd.nextInt(5);
            for (int i = 0; i < copies; i++) {
                rows.add(copy(original));
            }
        }
        rows.sort(Comparator.comparing(Row::publishedAt).thenComparing(Row::id));
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (Row r : rows) {
            ObjectNode n = json.createObjectNode();
            n.put("id", r.id());
            n.put("source", r.source());
            n.put("published_at", r.publishedAt().toString());
            n.put("text", r.text());
            n.put("url", r.url());
            n.put("repost_of", r.repostOf());
            n.put("cluster", r.cluster());
            n.put("variant", r.variant());
            out.append(n).append('\n');
        }
        return out.toString();
    }

    private Row copy(Row original) {
        String text = original.text();
        List<String> how = new ArrayList<>();
        while (how.isEmpty()) {
            if (rnd.nextDouble() < 0.25) {
                text = typos(text, 1 + rnd.nextInt(4));
                how.add("typos");
            }
            if (rnd.nextDouble() < 0.2 && text.length() > 60) {
                text = truncate(text);
                how.add("truncated");
            }
            if (rnd.nextDouble() < 0.25) {
                String added = pick(ADDED);
                text = rnd.nextBoolean() ? added + " " + text : text + " " + added;
                how.add("added");
            }
            if (rnd.nextDouble() < 0.3) {
                text = hashtags(text);
                how.add("hashtags");
            }
            if (rnd.nextDouble() < 0.3) {
                text = emoji(text);
                how.add("emoji");
            }
            if (rnd.nextDouble() < 0.12) {
                text = text.toUpperCase(Locale.ROOT);
                how.add("caps");
            }
            if (rnd.nextDouble() < 0.1) {
                text = text.replaceAll("[.,!?;:«»\"()—-]", "").toLowerCase(Locale.ROOT);
                how.add("nopunct");
            }
            if (rnd.nextDouble() < 0.12) {
                text = html(text);
                how.add("html");
            }
            if (rnd.nextDouble() < 0.12) {
                text = text + (rnd.nextBoolean() ? " " : " Подробнее: ") + pick(URLS);
                how.add("url");
            }
            if (rnd.nextDouble() < 0.3) {
                text = pick(PREFIXES) + text;
                how.add("prefix");
            }
            if (rnd.nextDouble() < 0.08) {
                text = text.replace('е', 'ё').replace("ё ", "е ");
                how.add("yo");
            }
        }
        boolean structural = rnd.nextDouble() < 0.12;
        OffsetDateTime t = original.publishedAt().plusMinutes(1 + rnd.nextInt(72 * 60));
        String source = structural ? original.source() : pick(SOURCES);
        return new Row(newId(source), source, t, text, null, structural ? original.id() : null, original.cluster(),
                String.join("+", how) + (structural ? "+repost_of" : ""));
    }

    private String typos(String text, int n) {
        StringBuilder sb = new StringBuilder(text);
        for (int k = 0; k < n; k++) {
            int i = 1 + rnd.nextInt(Math.max(1, sb.length() - 2));
            if (i >= sb.length() - 1 || !Character.isLetter(sb.charAt(i))) {
                continue;
            }
            switch (rnd.nextInt(4)) {
                case 0 -> { // swap neighbours
                    char c = sb.charAt(i);
                    sb.setCharAt(i, sb.charAt(i + 1));
                    sb.setCharAt(i + 1, c);
                }
                case 1 -> sb.deleteCharAt(i);
                case 2 -> sb.insert(i, sb.charAt(i));
                default -> sb.setCharAt(i, neighbour(sb.charAt(i)));
            }
        }
        return sb.toString();
    }

    private static char neighbour(char c) {
        String from = "аеиоуыяшщсктн";
        String to = "оиеаюиящшзгкм";
        int i = from.indexOf(Character.toLowerCase(c));
        return i < 0 ? c : to.charAt(i);
    }

    private String truncate(String text) {
        int keep = (int) (text.length() * (0.55 + 0.35 * rnd.nextDouble()));
        int space = text.lastIndexOf(' ', keep);
        return text.substring(0, space > 20 ? space : keep).strip() + pick(TRUNC_TAILS);
    }

    private String hashtags(String text) {
        StringBuilder tags = new StringBuilder();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            tags.append(' ').append(pick(TAGS));
        }
        return rnd.nextInt(4) == 0 ? tags.toString().strip() + " " + text : text + tags;
    }

    private String emoji(String text) {
        String[] words = text.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            sb.append(words[i]);
            if (rnd.nextInt(12) == 0) {
                sb.append(pick(EMOJI));
            }
            sb.append(' ');
        }
        String e = pick(EMOJI);
        return sb.toString().strip() + " " + e + e + (rnd.nextBoolean() ? pick(EMOJI) : "");
    }

    private String html(String text) {
        String body = text.replace("\"", "&quot;").replace(". ", ".<br>").replace(", ", ",&nbsp;");
        return rnd.nextBoolean() ? "<p>" + body + "</p>" : "<div class=\"wall_post_text\">" + body + "</div>";
    }

    private String newId(String source) {
        return source + ":" + (nextId++);
    }

    private String pick(String[] xs) {
        return xs[rnd.nextInt(xs.length)];
    }
}
