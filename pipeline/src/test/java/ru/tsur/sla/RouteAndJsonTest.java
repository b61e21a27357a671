package ru.tsur.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static ru.tsur.sla.SlaFixtures.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.junit.jupiter.api.Test;
import ru.tsur.schema.Alert;
import ru.tsur.schema.Post;
import ru.tsur.sla.core.AlertIds;
import ru.tsur.sink.AvroJson;

class RouteAndJsonTest {
    @Test
    void postsGainTheirFirstResponder() {
        RouteFunction f = new RouteFunction("/sla/routing/routing.csv");
        f.open(DefaultOpenContext.INSTANCE);
        assertEquals("Комитет дорожного хозяйства города Курска",
                f.map(post("p1", "i1", "2026-03-02T10:00:00+03:00").build()).getResponsible());
        Post chatter = post("p2", null, "2026-03-02T10:00:00+03:00").setActionable(false).build();
        assertNull(f.map(chatter).getResponsible(), "nobody answers a greeting");
    }

    @Test
    void alertJsonHasTheContractFieldsWithIsoInstants() throws Exception {
        Alert a = Alert.newBuilder()
                .setAlertId(AlertIds.of("i1", "critical_overdue", 0)).setIncidentId("i1")
                .setKind("critical_overdue").setLevel(0)
                .setDeadline(SlaFixtures.t("2026-03-02T11:00:00+03:00"))
                .setRaisedAt(SlaFixtures.t("2026-03-02T11:00:00+03:00"))
                .setSector("roads").setSeverity("critical").setRegionCode("46").setRegion("Курская")
                .setMunicipality("Курск").setResponsible("Комитет дорожного хозяйства города Курска")
                .setPostIds(List.of("p1")).setUrl("https://vk.com/wall-1_1").setExcerpt("Яма «на» дороге\n😡")
                .setDetail(null).setDt("2026-03-02").build();
        JsonNode n = new ObjectMapper().readTree(AvroJson.toJson(a)); // topic alerts, webhook, analyze --alerts
        assertEquals("2026-03-02T08:00:00Z", n.get("deadline").asText());
        assertEquals("2026-03-02T08:00:00Z", n.get("raised_at").asText());
        assertEquals("Яма «на» дороге\n😡", n.get("excerpt").asText());
        assertEquals("p1", n.get("post_ids").get(0).asText());
        assertEquals(a.getAlertId(), n.get("alert_id").asText());
        assertEquals(AlertIds.of("i1", "critical_overdue", 0), a.getAlertId(), "same inputs, same id");
        assertEquals(17, n.size());
    }
}
