package ru.tsur.sla.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import ru.tsur.sla.SlaFixtures;

class IncidentEventParserTest {
    private static IncidentEventParser.Result parse(String s) {
        return IncidentEventParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesAnEventByIncidentOrByPost() {
        IncidentEventParser.Result r = parse("{\"incident_id\":\"i1\",\"type\":\"ACCEPTED\","
                + "\"at\":\"2026-03-02T10:30:00+03:00\",\"by\":\"Комитет ЖКХ\",\"text\":\"Принято 👍\"}");
        assertTrue(r.ok());
        assertEquals("accepted", r.event().getType());
        assertEquals(SlaFixtures.t("2026-03-02T07:30:00Z"), r.event().getAt());
        r = parse("{\"post_id\":\"vk:wall-1_2\",\"type\":\"answered\",\"at\":\"2026-03-02T10:30:00Z\"}");
        assertTrue(r.ok());
        assertNull(r.event().getIncidentId());
        assertEquals("vk:wall-1_2", r.event().getPostId());
    }

    @Test
    void badEventsSayWhy() {
        assertEquals("malformed_json", parse("{\"incident_id\":").reason());
        assertEquals("not_object", parse("[1,2]").reason());
        assertEquals("missing_field", parse("{\"type\":\"accepted\",\"at\":\"2026-03-02T10:30:00Z\"}").reason());
        assertEquals("missing_field", parse("{\"incident_id\":\"  \",\"type\":\"accepted\"}").reason());
        assertEquals("bad_type", parse("{\"incident_id\":\"i\",\"type\":\"closed\",\"at\":\"x\"}").reason());
        assertEquals("bad_timestamp",
                parse("{\"incident_id\":\"i\",\"type\":\"accepted\",\"at\":\"2026-03-02 10:30\"}").reason());
        assertEquals("not_utf8", IncidentEventParser.parse(new byte[] {(byte) 0xff, (byte) 0xfe}).reason());
        assertEquals("empty", IncidentEventParser.parse(new byte[0]).reason());
    }
}
