package ru.tsur.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Population per region code, summed over the gazetteer's cities (hflabs/city, CC BY-SA 4.0). It counts urban
 * population only, so rates per 100,000 are per 100,000 city dwellers: comparable between regions, not official.
 */
public final class Population {
    public static final String RESOURCE = "/geo/city.csv";

    private final Map<String, Long> byRegion;

    private Population(Map<String, Long> byRegion) {
        this.byRegion = Map.copyOf(byRegion);
    }

    public static Population fromGazetteer() {
        try (InputStream in = Population.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Population parse(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> header = PopulationCsv.split(reader.readLine());
        int kladr = header.indexOf("kladr_id");
        int population = header.indexOf("population");
        if (kladr < 0 || population < 0) {
            throw new IllegalArgumentException("gazetteer header lacks kladr_id or population: " + header);
        }
        Map<String, Long> sums = new TreeMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cols = PopulationCsv.split(line);
            String code = cols.get(kladr);
            String pop = cols.get(population);
            if (code.length() >= 2 && !pop.isBlank()) {
                sums.merge(code.substring(0, 2), Long.parseLong(pop.strip()), Long::sum);
            }
        }
        return new Population(sums);
    }

    /** Population of the region's cities, or null when the gazetteer does not know the region. */
    public Long of(String regionCode) {
        return byRegion.get(regionCode);
    }

    public int regions() {
        return byRegion.size();
    }
}
