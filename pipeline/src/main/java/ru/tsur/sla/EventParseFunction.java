package ru.tsur.sla;

import java.time.Instant;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.flink.DeadLetters;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.sla.core.IncidentEventParser;

/** Raw records of topic incident-events → {@link IncidentEvent}, or a dead letter with the reason and the origin. */
public class EventParseFunction extends ProcessFunction<SourceRecord, IncidentEvent> {
    @Override
    public void processElement(SourceRecord rec, Context ctx, Collector<IncidentEvent> out) {
        IncidentEventParser.Result r = IncidentEventParser.parse(rec.value());
        if (r.ok()) {
            out.collect(r.event());
        } else {
            ctx.output(SlaTags.DEAD, DeadLetters.of(rec, r.reason(), r.detail(), Instant.now()));
        }
    }
}
