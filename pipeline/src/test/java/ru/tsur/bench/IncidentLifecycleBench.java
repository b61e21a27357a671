package ru.tsur.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ru.tsur.schema.Incident;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.schema.Post;
import ru.tsur.sla.calendar.ProductionCalendar;
import ru.tsur.sla.core.IncidentLifecycle;
import ru.tsur.sla.core.SlaClock;
import ru.tsur.sla.policy.SlaPolicy;
import ru.tsur.sla.routing.RoutingTable;

/**
 * Cost of the SLA state machine per incident: open (routing, policy, 8-working-day deadline), two copies, an
 * accepted event and the answer deadline passing with escalation. The Flink operator adds state access on top.
 * Run: scripts/bench-sla
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IncidentLifecycleBench {
    private IncidentLifecycle life;
    private Post first;
    private Post copy1;
    private Post copy2;
    private IncidentEvent accepted;
    private long answerDue;

    @Setup
    public void setup() {
        life = new IncidentLifecycle(SlaPolicy.load(), RoutingTable.load(), ProductionCalendar.load());
        Instant t0 = Instant.parse("2026-03-02T07:00:00Z");
        first = post("p1", t0, "critical");
        copy1 = post("p2", t0.plusSeconds(600), "normal");
        copy2 = post("p3", t0.plusSeconds(1200), "high");
        accepted = IncidentEvent.newBuilder().setIncidentId("i1").setType("accepted").setAt(t0.plusSeconds(1800))
                .setBy("Комитет").setText("принято").build();
        answerDue = Instant.parse("2026-03-20T00:00:00Z").toEpochMilli();
    }

    private static Post post(String id, Instant at, String severity) {
        return Post.newBuilder().setId(id).setSource("vk").setPublishedAt(at).setPublishedOffset("+03:00")
                .setDt("2026-03-02").setText("Яма на дороге, машины бьют колёса").setRegionCode("46")
                .setRegion("Курская").setMunicipality("Курск").setTimezone("+03:00").setSector("roads")
                .setTopics(List.of("pothole")).setSeverity(severity).setIncidentId("i1").setIngestedAt(at).build();
    }

    @Benchmark
    public int incidentLifecycle() {
        SlaClock clock = new SlaClock();
        Incident inc = life.open(first, clock).version();
        inc = orSame(inc, life.onPost(inc, clock, copy1));
        inc = orSame(inc, life.onPost(inc, clock, copy2));
        inc = orSame(inc, life.onEvent(inc, clock, accepted));
        IncidentLifecycle.Outcome o = life.onTime(inc, clock, answerDue);
        return o.alerts().size() + orSame(inc, o).getVersion();
    }

    private static Incident orSame(Incident cur, IncidentLifecycle.Outcome o) {
        return o.version() == null ? cur : o.version();
    }
}
