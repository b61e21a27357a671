package ru.tsur.jobs.batch;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads only some columns of Avro-Parquet files and maps each row to a small record. Flink's
 * {@code AvroParquetReaders} decodes every column, including post texts the report never looks at; a projection
 * skips them on disk, which is most of the report's time on large datasets.
 */
public final class ProjectedParquetFormat<T> implements StreamFormat<T> {
    private static final long serialVersionUID = 1L;

    private final String projection;
    private final SerializableFunction<GenericRecord, T> mapper;
    private final TypeInformation<T> type;

    public ProjectedParquetFormat(Schema full, List<String> fields, SerializableFunction<GenericRecord, T> mapper,
                                  TypeInformation<T> type) {
        this.projection = project(full, fields).toString();
        this.mapper = mapper;
        this.type = type;
    }

    /** The record schema with only {@code fields}, in the given order. */
    static Schema project(Schema full, List<String> fields) {
        List<Schema.Field> kept = fields.stream().map(name -> {
            Schema.Field f = full.getField(name);
            if (f == null) {
                throw new IllegalArgumentException(full.getName() + " has no field " + name);
            }
            return new Schema.Field(f, f.schema());
        }).toList();
        return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, kept);
    }

    @Override
    public Reader<T> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection);
        conf.set(AvroReadSupport.AVRO_DATA_SUPPLIER, org.apache.parquet.avro.GenericDataSupplier.class.getName());
        ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new ParquetInputFile(stream, fileLen))
                .withDataModel(GenericData.get())
                .withConf(conf)
                .build();
        return new Reader<>() {
            @Override
            public T read() throws IOException {
                GenericRecord r = reader.read();
                return r == null ? null : mapper.apply(r);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public Reader<T> restoreReader(Configuration config, FSDataInputStream stream, long restoredOffset, long fileLen,
                                   long splitEnd) throws IOException {
        // batch jobs restart from the beginning; files are never split
        return createReader(config, stream, fileLen, splitEnd);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    static String str(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? null : v.toString();
    }

    static Long lng(GenericRecord r, String field) {
        Object v = r.get(field);
        return v == null ? null : ((Number) v).longValue();
    }

    /** An array of strings joined with commas (topics never contain commas: they are rule ids). */
    static String joined(GenericRecord r, String field) {
        Object v = r.get(field);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Object o : list) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(o.toString().replace(',', ' '));
        }
        return b.toString();
    }
}
