package ru.tsur.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import ru.tsur.schema.WeeklyStat;

/** Writes weekly_stats rows as one Parquet file (they are few: regions × sectors). */
public final class WeeklyStatsFile {
    private WeeklyStatsFile() {
    }

    public static void write(List<WeeklyStat> stats, Path file) throws IOException {
        try (ParquetWriter<WeeklyStat> writer = AvroParquetWriter.<WeeklyStat>builder(new LocalOutputFile(file))
                .withSchema(WeeklyStat.getClassSchema())
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (WeeklyStat s : stats) {
                writer.write(s);
            }
        }
    }
}
