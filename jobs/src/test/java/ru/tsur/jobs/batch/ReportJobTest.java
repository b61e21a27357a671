package ru.tsur.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.schema.WeeklyStat;

/**
 * Given the hand-made week of {@link ReportFixtures}, when the report job runs for 2026-03-08, then the weekly
 * statistics are the numbers worked out below, and the federal export is byte-identical on a second run.
 */
class ReportJobTest {
    static final LocalDate DATE = LocalDate.of(2026, 3, 8);
    /** Sum of the populations of region 66's cities in the gazetteer. */
    static final long POP_66 = 3_507_094L;

    @TempDir
    static Path tmp;
    static Path out;
    static Map<String, WeeklyStat> rows;

    @BeforeAll
    static void runReport() throws Exception {
        Path warehouse = tmp.resolve("warehouse");
        ReportFixtures.week10().write(warehouse);
        out = tmp.resolve("out");
        ReportJob.run(warehouse, DATE, out, 92, 2);
        rows = new TreeMap<>();
        for (WeeklyStat s : readWeekly(out.resolve("weekly_stats/week=2026-W10/weekly_stats.parquet"))) {
            rows.put(s.getRegionCode() + "|" + s.getSector(), s);
        }
    }

    static List<WeeklyStat> readWeekly(Path file) throws Exception {
        List<WeeklyStat> list = new ArrayList<>();
        try (ParquetReader<WeeklyStat> r = AvroParquetReader.<WeeklyStat>builder(new LocalInputFile(file))
                .withConf(new Configuration(false)).build()) {
            for (WeeklyStat s; (s = r.read()) != null; ) {
                list.add(s);
            }
        }
        return list;
    }

    @Test
    void oneRowPerRegionAndSectorActiveInEitherWeek() {
        assertEquals(List.of("00|other", "54|waste", "66|housing", "66|roads"), List.copyOf(rows.keySet()));
        rows.values().forEach(s -> {
            assertEquals("2026-W10", s.getWeek());
            assertEquals("2026-03-02", s.getWeekStart());
            assertEquals("2026-03-08", s.getAsOf());
        });
    }

    @Test
    void roadsInRegion66() {
        WeeklyStat s = rows.get("66|roads");
        // posts Mar 2, 3, 4, 6, 7 (Mar 7 not actionable); W09 had 4 (Feb 20 is W08: not counted)
        assertEquals(5, s.getPosts());
        assertEquals(4, s.getActionablePosts());
        assertEquals(4, s.getPostsPrevWeek());
        assertEquals(25.0, s.getPostsChangePct(), 1e-9);
        // first seen in W10: i1, i2 (critical), i3, i4 (not actionable), i10; in W09: i5, i8
        assertEquals(5, s.getIncidents());
        assertEquals(1, s.getCriticalIncidents());
        assertEquals(2, s.getIncidentsPrevWeek());
        assertEquals(150.0, s.getIncidentsChangePct(), 1e-9);
        // reaction due: i1 (120 min, in time), i2 (90 min, critical: late), i3 and i10 (never reacted by Mar 8)
        assertEquals(4, s.getReactionDue());
        assertEquals(1, s.getReactedInTime());
        assertEquals(0.25, s.getReactedInTimeShare(), 1e-9);
        assertEquals(90.0, s.getReactionMedianMin());
        assertEquals(120.0, s.getReactionP90Min());
        // answer deadlines (the SLA convention: 24:00 of the 8th working day after the local day of receipt) in
        // W10: i7 (received Fri Feb 20; Feb 21-22 weekend, Feb 23 holiday, then Feb 24, 25, 26, 27, Mar 2, 3, 4, 5:
        // due at the end of Thu Mar 5; answered Mar 4 15:00: in time), i8 (received Tue Feb 24; Feb 25, 26, 27,
        // Mar 2, 3, 4, 5, 6: due at the end of Fri Mar 6, not answered). The counts are those of the report's old
        // calendar (deadline at the hour of receipt: Mar 5 10:00 and Mar 6 09:00); only the hour moved to 24:00.
        // i5 (received Wed Feb 25: Feb 26, 27, Mar 2-6, then Mar 7-8 weekend, Mar 9 holiday, Mar 10) is due at the
        // end of Mar 10, after the report date, as before.
        assertEquals(2, s.getAnswerDue());
        assertEquals(1, s.getAnsweredInTime());
        assertEquals(0.5, s.getAnsweredInTimeShare(), 1e-9);
        // open past a deadline: i3 (reaction due Mar 7 04:00), i8 (answer due at the end of Mar 6), i10 (reaction
        // due Mar 8 18:00; its answer on Mar 9 is after the report date)
        assertEquals(3, s.getOverdueOpen());
        assertEquals(POP_66, s.getPopulation());
        assertEquals(5 * 100_000.0 / POP_66, s.getIncidentsPer100k(), 1e-12);
        assertEquals(List.of("pothole", "snow"), s.getTopTopics());
        assertEquals("Свердловская", s.getRegion());
    }

