package ru.tsur.sink;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * A bulk writer that keeps, per part file, only the latest version of each record key: the versions of an incident
 * that change within one checkpoint interval reach the file as one row. A part file is written when its checkpoint
 * closes it ({@code BulkPartWriter.closeForCommit} flushes and finishes the writer) and becomes visible only then,
 * so a reader of the dataset sees the same latest version per incident as before, one row per incident changed in
 * the interval instead of one per change. Dropped are the intermediate versions (each a full copy of the incident
 * with up to 50 post ids), which nothing reads: readers, the compaction and the report take the latest version.
 * Holds the interval's distinct changed records on the heap until the checkpoint (about 1–2 KB per incident).
 */
public final class LatestVersions<T> implements BulkWriter.Factory<T> {

    /** The key and the version of a record; the higher version wins, on equal versions the later one. */
    public interface Versioned<T> extends Serializable {
        String key(T record);

        long version(T record);
    }

    private final BulkWriter.Factory<T> delegate;
    private final Versioned<T> versioned;

    public LatestVersions(BulkWriter.Factory<T> delegate, Versioned<T> versioned) {
        this.delegate = delegate;
        this.versioned = versioned;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        return new Writer<>(delegate.create(out), versioned);
    }

    private static final class Writer<T> implements BulkWriter<T> {
        private final BulkWriter<T> out;
        private final Versioned<T> versioned;
        private final Map<String, T> latest = new LinkedHashMap<>();

        Writer(BulkWriter<T> out, Versioned<T> versioned) {
            this.out = out;
            this.versioned = versioned;
        }

        @Override
        public void addElement(T record) {
            latest.merge(versioned.key(record), record,
                    (old, now) -> versioned.version(now) >= versioned.version(old) ? now : old);
        }

        @Override
        public void flush() throws IOException {
            for (T record : latest.values()) {
                out.addElement(record);
            }
            latest.clear();
            out.flush();
        }

        @Override
        public void finish() throws IOException {
            flush();
            out.finish();
        }
    }
}
