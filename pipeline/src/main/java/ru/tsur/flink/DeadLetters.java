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

    /**
     * Largest original kept on a dead letter. A rejected record near the broker's message limit plus headers would
     * not fit the DLQ topic, and the sink would fail the job on the same record forever; the length and a hash of the
     * full original stay in the detail so it can still be found upstream.
     */
    public static final int MAX_RAW_BYTES = 64 * 1024;

    public static DeadLetter of(SourceRecord rec, String reason, String detail, Instant now) {
        byte[] raw = rec.value();
        if (raw.length > MAX_RAW_BYTES) {
            detail = detail + " [original " + raw.length + " bytes, sha256 " + sha256(raw) + "; first "
                    + MAX_RAW_BYTES + " kept]";
            raw = java.util.Arrays.copyOf(raw, MAX_RAW_BYTES);
        }
        DeadLetter d = new DeadLetter();
        d.setSource(rec.origin());
        d.setPartition(rec.partition() < 0 ? null : rec.partition());
        d.setOffset(rec.offset());
        d.setReason(reason);
        d.setDetail(detail);
        d.setRaw(ByteBuffer.wrap(raw));
        d.setReceivedAt(now);
        return d;
    }

    public static DeadLetter of(SourceRecord rec, RejectReason reason, String detail, Instant now) {
        return of(rec, reason.slug(), detail, now);
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dead letters are partitioned by the UTC date they were received. */
    public static String dt(DeadLetter d) {
        return d.getReceivedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
