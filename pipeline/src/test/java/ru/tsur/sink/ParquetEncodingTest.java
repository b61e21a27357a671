package ru.tsur.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;

class ParquetEncodingTest {

    @TempDir
    Path dir;

    @Test
    void theSchemaNamesThePlainColumnsAsParquetPaths() {
        assertEquals(List.of("id", "url", "author_hash", "reply_to", "repost_of", "incident_id", "duplicate_of"),
                ParquetDatasets.plainColumns(Post.getClassSchema()));
        List<String> incident = ParquetDatasets.plainColumns(Incident.getClassSchema());
        assertTrue(incident.contains("incident_id") && incident.contains("url"), incident.toString());
        assertTrue(incident.stream().anyMatch(c -> c.startsWith("post_ids.")), "the list's element column: " + incident);
        assertFalse(incident.contains("sector"));
    }

    @Test
    void idsAreWrittenWithoutADictionaryAndRepeatedValuesWithOne() throws IOException {
        Path file = dir.resolve("posts.parquet");
        try (var out = FileSystem.getLocalFileSystem().create(new org.apache.flink.core.fs.Path(file.toUri()),
                FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<Post> w = ParquetDatasets.writerFactory(Post.class).create(out);
            for (int i = 0; i < 500; i++) {
                w.addElement(post("vk:wall-1_" + i, "Яма на дороге у дома " + i % 7));
            }
            w.finish();
        }
        Map<String, ColumnChunkMetaData> columns = new HashMap<>();
        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            assertEquals(500, reader.getRecordCount());
            for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
                columns.put(c.getPath().toDotString(), c);
            }
        }
        assertFalse(dictionary(columns.get("id")), "unique ids: plain");
        assertTrue(dictionary(columns.get("text")), "seven texts: a dictionary");
        assertTrue(dictionary(columns.get("source")));
        assertTrue(Files.size(file) > 0);
    }

    private static Post post(String id, String text) {
        return Post.newBuilder().setId(id).setSource("vk").setPublishedAt(java.time.Instant.parse("2026-11-02T03:00:00Z"))
                .setPublishedOffset("+07:00").setDt("2026-11-02").setText(text).setUrl("https://vk.com/" + id)
                .setSector("roads").setSeverity("normal").setScore(1.0).setActionable(true)
                .setIngestedAt(java.time.Instant.parse("2026-11-02T03:00:01Z")).build();
    }

    private static boolean dictionary(ColumnChunkMetaData c) {
        return c.hasDictionaryPage() || c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                || c.getEncodings().contains(Encoding.RLE_DICTIONARY);
    }
}
