package ru.tsur.jobs.batch;

import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet bulk writers for Avro specific records whose data model carries the class's logical-type conversions.
 * Flink 2.3's {@code AvroParquetWriters.forSpecificRecord} uses a model without them and fails with
 * "Instant cannot be cast to Number" on our {@code timestamp-millis} fields.
 */
public final class SpecificParquetWriters {
    private SpecificParquetWriters() {
    }

    public static <T extends SpecificRecordBase> ParquetWriterFactory<T> forSpecificRecord(Class<T> type) {
        ParquetBuilder<T> builder = out -> {
            SpecificData model = SpecificData.getForClass(type);
            return AvroParquetWriter.<T>builder(out)
                    .withSchema(model.getSchema(type))
                    .withDataModel(model)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build();
        };
        return new ParquetWriterFactory<>(builder);
    }
}
