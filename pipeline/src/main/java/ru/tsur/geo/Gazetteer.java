package ru.tsur.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cities and regions of the gazetteer (resource {@code geo/city.csv}, hflabs/city, CC BY-SA 4.0), indexed by
 * region code and by every case form of every name. Immutable after loading; share one per JVM.
 */
public final class Gazetteer {

    public static final String RESOURCE = "/geo/city.csv";
    private static volatile Gazetteer shared;

    private final List<City> cities;
    private final Map<String, Region> regionsByCode;
    private final Map<String, List<City>> cityByForm = new HashMap<>();
    private final Map<String, Region> regionByForm = new HashMap<>();
    /** Every word prefix of a name form of several words («нижний» and «нижний новгород» of «нижний новгород …»). */
    private final Set<String> namePrefixes = new HashSet<>();
    private final int longestNameWords;

    /** A region (subject of the federation) with the time zone of its capital and its total city population. */
    public record Region(String code, String name, ZoneOffset zone, long population, City capital) {}

    Gazetteer(List<City> cities) {
        this.cities = List.copyOf(cities);
        Map<String, List<City>> byRegion = new LinkedHashMap<>();
        for (City c : cities) {
            byRegion.computeIfAbsent(c.regionCode(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        byRegion.forEach((code, list) -> {
            City capital = list.stream().filter(City::capital).findFirst()
                    .orElseGet(() -> list.stream().max(Comparator.comparingLong(City::population)).orElseThrow());
            long pop = list.stream().mapToLong(City::population).sum();
            regions.put(code, new Region(code, capital.region(), capital.zone(), pop, capital));
        });
        this.regionsByCode = Map.copyOf(regions);
        int longest = 1;
        for (City c : cities) {
            for (String form : RussianForms.forms(c.name())) {
                cityByForm.computeIfAbsent(form, k -> new ArrayList<>()).add(c);
                longest = Math.max(longest, form.split(" ").length);
            }
        }
        for (Region r : regions.values()) {
            for (String form : RegionNames.forms(r.name())) {
                regionByForm.putIfAbsent(form, r);
                longest = Math.max(longest, form.split(" ").length);
            }
        }
        this.longestNameWords = longest;
        for (String form : cityByForm.keySet()) {
            addPrefixes(form);
        }
        for (String form : regionByForm.keySet()) {
            addPrefixes(form);
        }
    }

    private void addPrefixes(String form) {
        for (int sp = form.indexOf(' '); sp >= 0; sp = form.indexOf(' ', sp + 1)) {
            namePrefixes.add(form.substring(0, sp));
        }
    }

    public static Gazetteer shared() {
        Gazetteer g = shared;
        if (g == null) {
            synchronized (Gazetteer.class) {
                if (shared == null) {
                    shared = load();
                }
                g = shared;
            }
        }
        return g;
    }

    static Gazetteer load() {
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("gazetteer resource " + RESOURCE + " is missing");
            }
            return new Gazetteer(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<City> parse(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> header = Csv.split(r.readLine());
        int iRegionType = header.indexOf("region_type"), iRegion = header.indexOf("region");
        int iArea = header.indexOf("area"), iCity = header.indexOf("city"), iSettlement = header.indexOf("settlement");
        int iKladr = header.indexOf("kladr_id"), iCapital = header.indexOf("capital_marker");
        int iTz = header.indexOf("timezone"), iPop = header.indexOf("population"), iOktmo = header.indexOf("oktmo");
        List<City> out = new ArrayList<>();
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank()) continue;
            List<String> f = Csv.split(line);
            String region = RegionNames.fullName(f.get(iRegionType), f.get(iRegion));
            String name = firstNonEmpty(f.get(iCity), f.get(iSettlement), f.get(iArea), f.get(iRegion));
            String capitalMarker = f.get(iCapital);
            boolean capital = capitalMarker.equals("2") || capitalMarker.equals("3")
                    || f.get(iRegionType).equals("г"); // federal cities are their own capital
            out.add(new City(name, f.get(iKladr).substring(0, 2), region, parseZone(f.get(iTz)),
                    parseLong(f.get(iPop)), capital, f.get(iOktmo)));
        }
        return out;
    }

    private static ZoneOffset parseZone(String tz) {
        // "UTC+3" → +03:00
        return ZoneOffset.ofHours(Integer.parseInt(tz.substring(3)));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstNonEmpty(String... s) {
        for (String x : s) {
            if (x != null && !x.isBlank()) return x.trim();
        }
        return "";
    }

    public List<City> cities() {
        return cities;
    }

    public Collection<Region> regions() {
        return regionsByCode.values();
    }

    public Region region(String code) {
        return regionsByCode.get(code);
    }

    List<City> citiesByForm(String folded) {
        return cityByForm.get(folded);
    }

    Region regionByForm(String folded) {
        return regionByForm.get(folded);
    }

    /**
     * False when no city or region form starts with {@code words} followed by a space: then no key that extends
     * them by another word can name a place.
     */
    boolean startsLongerName(String words) {
        return namePrefixes.contains(words);
    }

    int longestNameWords() {
        return longestNameWords;
    }
}
