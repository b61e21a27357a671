package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import ru.tsur.classify.ClassifyStage;
import ru.tsur.classify.LuceneClassifier;
import ru.tsur.flink.PostSerializer;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.core.IncidentLifecycle;
import ru.tsur.sla.core.SlaClock;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.routing.RoutingTable;

class SlaInputTest {
    private final IncidentLifecycle life =
            new IncidentLifecycle(SlaPolicy.load(), RoutingTable.load(), ProductionCalendar.load());

    /**
     * Generated posts, classified, grouped into incidents by region and sector (so incidents gain posts), every
     * seventh with a long text, some turned into official replies.
     */
    private static List<Post> posts() {
        List<Post> out = new ArrayList<>();
        Random r = new Random(3);
        try (LuceneClassifier classifier = LuceneClassifier.withDefaultRules()) {
            int i = 0;
            for (Post enriched : new EnrichedStream(11).posts(1500)) {
                Post p = ClassifyStage.annotate(enriched, classifier.classify(enriched.getText()));
                if (i++ % 7 == 0) {
                    p.setText("  " + p.getText() + " Подробности: " + "дом ".repeat(60 + r.nextInt(200)) + "😀 конец ");
                }
                if (p.getActionable() && r.nextInt(10) == 0) {
                    p.setOfficial(true); // an official reply in the incident
                }
                if (p.getActionable()) {
                    p.setIncidentId("inc:" + p.getRegionCode() + ":" + p.getSector());
                }
                out.add(p);
            }
        }
        return out;
    }

    /** Every incident version and alert the lifecycle makes from these posts, then from their deadlines. */
    private List<Object> replay(List<Post> posts) {
        Map<String, Incident> incidents = new HashMap<>();
        Map<String, SlaClock> clocks = new HashMap<>();
        List<Object> made = new ArrayList<>();
        long last = 0;
        for (Post p : posts) {
            last = Math.max(last, p.getPublishedAt().toEpochMilli());
            if (p.getIncidentId() == null) {
                continue;
            }
            Incident cur = incidents.get(p.getIncidentId());
            IncidentLifecycle.Outcome o;
            if (cur == null) {
                if (!IncidentLifecycle.opens(p)) {
                    continue;
                }
                SlaClock clock = new SlaClock();
                clocks.put(p.getIncidentId(), clock);
                o = life.open(p, clock);
            } else {
                o = life.onPost(cur, clocks.get(p.getIncidentId()), p);
            }
            record(o, incidents, made);
        }
        for (var e : clocks.entrySet()) {
            Incident cur = incidents.get(e.getKey());
            record(life.onTime(cur, e.getValue(), last + 30L * 24 * 3600 * 1000), incidents, made);
        }
        return made;
    }

    private static void record(IncidentLifecycle.Outcome o, Map<String, Incident> incidents, List<Object> made) {
        if (o.version() != null) {
            incidents.put(o.version().getIncidentId(), o.version());
            made.add(Incident.newBuilder(o.version()).build());
        }
        for (Alert a : o.alerts()) {
            made.add(Alert.newBuilder(a).build());
        }
    }

    @Test
    void incidentsAndAlertsFromTheViewAreThoseOfTheWholePost() {
        List<Post> whole = posts();
        List<Post> views = whole.stream().map(p -> SlaInput.of(PostSerializer.INSTANCE.copy(p)).post).toList();
        List<Object> expected = replay(whole);
        assertTrue(expected.stream().filter(o -> o instanceof Alert).count() > 100, "the deadlines fire");
        assertTrue(expected.stream().filter(o -> o instanceof Incident i && i.getPostCount() > 3).count() > 10,
                "incidents gain posts");
        List<Object> fromViews = replay(views);
        for (int i = 0; i < Math.min(expected.size(), fromViews.size()); i++) {
            assertEquals(expected.get(i), fromViews.get(i), "output " + i);
        }
        assertEquals(expected.size(), fromViews.size());
    }

    @Test
    void theViewLeavesOutWhatTheSlaNeverReads() {
        Post p = posts().stream().filter(x -> x.getText().length() > 400).findFirst().orElseThrow();
        Post view = SlaInput.of(p).post;
        assertEquals(IncidentLifecycle.excerpt(p.getText()), view.getText());
        assertTrue(view.getText().length() <= IncidentLifecycle.EXCERPT_CHARS + 1);
        assertNull(view.getAuthorHash());
        assertEquals(List.of(), view.getMatched());
        assertEquals(p.getId(), view.getId());
        assertEquals(p.getIncidentId(), view.getIncidentId());
        // Avro accepts it as a Post (the reply path rebuilds it with Post.newBuilder)
        assertEquals(view.getText(), Post.newBuilder(view).setDedupMethod("reply").build().getText());
    }

    @Test
    void anExcerptOfAnExcerptIsTheExcerpt() {
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(400);
            for (int j = 0; j < n; j++) {
                switch (r.nextInt(6)) {
                    case 0 -> b.append(' ');
                    case 1 -> b.append("😀");
                    case 2 -> b.append('\n');
                    default -> b.append((char) ('а' + r.nextInt(32)));
                }
            }
            String once = IncidentLifecycle.excerpt(b.toString());
            assertEquals(once, IncidentLifecycle.excerpt(once), () -> "for «" + b + "»");
        }
    }
}
