package ru.tsur.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ru.tsur.generator.BrokenRecords;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;
import ru.tsur.jobs.cli.AnalyzeCommand;
import ru.tsur.jobs.cli.Tsur;

/** Given a JSON-lines file, when tsur analyze runs the job graph in batch mode, then one line per accepted post. */
class AnalyzeCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(Environments.batchShuffle(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void writesOneStableLinePerAcceptedPostAndEveryBrokenLineToTheDlq(@TempDir Path dir) throws Exception {
        List<GeneratedPost> posts = new PostGenerator(PostGenerator.Options.defaults(11,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00"))).next(300);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<BrokenRecords.Broken> broken = BrokenRecords.all().stream()
                .filter(b -> b.bytes().length > 0 && indexOf(b.bytes(), (byte) '\n') < 0).toList();
        for (int i = 0; i < posts.size(); i++) {
            file.write(posts.get(i).json());
            file.write('\n');
            if (i < broken.size()) {
                file.write(broken.get(i).bytes());
                file.write('\n');
            }
        }
        Path input = dir.resolve("posts.jsonl");
        Files.write(input, file.toByteArray());

        Path out = dir.resolve("out.jsonl"), dlq = dir.resolve("dlq.jsonl"), again = dir.resolve("again.jsonl");
        int code = new CommandLine(new Tsur()).execute("analyze", "--input", input.toString(), "--output", out.toString(),
                "--dlq", dlq.toString());
        assertEquals(0, code);
        new CommandLine(new Tsur()).execute("analyze", "--input", input.toString(), "--output", again.toString());

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = Files.readAllLines(out).stream().map(l -> read(json, l)).toList();
        assertEquals(posts.size(), lines.size());
        assertEquals(posts.stream().map(GeneratedPost::id).collect(Collectors.toSet()),
                lines.stream().map(n -> n.get("id").asText()).collect(Collectors.toSet()));
        for (JsonNode n : lines) {
            assertEquals(Set.copyOf(AnalyzeCommand.POST_FIELDS), fieldNames(n), "stable output format");
            assertTrue(n.get("sector").isTextual() && n.get("topics").isArray() && n.get("matched").isArray());
        }
        assertEquals(Files.readString(out), Files.readString(again), "same input, same output");

        List<JsonNode> dead = Files.readAllLines(dlq).stream().map(l -> read(json, l)).toList();
        assertEquals(broken.size(), dead.size());
        assertEquals(broken.stream().map(BrokenRecords.Broken::expectedReason).sorted().toList(),
                dead.stream().map(n -> n.get("reason").asText()).sorted().toList());
        assertTrue(dead.stream().allMatch(n -> n.get("line").asLong() > 0 && !n.get("detail").asText().isBlank()));
    }

    /**
     * More output than a collect sink holds before the client fetches it (a few MB): the outputs are drained while the
     * job runs. Fetched after the job, as before, this input hung the command for good.
     */
    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anInputLargerThanTheCollectBuffersCompletes(@TempDir Path dir) throws Exception {
        List<GeneratedPost> posts = new PostGenerator(PostGenerator.Options.defaults(12,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00"))).next(6_000);
        Path input = PipelineTestKit.writeJsonLines(dir.resolve("posts.jsonl"), posts);
        AnalyzeCommand.Result r = AnalyzeCommand.run(input, null, 2, PipelineTestKit.TEST_KEY);
        assertEquals(posts.size(), r.posts().size());
        assertTrue(r.incidents().size() > 1_000 && !r.alerts().isEmpty(), r.incidents().size() + " incident versions");
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> s = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }
}
