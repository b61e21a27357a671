package ru.tsur.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.tsur.model.Sector;

/** The catalogue of complaint topics and the sector each is routed under ({@code taxonomy/topics.csv}). */
public final class TopicCatalogue {

    public static final String RESOURCE = "taxonomy/topics.csv";

    private final Map<String, Sector> sectorByTopic;

    private TopicCatalogue(Map<String, Sector> sectorByTopic) {
        this.sectorByTopic = Collections.unmodifiableMap(sectorByTopic);
    }

    public static TopicCatalogue load() {
        try (InputStream in = TopicCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TopicCatalogue parse(BufferedReader reader) throws IOException {
        Map<String, Sector> topics = new LinkedHashMap<>();
        String line = reader.readLine(); // header: sector,topic
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected sector,topic");
            }
            String topic = line.substring(comma + 1).trim();
            if (topic.length() >= 2 && topic.startsWith("\"") && topic.endsWith("\"")) {
                topic = topic.substring(1, topic.length() - 1).replace("\"\"", "\"");
            }
            Sector sector = Sector.fromSlug(line.substring(0, comma).trim());
            if (topics.put(topic, sector) != null) {
                throw new IllegalStateException(RESOURCE + ":" + lineNo + ": duplicate topic " + topic);
            }
        }
        return new TopicCatalogue(topics);
    }

    public boolean contains(String topic) {
        return sectorByTopic.containsKey(topic);
    }

    public Sector sectorOf(String topic) {
        Sector s = sectorByTopic.get(topic);
        if (s == null) {
            throw new IllegalArgumentException("unknown topic: " + topic);
        }
        return s;
    }

    public List<String> topics() {
        return new ArrayList<>(sectorByTopic.keySet());
    }

    public int size() {
        return sectorByTopic.size();
    }
}
