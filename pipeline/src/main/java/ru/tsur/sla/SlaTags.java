package ru.tsur.sla;

import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.OutputTag;
import ru.tsur.flink.PostTypeInfo;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Post;

/** Side outputs of the SLA operators, typed with Avro so nothing falls back to Kryo. */
public final class SlaTags {
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("sla-alerts", new AvroTypeInfo<>(Alert.class));
    public static final OutputTag<DeadLetter> DEAD =
            new OutputTag<>("sla-dead-letters", new AvroTypeInfo<>(DeadLetter.class));
    public static final OutputTag<Post> LATE = new OutputTag<>("sla-late-posts", PostTypeInfo.INSTANCE);

    private SlaTags() {}
}
