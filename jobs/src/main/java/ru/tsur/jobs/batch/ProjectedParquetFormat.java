package ru.tsur.jobs.batch;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
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
 * Reads Avro-Parquet files as a Flink stream format, in two ways Flink's {@code AvroParquetReaders} does not offer:
 * only some columns, mapped to a small record (post texts the report never looks at are skipped on disk, most of its
 * time on large datasets); or whole specific records with their logical-type conversions (Flink's reader uses a
 * model without them and fails on {@code timestamp-millis} fields generated as {@code Instant}).
 */
public final class ProjectedParquetFormat<T> implements StreamFormat<T> {
    private static final long serialVersionUID = 1L;

    private final String projection;
    private final Class<? extends SpecificRecord> specificType;
    private final SerializableFunction<GenericRecord, T> mapper;
    private final TypeInformation<T> type;

    public ProjectedParquetFormat(Schema full, List<String> fields, SerializableFunction<GenericRecord, T> mapper,
                                  TypeInformation<T> type) {
        this.projection = project(full, fields).toString();
        this.specificType = null;
        this.mapper = mapper;
        this.type = type;
    }

    @SuppressWarnings("unchecked")
    private ProjectedParquetFormat(Class<T> specificType, SerializableFunction<GenericRecord, T> identity) {
        this.projection = null;
        this.specificType = specificType.asSubclass(SpecificRecord.class);
        this.mapper = identity;
        this.type = (TypeInformation<T>) (TypeInformation<?>) new AvroTypeInfo<>(specificType.asSubclass(SpecificRecordBase.class));
    }

    /** Whole rows as Avro specific records, timestamps as {@code Instant}. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecordBase> ProjectedParquetFormat<T> specific(Class<T> type) {
        return new ProjectedParquetFormat<>(type, r -> (T) r);
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
        if (projection != null) {
            conf.set(AvroReadSupport.AVRO_REQUESTED_PROJECTION, projection);
        }
        GenericData model = specificType == null ? GenericData.get() : SpecificData.getForClass(specificType);
        ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new ParquetInputFile(stream, fileLen))
                .withDataModel(model)
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