    @Test
    void oldOverdueIncidentCountsInTheCurrentWeeksStock() {
        WeeklyStat s = rows.get("66|housing");
        assertEquals(2, s.getPosts());
        assertEquals(0, s.getIncidents());
        assertEquals(1, s.getOverdueOpen());
        assertEquals(0, s.getAnswerDue());
        assertNull(s.getAnsweredInTimeShare());
        assertNull(s.getPostsChangePct());
    }

    @Test
    void unknownRegionKeepsItsPosts() {
        WeeklyStat s = rows.get("00|other");
        assertEquals(1, s.getPosts());
        assertNull(s.getRegion());
        assertNull(s.getPopulation());
        assertNull(s.getIncidentsPer100k());
    }

    @Test
    void federalExportHasTheDocumentedColumnsAndFixedNumbers() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("federal/pulse-weekly-2026-03-08.csv"), StandardCharsets.UTF_8);
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("schema,week,week_start,as_of,region_code,region,sector,posts,"));
        assertEquals("pulse-weekly-v1,2026-W10,2026-03-02,2026-03-08,66,Свердловская,roads,5,4,5,1,4,1,0.2500,2,1,"
                + "0.5000,3,90,120,4,25.0,2,150.0,3507094,0.143,pothole;snow", lines.get(4));
        assertTrue(lines.get(1).startsWith("pulse-weekly-v1,2026-W10,2026-03-02,2026-03-08,00,,other,1,0,"));
    }

    @Test
    void aWarehouseWithPostsOnlyStillGivesAReport() throws Exception {
        // the foundation's stream writes posts/ before incidents/ and alerts/ exist
        Path wh = tmp.resolve("posts-only");
        WarehouseFixture w = new WarehouseFixture();
        w.add(w.post("2026-03-03T10:00", "roads", true, "pothole"));
        w.write(wh);
        Path o = tmp.resolve("posts-only-out");
        ReportJob.run(wh, DATE, o, 92, 1);
        List<String> lines = Files.readAllLines(o.resolve("federal/pulse-weekly-2026-03-08.csv"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains(",66,Свердловская,roads,1,1,0,0,0,0,,0,0,,0,"), lines.get(1));
    }

    @Test
    void federalExportIsByteIdenticalOnASecondRun() throws Exception {
        byte[] first = Files.readAllBytes(out.resolve("federal/pulse-weekly-2026-03-08.csv"));
        Path again = tmp.resolve("again");
        ReportJob.run(tmp.resolve("warehouse"), DATE, again, 92, 1);
        assertArrayEquals(first, Files.readAllBytes(again.resolve("federal/pulse-weekly-2026-03-08.csv")));
        assertArrayEquals(Files.readAllBytes(out.resolve("html/report-2026-03-08.html")),
                Files.readAllBytes(again.resolve("html/report-2026-03-08.html")));
    }

    @Test
    void chromiumRendersTheReportWithItsCharts() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find().orElse(null);
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium)");
        Path page = out.resolve("html/report-2026-03-08.html");
        String dom = chromium.dumpDom(page);
        assertTrue(dom.contains("Пульс: обращения граждан за неделю 2026-W10"), "the page loaded");
        // heat map, daily volume, overdue bodies: three inline SVG charts, parsed as SVG elements
        assertEquals(3, dom.split("<svg", -1).length - 1, "three charts");
        assertTrue(dom.contains("<rect"), "charts have bars and cells");
        Path png = tmp.resolve("report.png");
        chromium.screenshot(page, png, 1200, 1600);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the screenshot shows text and charts, not a blank page: " + colours.size());
    }

    @Test
    void htmlShowsHeadlineOverdueBodiesSpikesAndMaskedExamples() throws Exception {
        String html = Files.readString(out.resolve("html/report-2026-03-08.html"));
        assertTrue(html.contains("<svg"), "charts are inline SVG");
        // 9 posts this week against 4: +125%
        assertTrue(html.contains("<div class=\"v\">9 <span class=\"up\">▲ +125%</span>"), "headline posts with arrow");
        assertTrue(html.contains(ReportFixtures.EKB_ADMIN) && html.contains(ReportFixtures.MINTRANS)
                && html.contains("УК «Уют»"), "overdue bodies");
        assertTrue(html.contains("12 сообщений за час при среднем 2.5"), "the spike");
        assertTrue(html.contains("Яма на ул. Ленина, звоните [телефон], пишите [email]"), "pseudonymized example");
        assertTrue(!html.contains("912 345") && !html.contains("ivan@mail.ru"), "no contacts leak");
    }
}
