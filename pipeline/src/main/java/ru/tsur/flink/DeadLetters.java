package ru.tsur.flink;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.util.OutputTag;
import ru.tsur.ingest.RejectReason;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.DeadLetter;

/** The dead-letter side output shared by every operator that may reject input. */
public final class DeadLetters {

    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") {};

    private DeadLetters() {}

    public static DeadLetter of(SourceRecord rec, String reason, String detail, Instant now) {
        DeadLetter d = new DeadLetter();
        d.setSource(rec.origin());
        d.setPartition(rec.partition() < 0 ? null : rec.partition());
        d.setOffset(rec.offset());
        d.setReason(reason);
        d.setDetail(detail);
        d.setRaw(ByteBuffer.wrap(rec.value()));
        d.setReceivedAt(now);
        return d;
    }

    public static DeadLetter of(SourceRecord rec, RejectReason reason, String detail, Instant now) {
        return of(rec, reason.slug(), detail, now);
    }

    /** Dead letters are partitioned by the UTC date they were received. */
    public static String dt(DeadLetter d) {
        return d.getReceivedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
