package ru.tsur.jobs.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes Avro specific records the way the streaming job's AvroParquetWriters do (parquet-avro, Snappy), into
 * {@code <root>/<dataset>/dt=<dt>/<file>.parquet}, one open file per partition.
 */
final class DatasetWriter<T extends SpecificRecord> implements AutoCloseable {
    private final Path dir;
    private final Class<T> type;
    private final Function<T, String> partition;
    private final String fileName;
    private final Map<String, ParquetWriter<T>> writers = new TreeMap<>();

    DatasetWriter(Path root, String dataset, Class<T> type, Function<T, String> partition, String fileName) {
        this.dir = root.resolve(dataset);
        this.type = type;
        this.partition = partition;
        this.fileName = fileName;
    }

    void write(T record) {
        try {
            writers.computeIfAbsent(partition.apply(record), this::open).write(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Columns whose values are (nearly) unique: a dictionary never pays off and only slows writing down. */
    static final java.util.List<String> NO_DICTIONARY = java.util.List.of("id", "url", "author_hash", "incident_id",
            "duplicate_of", "first_post_id", "alert_id", "published_at", "ingested_at", "first_seen", "last_seen",
            "updated_at", "first_reaction_at", "answered_at", "raised_at", "deadline");

    private ParquetWriter<T> open(String dt) {
        try {
            Path file = dir.resolve("dt=" + dt).resolve(fileName);
            Files.createDirectories(file.getParent());
            SpecificData model = SpecificData.getForClass(type);
            AvroParquetWriter.Builder<T> b = AvroParquetWriter.<T>builder(new LocalOutputFile(file));
            for (String column : NO_DICTIONARY) {
                b.withDictionaryEncoding(column, false);
            }
            return b.withSchema(model.getSchema(type))
                    .withDataModel(model)
                    .withConf(new Configuration(false))
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        for (ParquetWriter<T> w : writers.values()) {
            w.close();
        }
        writers.clear();
    }
}
