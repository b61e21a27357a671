package ru.tsur.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ru.tsur.ingest.ParseResult;
import ru.tsur.ingest.PostParser;

class PostGeneratorTest {

    private static List<GeneratedPost> sample(long seed, int n) {
        return new PostGenerator(PostGenerator.Options.defaults(seed, OffsetDateTime.parse("2026-03-02T00:00:00+03:00")))
                .next(n);
    }

    @Test
    void everyGeneratedPostMeetsTheInputContractAndIdsAreUnique() {
        List<GeneratedPost> posts = sample(1, 3000);
        PostParser parser = new PostParser();
        posts.forEach(p -> assertTrue(parser.parse(p.json()) instanceof ParseResult.Accepted, new String(p.json())));
        assertEquals(posts.size(), posts.stream().map(GeneratedPost::id).distinct().count());
    }

    @Test
    void theStreamMixesAllSectorsNoiseCopiesAndRepliesInTimeOrder() {
        List<GeneratedPost> posts = sample(2, 3000);
        Set<String> sectors = posts.stream().map(GeneratedPost::sector).collect(Collectors.toSet());
        assertTrue(sectors.containsAll(Set.of("roads", "housing", "waste", "transport", "health", "education", "social",
                "construction", "other", "noise")), sectors.toString());
        Map<String, Long> kinds = posts.stream().collect(Collectors.groupingBy(GeneratedPost::kind, Collectors.counting()));
        assertTrue(kinds.keySet().containsAll(Set.of("complaint", "noise", "repost", "copy", "official", "reply")), kinds.toString());
        for (int i = 1; i < posts.size(); i++) {
            assertTrue(!posts.get(i).publishedAt().isBefore(posts.get(i - 1).publishedAt()));
        }
        assertTrue(posts.stream().map(GeneratedPost::city).distinct().count() > 200, "many cities");
    }

    @Test
    void nightsAreQuieterThanEvenings() {
        List<GeneratedPost> posts = sample(3, 20_000);
        long night = posts.stream().filter(p -> p.publishedAt().getHour() < 5).count();
        long evening = posts.stream().filter(p -> p.publishedAt().getHour() >= 17 && p.publishedAt().getHour() < 22).count();
        assertTrue(evening > 4 * night, "evening " + evening + " night " + night);
    }

    @Test
    void theSameSeedGivesTheSameStream() {
        List<GeneratedPost> a = sample(9, 200), b = sample(9, 200);
        for (int i = 0; i < a.size(); i++) assertEquals(new String(a.get(i).json()), new String(b.get(i).json()));
    }
}
