package ru.tsur.dedup.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.tsur.dedup.DedupOptions;

class LabelledSetTest {

    @Test
    void committedSetIsWhatTheSeededGeneratorWrites() throws Exception {
        String regenerated = new LabelledSetGenerator().generate(LabelledSetGenerator.readSeeds());
        try (InputStream in = getClass().getResourceAsStream("/dedup/labelled.jsonl")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), regenerated,
                    "regenerate dedup/labelled.jsonl with LabelledSetGenerator after changing seeds or the generator");
        }
    }

    @Test
    void setIsLargeEnoughAndHasHardNegatives() throws Exception {
        List<LabelledPost> set = DedupEvaluation.builtin();
        assertTrue(set.size() >= 1000, "posts: " + set.size());
        Set<String> clusters = set.stream().map(LabelledPost::cluster).collect(Collectors.toSet());
        assertTrue(clusters.size() >= 120, "clusters: " + clusters.size());
        long aboutLenina15 = set.stream().filter(l -> l.post().getText().contains("Ленина 15"))
                .map(LabelledPost::cluster).distinct().count();
        assertTrue(aboutLenina15 >= 4, "different complaints about one house: " + aboutLenina15);
    }

    /** A floor, not the target: the measured value with the defaults is in the report (≈ 0.97). */
    @Test
    void referenceDedupKeepsPrecisionAndRecallOnTheLabelledSet() throws Exception {
        List<LabelledPost> set = DedupEvaluation.builtin();
        ClusterScores s = DedupEvaluation.score(set, DedupEvaluation.reference(set, DedupOptions.DEFAULT, false));
        assertTrue(s.bcubedPrecision() >= 0.99, s.summary());
        assertTrue(s.bcubedF1() >= 0.96, s.summary());
    }
}
