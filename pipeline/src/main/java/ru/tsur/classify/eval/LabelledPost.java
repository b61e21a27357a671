package ru.tsur.classify.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;

/**
 * One line of a labelled set: {@code {"id","text","sector","topics":[...],"actionable":bool,"severity":"..."}}.
 * Missing {@code actionable} means true, missing {@code severity} means normal.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LabelledPost(
        String id, String text, String sector, List<String> topics, Boolean actionable, String severity) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public LabelledPost {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public Sector sectorValue() {
        return Sector.fromSlug(sector);
    }

    public boolean isActionable() {
        return actionable == null || actionable;
    }

    public Severity severityValue() {
        return severity == null || severity.isBlank() ? Severity.NORMAL : Severity.fromSlug(severity);
    }

    /** Reads JSON lines; blank lines are skipped, a bad line fails with its number. */
    public static List<LabelledPost> readJsonl(Reader in) throws IOException {
        List<LabelledPost> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            LabelledPost p;
            try {
                p = JSON.readValue(line, LabelledPost.class);
                p.sectorValue();
                p.severityValue();
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("line " + n + ": " + e.getMessage(), e);
            }
            if (p.text() == null || p.sector() == null) {
                throw new IOException("line " + n + ": text and sector are required");
            }
            out.add(p);
        }
        return out;
    }
}
