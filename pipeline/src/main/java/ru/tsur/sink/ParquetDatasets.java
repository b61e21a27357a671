package ru.tsur.sink;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import ru.tsur.schema.Incident;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Parquet datasets under the warehouse: {@code <warehouse>/<dataset>/dt=YYYY-MM-DD/part-*.parquet}. Bulk formats roll
 * on checkpoint, so files become visible exactly once, when the checkpoint that covers them completes.
 */
public final class ParquetDatasets {

    private ParquetDatasets() {}

    public static <T extends SpecificRecordBase> FileSink<T> sink(
            String warehouse, String dataset, Class<T> type, DtBucketAssigner.DateOf<T> dateOf) {
        return sink(warehouse, dataset, writerFactory(type), dateOf);
    }

    private static <T> FileSink<T> sink(String warehouse, String dataset, BulkWriter.Factory<T> writers,
                                        DtBucketAssigner.DateOf<T> dateOf) {
        return FileSink.forBulkFormat(new Path(join(warehouse, dataset)), writers)
                .withBucketAssigner(new DtBucketAssigner<>(dateOf))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
    }

    /**
     * The incidents dataset: a change log of incident versions in which each part file holds the latest version of
     * each incident changed during its checkpoint interval ({@link LatestVersions}).
     */
    public static FileSink<Incident> incidents(String warehouse) {
        return sink(warehouse, "incidents", new LatestVersions<>(writerFactory(Incident.class), new IncidentVersions()),
                Incident::getDt);
    }

    private static final class IncidentVersions implements LatestVersions.Versioned<Incident> {
        @Override
        public String key(Incident i) {
            return i.getIncidentId();
        }

        @Override
        public long version(Incident i) {
            return i.getVersion();
        }
    }

    /**
     * Parquet writers for a generated Avro class. Flink's {@code AvroParquetWriters.forSpecificRecord} uses the plain
     * {@code SpecificData} model, which lacks the class's logical-type conversions (Instant fields then fail with a
     * ClassCastException); the class's own model has them. Columns the schema marks {@value #ENCODING_PROPERTY}
     * {@code = "plain"} get no dictionary ({@link #plainColumns}).
     */
    public static <T extends SpecificRecordBase> ParquetWriterFactory<T> writerFactory(Class<T> type) {
        return writerFactory(type, true);
    }

    /** As {@link #writerFactory(Class)}; {@code plainWhereMarked = false} keeps a dictionary on every column (the
     *  benchmark's reference). */
    public static <T extends SpecificRecordBase> ParquetWriterFactory<T> writerFactory(Class<T> type,
                                                                                       boolean plainWhereMarked) {
        String schema = SpecificData.get().getSchema(type).toString();
        List<String> plain = plainWhereMarked ? plainColumns(new Schema.Parser().parse(schema)) : List.of();
        return new ParquetWriterFactory<>(out -> {
            AvroParquetWriter.Builder<T> b = AvroParquetWriter.<T>builder(out)
                    .withSchema(new Schema.Parser().parse(schema))
                    .withDataModel(SpecificData.getForClass(type))
                    .withCompressionCodec(CompressionCodecName.SNAPPY);
            for (String column : plain) {
                b = b.withDictionaryEncoding(column, false);
            }
            return b.build();
        });
    }

    /** The field property that asks for plain encoding: ids and links, a new value in nearly every row. */
    public static final String ENCODING_PROPERTY = "parquet.encoding";

    /**
     * Parquet column paths of the fields marked plain. A dictionary pays off for repeated values; for a column of
     * unique ids it only grows — every value is hashed and compared against its collision chain (ids and URLs share
     * long prefixes), the map is rehashed as it doubles — until it overflows its page and Parquet falls back to plain
     * anyway, in every file. The posts dataset, 100,000 distinct generated posts in files of 5,000 rows: 8.0–8.2 →
     * 6.0–6.1 µs CPU per row ({@code scripts/bench-ingest '.*parquetWrite'}), the same file size. {@code text} keeps
     * its dictionary: plain, it saved another 1.2 µs per row but the files grew 7 % (exact copies share a text).
     */
    static List<String> plainColumns(Schema avro) {
        Set<String> fields = new HashSet<>();
        for (Schema.Field f : avro.getFields()) {
            if ("plain".equals(f.getProp(ENCODING_PROPERTY))) {
                fields.add(f.name());
            }
        }
        return new AvroSchemaConverter().convert(avro).getColumns().stream()
                .filter(c -> fields.contains(c.getPath()[0]))
                .map(c -> String.join(".", c.getPath()))
                .toList();
    }

    public static String join(String warehouse, String dataset) {
        return warehouse.endsWith("/") ? warehouse + dataset : warehouse + "/" + dataset;
    }
}
