package ru.tsur.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import ru.tsur.jobs.cli.Tsur;

/**
 * Given raw posts in the input contract, when {@code tsur analyze} runs the job graph, then copies of one complaint
 * on different platforms share one incident, other complaints about the same house do not, an official answer joins
 * its thread's incident; and {@code tsur eval-dedup} scores that output against the true clusters.
 */
class DedupEndToEndTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String WATER = "Третий день нет горячей воды в доме на Ленина 15, Бердск. В управляющей "
            + "компании трубку не берут, на аварийке говорят ждите. Маленький ребёнок, греем воду в кастрюлях. "
            + "Сколько можно?";

    private static final String[][] POSTS = { // id, source, minute, text, repost_of, reply_to, official, cluster
        {"vk:wall-1_100", "vk", "0", WATER, null, null, "false", "water"},
        {"telegram:berdsk/5", "telegram", "25", "Репост: " + WATER.toUpperCase() + " #Бердск #ЖКХ 😡😡", null, null,
            "false", "water"},
        {"ok:77", "ok", "40", "<p>" + WATER.replace("кастрюлях", "кастрюлх").replace(". ", ".<br>")
            + "</p> Присоединяюсь!", null, null, "false", "water"},
        {"vk:wall-2_9", "vk", "55", "Поддерживаю", "vk:wall-1_100", null, "false", "water"},
        {"vk:wall-1_100_r1", "vk", "90", "Здравствуйте! Аварийная бригада выехала, горячую воду дадут к вечеру.",
            null, "vk:wall-1_100", "true", "water"},
        {"portal:31", "portal", "60", "На Ленина 15 в Бердске возле второго подъезда огромная яма на въезде во двор, "
            + "уже две машины пробили колёса. Засыпали щебнем в прошлом году, всё размыло. Просим заасфальтировать.",
            null, null, "false", "pothole"},
        {"vk:wall-3_4", "vk", "70", "В доме Ленина 15 кв 48 в Бердске течёт крыша, после каждого дождя в комнате "
            + "потоп, потолок почернел от плесени. Писали в управляющую компанию три раза.", null, null, "false",
            "roof"},
    };

    @Test
    void copiesAcrossPlatformsShareOneIncidentAndOtherComplaintsOnTheHouseDoNot(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (String[] p : POSTS) {
            ObjectNode n = json.createObjectNode();
            n.put("id", p[0]);
            n.put("source", p[1]);
            n.put("published_at", java.time.OffsetDateTime.parse("2026-11-02T10:00:00+07:00")
                    .plusMinutes(Long.parseLong(p[2])).toString());
            n.put("text", p[3]);
            n.put("repost_of", p[4]);
            n.put("reply_to", p[5]);
            n.put("official", Boolean.parseBoolean(p[6]));
            n.put("cluster", p[7]);
            lines.append(n).append('\n');
        }
        Path input = dir.resolve("posts.jsonl");
        Files.writeString(input, lines);
        Path out = dir.resolve("out.jsonl");
        assertEquals(0, new CommandLine(new Tsur()).execute("analyze", "--input", input.toString(), "--output",
                out.toString()));

        Map<String, JsonNode> byId = new HashMap<>();
        for (String l : Files.readAllLines(out)) {
            JsonNode n = json.readTree(l);
            byId.put(n.get("id").asText(), n);
        }
        assertEquals(POSTS.length, byId.size());
        JsonNode first = byId.get("vk:wall-1_100");
        assertEquals("new", first.get("dedup_method").asText(), first.toString());
        String incident = first.get("incident_id").asText();
        Map<String, String> methods = Map.of("telegram:berdsk/5", "exact", "ok:77", "near", "vk:wall-2_9", "repost",
                "vk:wall-1_100_r1", "reply");
        methods.forEach((id, method) -> {
            JsonNode n = byId.get(id);
            assertEquals(incident, n.get("incident_id").asText(), n.toString());
            assertEquals(method, n.get("dedup_method").asText(), n.toString());
            assertEquals("vk:wall-1_100", n.get("duplicate_of").asText(), n.toString());
        });
        for (String other : List.of("portal:31", "vk:wall-3_4")) {
            JsonNode n = byId.get(other);
            assertNotNull(n.get("incident_id").textValue(), n.toString());
            assertNotEquals(incident, n.get("incident_id").asText(), n.toString());
        }
        assertNotEquals(byId.get("portal:31").get("incident_id").asText(),
                byId.get("vk:wall-3_4").get("incident_id").asText());

        StringWriter report = new StringWriter();
        CommandLine cli = new CommandLine(new Tsur());
        cli.setOut(new PrintWriter(report));
        assertEquals(0, cli.execute("eval-dedup", "--labelled", input.toString(), "--predicted", out.toString()));
        assertTrue(report.toString().contains("bcubed precision=1.0000 recall=1.0000 F1=1.0000"), report.toString());
    }
}
