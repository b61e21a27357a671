package ru.tsur.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassifyAndEvalCommandTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Tsur()).execute(args);
            assertEquals(0, code);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void classifyPrintsDecisionAndExplanation() {
        String out = run("classify", "Не вывозят мусор уже неделю, баки переполнены");
        assertTrue(out.contains("sector:     waste"), out);
        assertTrue(out.contains("actionable: true"), out);
        assertTrue(out.contains("waste.collection:"), out);
    }

    @Test
    void evalPrintsPerSectorScoresAndMacroF1(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("labelled.jsonl");
        Files.writeString(input, """
                {"id":"1","text":"Яма на дороге по улице Ленина","sector":"roads","topics":[],"actionable":true,"severity":"normal"}
                {"id":"2","text":"Не вывозят мусор","sector":"waste","topics":[],"actionable":true,"severity":"normal"}
                {"id":"3","text":"Продам гараж","sector":"other","topics":[],"actionable":false,"severity":"normal"}
                {"id":"4","text":"Лифт не работает","sector":"roads","topics":[],"actionable":true,"severity":"normal"}
                """);
        String out = run("eval", "--input", input.toString(), "--misses", "5");
        assertTrue(out.contains("posts: 4"), out);
        assertTrue(out.contains("macro-F1"), out);
        assertTrue(out.contains("noise recall        1.000 (1 of 1)"), out);
        assertTrue(out.contains("- 4 truth=roads predicted=housing"), out); // the wrong label is reported
    }
}
