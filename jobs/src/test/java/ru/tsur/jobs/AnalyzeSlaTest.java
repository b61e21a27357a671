package ru.tsur.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;
import ru.tsur.jobs.cli.Tsur;

/** tsur analyze with --events, --alerts and --as-of: deadlines up to as-of fire, later ones do not. */
class AnalyzeSlaTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(Environments.batchShuffle(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> lines(Path f) throws Exception {
        return Files.readAllLines(f).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    private static int analyze(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return new CommandLine(new Tsur()).execute(all);
    }

    @Test
    void alertsUpToAsOfAndEventsThatAnswerIncidents(@TempDir Path dir) throws Exception {
        List<GeneratedPost> posts = new PostGenerator(PostGenerator.Options.defaults(5,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00"))).next(300);
        Path input = PipelineTestKit.writeJsonLines(dir.resolve("posts.jsonl"), posts);

        Path out = dir.resolve("out.jsonl"), all = dir.resolve("alerts-all.jsonl");
        assertEquals(0, analyze("--input", input.toString(), "--output", out.toString(), "--alerts", all.toString()));
        List<JsonNode> analysed = lines(out);
        List<JsonNode> allAlerts = lines(all);
        assertFalse(allAlerts.isEmpty(), "300 posts over days leave some deadline unmet");
        Set<String> official = posts.stream().filter(p -> p.kind().equals("official")).map(GeneratedPost::id)
                .collect(Collectors.toSet());
        List<JsonNode> unrouted = analysed.stream().filter(n -> n.get("actionable").asBoolean())
                .filter(n -> !official.contains(n.get("id").asText()))
                .filter(n -> n.get("responsible").isNull()).toList();
        assertEquals(List.of(), unrouted, "every actionable citizen's post has a responsible body");

        // the first incident gets an answer a minute after its first post; one event line is garbage
        JsonNode first = analysed.stream().filter(n -> !n.get("incident_id").isNull()).findFirst().orElseThrow();
        String incident = first.get("incident_id").asText();
        Instant answeredAt = Instant.parse(first.get("published_at").asText()).plusSeconds(60);
        Path events = dir.resolve("events.jsonl"), dlq = dir.resolve("dlq.jsonl");
        Files.writeString(events, "{\"post_id\":\"" + first.get("id").asText() + "\",\"type\":\"answered\",\"at\":\""
                + answeredAt + "\",\"by\":\"Администрация\"}\nЭТО НЕ JSON\n", StandardCharsets.UTF_8);

        String asOf = "2026-03-03T00:00:00+03:00";
        Path some = dir.resolve("alerts-as-of.jsonl");
        assertEquals(0, analyze("--input", input.toString(), "--output", dir.resolve("o2.jsonl").toString(),
                "--events", events.toString(), "--alerts", some.toString(), "--as-of", asOf, "--dlq", dlq.toString()));
        List<JsonNode> asOfAlerts = lines(some);
        Instant limit = OffsetDateTime.parse(asOf).toInstant();
        assertTrue(asOfAlerts.stream().allMatch(a -> !Instant.parse(a.get("raised_at").asText()).isAfter(limit)),
                "nothing after --as-of");
        assertTrue(allAlerts.stream().anyMatch(a -> Instant.parse(a.get("raised_at").asText()).isAfter(limit)),
                "the full run does have later deadlines, so the cut is real: " + allAlerts.stream()
                        .map(a -> a.get("kind").asText() + "@" + a.get("raised_at").asText()).toList());
        assertTrue(asOfAlerts.stream().noneMatch(a -> incident.equals(a.get("incident_id").asText())
                && !a.get("kind").asText().equals("spike")), "the answered incident raised nothing");
        Set<String> ids = allAlerts.stream().map(a -> a.get("alert_id").asText()).collect(Collectors.toSet());
        assertEquals(allAlerts.size(), ids.size(), "alert ids are unique");
        assertTrue(lines(dlq).stream().anyMatch(d -> d.get("reason").asText().equals("malformed_json")
                && d.get("source").asText().endsWith("events.jsonl")));
    }
}
