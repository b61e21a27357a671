package ru.tsur.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tsur.generator.PostGenerator;
import ru.tsur.geo.Gazetteer;
import ru.tsur.geo.GeoAttributor;
import ru.tsur.ingest.ParseResult;
import ru.tsur.ingest.PostEnricher;
import ru.tsur.ingest.PostParser;
import ru.tsur.ingest.RawPost;
import ru.tsur.privacy.Pseudonymizer;
import ru.tsur.schema.Post;

/**
 * Given generated posts written with the posts dataset's writer, the file reads back as the same rows; the columns
 * with a value per post (id, text, url, …) are plain-encoded, the low-cardinality ones keep their dictionary.
 */
class ParquetDatasetsTest {
    @TempDir
    Path tmp;

    @Test
    void postsReadBackUnchangedAndPerPostColumnsAreWrittenWithoutADictionary() throws Exception {
        PostGenerator gen = new PostGenerator(PostGenerator.Options.defaults(7,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00")));
        PostParser parser = new PostParser();
        PostEnricher enricher = new PostEnricher(new Pseudonymizer("test-key-0123456789".getBytes(StandardCharsets.UTF_8)),
                new GeoAttributor(Gazetteer.shared()), new PostEnricher.Options(true, true), Clock.systemUTC());
        List<Post> posts = new ArrayList<>();
        while (posts.size() < 500) {
            if (parser.parse(gen.next().json()) instanceof ParseResult.Accepted<RawPost> ok) {
                posts.add(enricher.enrich(ok.value()));
            }
        }
        Path file = tmp.resolve("part-0.parquet");
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem().create(
                new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<Post> w = ParquetDatasets.writerFactory(Post.class).create(out);
            for (Post p : posts) {
                w.addElement(p);
            }
            w.finish();
        }

        List<Post> back = new ArrayList<>();
        try (ParquetReader<Post> r = AvroParquetReader.<Post>builder(new LocalInputFile(file))
                .withConf(new Configuration(false)).build()) {
            for (Post p; (p = r.read()) != null; ) {
                back.add(p);
            }
        }
        assertEquals(posts, back);

        Map<String, ColumnChunkMetaData> columns = new HashMap<>();
        try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(file))) {
            for (ColumnChunkMetaData c : f.getFooter().getBlocks().get(0).getColumns()) {
                columns.put(c.getPath().toDotString(), c);
            }
        }
        for (String plain : ParquetDatasets.plainColumns("ru.tsur.schema.Post")) {
            ColumnChunkMetaData c = columns.get(plain);
            assertFalse(c.hasDictionaryPage(), plain);
            assertFalse(c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                    || c.getEncodings().contains(Encoding.RLE_DICTIONARY), plain);
        }
        for (String dict : List.of("source", "sector", "region", "severity")) {
            assertTrue(columns.get(dict).hasDictionaryPage(), dict);
        }
        assertTrue(Files.size(file) > 0);
    }
}
