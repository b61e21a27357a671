package ru.tsur.dedup.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import ru.tsur.schema.Post;

/**
 * One line of a labelled dedup set: a post in the JSON input contract's field names plus its true {@code cluster}.
 * Posts are read as already normalized and classified actionable (the set measures dedup, not the stages before).
 */
public record LabelledPost(Post post, String cluster) {

    public static List<LabelledPost> readJsonLines(Reader in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<LabelledPost> out = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        String line;
        int n = 0;
        while ((line = lines.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode j = json.readTree(line);
            if (!j.hasNonNull("id") || !j.hasNonNull("cluster") || !j.hasNonNull("published_at")) {
                throw new IOException("line " + n + ": id, cluster and published_at are required");
            }
            OffsetDateTime at = OffsetDateTime.parse(j.get("published_at").asText());
            Post p = Post.newBuilder()
                    .setId(j.get("id").asText())
                    .setSource(text(j, "source", "other"))
                    .setPublishedAt(at.toInstant())
                    .setPublishedOffset(at.getOffset().getId())
                    .setDt(at.toLocalDate().toString())
                    .setText(text(j, "text", ""))
                    .setUrl(text(j, "url", null))
                    .setRepostOf(text(j, "repost_of", null))
                    .setReplyTo(text(j, "reply_to", null))
                    .setOfficial(j.path("official").asBoolean(false))
                    .setActionable(j.path("actionable").asBoolean(true))
                    .build();
            out.add(new LabelledPost(p, j.get("cluster").asText()));
        }
        return out;
    }

    private static String text(JsonNode j, String field, String dflt) {
        JsonNode v = j.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }
}
