package ru.tsur.jobs.batch;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads Avro-Parquet files as a Flink stream format, in two ways Flink's {@code AvroParquetReaders} does not offer:
 * only some columns, read straight into a small record through {@link ParquetRow} (no Avro record per row, strings
 * decoded once per dictionary entry: the report reads tens of millions of rows this way); or whole specific records
 * with their logical-type conversions (Flink's reader uses a model without them and fails on
 * {@code timestamp-millis} fields generated as {@code Instant}).
 */
public final class ProjectedParquetFormat<T> implements StreamFormat<T> {
    private static final long serialVersionUID = 1L;

    private final List<String> columns;
    private final SerializableFunction<ParquetRow, T> rowMapper;
    private final Class<? extends SpecificRecord> specificType;
    private final TypeInformation<T> type;

    /** The {@code columns} of each row (by name; absent ones read as null), mapped to {@code T}. */
    public ProjectedParquetFormat(List<String> columns, SerializableFunction<ParquetRow, T> mapper,
                                  TypeInformation<T> type) {
        this.columns = List.copyOf(columns);
        this.rowMapper = mapper;
        this.specificType = null;
        this.type = type;
    }

    @SuppressWarnings("unchecked")
    private ProjectedParquetFormat(Class<T> specificType) {
        this.columns = null;
        this.rowMapper = null;
        this.specificType = specificType.asSubclass(SpecificRecord.class);
        this.type = (TypeInformation<T>) (TypeInformation<?>) new AvroTypeInfo<>(specificType.asSubclass(SpecificRecordBase.class));
    }

    /** Whole rows as Avro specific records, timestamps as {@code Instant}. */
    public static <T extends SpecificRecordBase> ProjectedParquetFormat<T> specific(Class<T> type) {
        return new ProjectedParquetFormat<>(type);
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
    @SuppressWarnings("unchecked")
    public Reader<T> createReader(Configuration config, FSDataInputStream stream, long fileLen, long splitEnd)
            throws IOException {
        InputFile file = new ParquetInputFile(stream, fileLen);
        // an empty Hadoop configuration: the default one parses XML resources for every file
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(false);
        ParquetReader<T> reader = specificType == null
                ? new RowReaderBuilder<>(file, columns, rowMapper).withConf(conf).build()
                : (ParquetReader<T>) AvroParquetReader.<GenericRecord>builder(file)
                        .withDataModel(SpecificData.getForClass(specificType))
                        .withConf(conf)
                        .build();
        return new Reader<>() {
            @Override
            public T read() throws IOException {
                return reader.read();
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

    /** Parquet's reader over {@link ParquetRow}: the file schema projected to the columns, one mapped row per read. */
    private static final class RowReaderBuilder<T> extends ParquetReader.Builder<T> {
        private final List<String> columns;
        private final SerializableFunction<ParquetRow, T> mapper;

        RowReaderBuilder(InputFile file, List<String> columns, SerializableFunction<ParquetRow, T> mapper) {
            super(file);
            this.columns = columns;
            this.mapper = mapper;
        }

        @Override
        protected ReadSupport<T> getReadSupport() {
            return new ReadSupport<>() {
                @Override
                public ReadContext init(InitContext context) {
                    return new ReadContext(ParquetRow.project(context.getFileSchema(), columns));
                }

                @Override
                public RecordMaterializer<T> prepareForRead(org.apache.hadoop.conf.Configuration conf,
                                                            Map<String, String> meta, MessageType fileSchema,
                                                            ReadContext context) {
                    return materializer(context.getRequestedSchema());
                }

                @Override
                public RecordMaterializer<T> prepareForRead(ParquetConfiguration conf, Map<String, String> meta,
                                                            MessageType fileSchema, ReadContext context) {
                    return materializer(context.getRequestedSchema());
                }
            };
        }

        private RecordMaterializer<T> materializer(MessageType projected) {
            ParquetRow row = new ParquetRow(projected, columns);
            GroupConverter root = row.root();
            return new RecordMaterializer<>() {
                @Override
                public T getCurrentRecord() {
                    return mapper.apply(row);
                }

                @Override
                public GroupConverter getRootConverter() {
                    return root;
                }
            };
        }
    }
}
