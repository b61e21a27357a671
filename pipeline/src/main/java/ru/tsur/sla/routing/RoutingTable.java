package ru.tsur.sla.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who must answer an incident, and who is next when they do not: region × municipality × sector × level → body,
 * loaded from a versioned data file. The most specific row wins; '*' matches anything, including an unknown value.
 */
public final class RoutingTable {
    public static final String DEFAULT_RESOURCE = "/sla/routing/routing.csv";
    /** Levels of the chain: 0 municipality, 1 regional ministry of the sector, 2 governor's office. */
    public static final int LEVELS = 3;

    private final Map<String, String> rows;
    /**
     * Answers given, by the question as asked: every post is routed, and normalizing, joining and looking up up to
     * six keys, then filling in the names, was most of the routing step's time. Places × sectors × levels are a few
     * tens of thousands.
     */
    private final Map<Query, String> answered = new ConcurrentHashMap<>();
    private static final int MAX_ANSWERS = 200_000;

    private record Query(String regionCode, String region, String municipality, String sector, int level) {}
    private final String version;

    private RoutingTable(Map<String, String> rows, String version) {
        this.rows = Map.copyOf(rows);
        this.version = version;
    }

    public static RoutingTable load() {
        return load(DEFAULT_RESOURCE);
    }

    public static RoutingTable load(String resource) {
        InputStream in = RoutingTable.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("routing resource not found: " + resource);
        }
        Map<String, String> rows = new HashMap<>();
        String version = "unversioned";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String t = line.strip();
                if (t.startsWith("# version:")) {
                    version = t.substring("# version:".length()).strip();
                }
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] f = t.split(";", -1);
                if (f.length != 5 || f[4].isBlank()) {
                    throw new IllegalArgumentException(resource + ": line " + lineNo
                            + ": expected region_code;municipality;sector;level;body");
                }
                int level;
                try {
                    level = Integer.parseInt(f[3].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(resource + ": line " + lineNo + ": bad level " + f[3]);
                }
                if (level < 0 || level >= LEVELS) {
                    throw new IllegalArgumentException(resource + ": line " + lineNo + ": level out of range");
                }
                String key = key(f[0], f[1], f[2], level);
                if (rows.put(key, f[4].strip()) != null) {
                    throw new IllegalArgumentException(resource + ": line " + lineNo + ": duplicate row " + key);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RoutingTable table = new RoutingTable(rows, version);
        for (int level = 0; level < LEVELS; level++) {
            if (!rows.containsKey(key("*", "*", "*", level))) {
                throw new IllegalArgumentException(resource + ": no default row for level " + level);
            }
        }
        return table;
    }

    private static String key(String region, String municipality, String sector, int level) {
        return norm(region) + "|" + norm(municipality) + "|" + norm(sector) + "|" + level;
    }

    /** Case and ё-insensitive, so «Щигры», «щигры» and «ЩИГРЫ» route alike. */
    private static String norm(String s) {
        return s == null || s.isBlank() ? "*" : s.strip().toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    /** The responsible body at one escalation level (levels beyond the chain stay at its top). */
    public String responsible(String regionCode, String region, String municipality, String sector, int level) {
        int l = Math.min(Math.max(level, 0), LEVELS - 1);
        Query q = new Query(regionCode, region, municipality, sector, l);
        String body = answered.get(q);
        if (body == null) {
            body = lookUp(regionCode, region, municipality, sector, l);
            if (answered.size() >= MAX_ANSWERS) {
                answered.clear(); // a bound for a stream of ever new spellings; the common places come back at once
            }
            answered.put(q, body);
        }
        return body;
    }

    private String lookUp(String regionCode, String region, String municipality, String sector, int l) {
        String r = norm(regionCode);
        String m = norm(municipality);
        String s = norm(sector);
        String[][] order = {{r, m, s}, {r, m, "*"}, {r, "*", s}, {r, "*", "*"}, {"*", "*", s}, {"*", "*", "*"}};
        for (String[] k : order) {
            String body = rows.get(k[0] + "|" + k[1] + "|" + k[2] + "|" + l);
            if (body != null) {
                return body.replace("{region}", region == null ? "регион не определён" : region)
                        .replace("{municipality}", municipality == null ? "муниципалитет не определён" : municipality);
            }
        }
        throw new IllegalStateException("unreachable: default rows are checked at load");
    }

    /** The whole chain, level 0 first. */
    public List<String> chain(String regionCode, String region, String municipality, String sector) {
        List<String> out = new ArrayList<>(LEVELS);
        for (int l = 0; l < LEVELS; l++) {
            out.add(responsible(regionCode, region, municipality, sector, l));
        }
        return out;
    }

    public String version() {
        return version;
    }
}
