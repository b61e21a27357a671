package ru.tsur.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;

/**
 * The first classifier: word-prefix keywords per sector from {@code rules/keywords-v0.tsv}; the sector with most
 * matched keywords wins (ties by sector order), none → other. Severity: critical keywords. Replaced by the Lucene
 * Monitor classifier; kept small and honest so the job graph has a real decision from day one.
 */
public final class KeywordClassifier implements Classifier {

    public static final String RESOURCE = "/rules/keywords-v0.tsv";
    private static final String VERSION = "keywords-v0";

    private final Map<Sector, List<String>> prefixes = new EnumMap<>(Sector.class);
    private final List<String> critical = new ArrayList<>();

    public KeywordClassifier() {
        try (InputStream in = KeywordClassifier.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                String prefix = fold(f[1].trim());
                if (f[0].equals("critical")) critical.add(prefix);
                else prefixes.computeIfAbsent(Sector.fromSlug(f[0]), k -> new ArrayList<>()).add(prefix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Classification classify(String normalizedText) {
        String[] words = fold(normalizedText).split("[^\\p{L}\\p{N}]+");
        Sector best = Sector.OTHER;
        int bestHits = 0;
        List<String> bestMatched = List.of();
        for (var e : prefixes.entrySet()) {
            List<String> matched = new ArrayList<>();
            for (String w : words) {
                for (String p : e.getValue()) {
                    if (w.startsWith(p)) matched.add(e.getKey().slug() + ":" + p);
                }
            }
            if (matched.size() > bestHits) {
                best = e.getKey();
                bestHits = matched.size();
                bestMatched = matched;
            }
        }
        Severity severity = Severity.NORMAL;
        for (String w : words) {
            for (String p : critical) {
                if (w.startsWith(p)) severity = Severity.CRITICAL;
            }
        }
        return new Classification(best, List.of(), true, null, severity, bestHits, bestMatched, VERSION);
    }

    @Override
    public String rulesVersion() {
        return VERSION;
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
