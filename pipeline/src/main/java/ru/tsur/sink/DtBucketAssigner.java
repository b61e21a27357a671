package ru.tsur.sink;

import java.io.Serializable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Puts each record in folder {@code dt=YYYY-MM-DD} by a date the record carries (not processing time). */
public final class DtBucketAssigner<T> implements BucketAssigner<T, String> {

    /** Extracts the partition date; serializable so the sink can ship it. */
    @FunctionalInterface
    public interface DateOf<T> extends Serializable {
        String dt(T record);
    }

    private final DateOf<T> dateOf;

    public DtBucketAssigner(DateOf<T> dateOf) {
        this.dateOf = dateOf;
    }

    @Override
    public String getBucketId(T element, Context context) {
        return "dt=" + dateOf.dt(element);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
