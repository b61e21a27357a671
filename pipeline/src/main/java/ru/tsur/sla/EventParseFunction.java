package ru.tsur.sla;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import ru.tsur.schema.IncidentEvent;
import ru.tsur.sla.core.DeadLetters;
import ru.tsur.sla.core.IncidentEventParser;

/** Raw bytes of topic incident-events → {@link IncidentEvent}, or a dead letter with the reason. */
public class EventParseFunction extends ProcessFunction<byte[], IncidentEvent> {
    private final String source;

    public EventParseFunction(String source) {
        this.source = source;
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<IncidentEvent> out) {
        IncidentEventParser.Result r = IncidentEventParser.parse(raw);
        if (r.ok()) {
            out.collect(r.event());
        } else {
            ctx.output(SlaTags.DEAD, DeadLetters.of(source, r.reason(), r.detail(), raw));
        }
    }
}
