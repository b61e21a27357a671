package ru.tsur.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import ru.tsur.flink.BulkStringSerializer;
import ru.tsur.flink.PostSerializer;
import ru.tsur.generator.EnrichedStream;
import ru.tsur.generator.PostGenerator;
import ru.tsur.geo.Gazetteer;
import ru.tsur.geo.GeoAttributor;
import ru.tsur.ingest.ParseResult;
import ru.tsur.ingest.PostEnricher;
import ru.tsur.ingest.PostParser;
import ru.tsur.ingest.RawPost;
import ru.tsur.privacy.Pseudonymizer;
import ru.tsur.schema.Post;
import ru.tsur.sink.AvroJson;
import ru.tsur.sink.ParquetDatasets;

/**
 * Per-record costs around the classifier, on one thread, over 2,000 generated posts (cycled): the byte-level JSON parse
 * and validation; parse plus enrichment (normalization, PII masking, pseudonym, geo) — the whole first operator; the
 * Avro binary serialization a checkpointed Post pays; a network hop of a post (Avro vs {@link PostSerializer}, out
 * and back in); a post id written as a state key (Flink's {@code StringSerializer} vs {@link BulkStringSerializer});
 * the JSON of the Kafka output topics; and
 * the Parquet write of the posts dataset (Snappy, into a discarding stream, over 100,000 distinct posts:
 * {@link ParquetPosts}). Run: {@code scripts/bench-ingest}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class IngestBench extends CpuClock {
    private static final int PARQUET_ROLL_EVERY = 5_000;

    private List<byte[]> json;
    private List<Post> posts;
    private PostParser parser;
    private PostEnricher enricher;
    private AvroSerializer<Post> avro;
    private DataOutputSerializer buffer;
    private DataInputDeserializer input;
    private java.io.ByteArrayOutputStream keyBytes;
    private DataOutputViewStreamWrapper keyStream;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        PostGenerator gen = new PostGenerator(PostGenerator.Options.defaults(42,
                OffsetDateTime.parse("2026-03-02T00:00:00+03:00")));
        Clock clock = Clock.systemUTC();
        parser = new PostParser();
        enricher = new PostEnricher(new Pseudonymizer("bench-key-0123456789".getBytes(StandardCharsets.UTF_8)),
                new GeoAttributor(Gazetteer.shared()), PostEnricher.Options.defaults(), clock);
        json = new ArrayList<>();
        posts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] b = gen.next().json();
            json.add(b);
            if (parser.parse(b) instanceof ParseResult.Accepted<RawPost> ok) {
                posts.add(enricher.enrich(ok.value()));
            }
        }
        avro = new AvroSerializer<>(Post.class);
        buffer = new DataOutputSerializer(4096);
        input = new DataInputDeserializer();
        keyBytes = new java.io.ByteArrayOutputStream(1 << 21);
        keyStream = new DataOutputViewStreamWrapper(new java.io.BufferedOutputStream(keyBytes, 4096));
    }

    private int advance(int size) {
        int i = next;
        next = next + 1 >= size ? 0 : next + 1;
        ops++;
        return i;
    }

    @Benchmark
    public ParseResult<RawPost> jsonParse() {
        return parser.parse(json.get(advance(json.size())));
    }

    @Benchmark
    public Post jsonParseAndEnrich() {
        return parser.parse(json.get(advance(json.size()))) instanceof ParseResult.Accepted<RawPost> ok
                ? enricher.enrich(ok.value()) : null;
    }

    @Benchmark
    public int avroSerialize() throws IOException {
        buffer.clear();
        avro.serialize(posts.get(advance(posts.size())), buffer);
        return buffer.length();
    }

    /** One network hop of a post as the job had it before: Avro binary out and back in. */
    @Benchmark
    public Post avroRoundTrip() throws IOException {
        buffer.clear();
        avro.serialize(posts.get(advance(posts.size())), buffer);
        input.setBuffer(buffer.getSharedBuffer(), 0, buffer.length());
        return avro.deserialize(input);
    }

    /** The same hop with the job's {@link PostSerializer}. */
    @Benchmark
    public Post postSerializerRoundTrip() throws IOException {
        buffer.clear();
        PostSerializer.INSTANCE.serialize(posts.get(advance(posts.size())), buffer);
        input.setBuffer(buffer.getSharedBuffer(), 0, buffer.length());
        return PostSerializer.INSTANCE.deserialize(input);
    }

    /**
     * A post id as a checkpoint writes a state key: into a buffered stream behind a {@code DataOutputStream}, as the
     * heap backend's snapshot does; Flink's {@code StringSerializer} (one write per byte) vs {@link BulkStringSerializer}.
     */
    @Benchmark
    public int stringKeyFlink() throws IOException {
        return writeKey(StringSerializer.INSTANCE);
    }

    @Benchmark
    public int stringKeyBulk() throws IOException {
        return writeKey(BulkStringSerializer.INSTANCE);
    }

    private int writeKey(TypeSerializer<String> s) throws IOException {
        if (keyBytes.size() > 1 << 20) {
            keyBytes.reset();
        }
        s.serialize(posts.get(advance(posts.size())).getId(), keyStream);
        return keyBytes.size();
    }

    @Benchmark
    public byte[] kafkaJson() {
        return AvroJson.toJson(posts.get(advance(posts.size())));
    }

    /**
     * The posts dataset's writer over 100,000 distinct posts (ids and URLs never repeat, as in the stream), a file
     * rolled every 5,000 rows (the 1 M-post benchmark writes 198 files of posts: one per checkpoint, subtask and
     * day); {@code dictionary = schema} is the shipped writer (no dictionary for the columns the schema marks plain),
     * {@code everywhere} the reference with a dictionary on every column.
     */
    @State(Scope.Thread)
    public static class ParquetPosts {
        @Param({"schema", "everywhere"})
        public String dictionary;
        private List<Post> distinct;
        private BulkWriter<Post> writer;
        private int next;
        private int rows;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            distinct = new EnrichedStream(7).posts(100_000);
            for (Post p : distinct) {
                p.setIncidentId("inc:" + p.getId());
                p.setDedupMethod("new");
            }
            writer = newFile();
        }

        private BulkWriter<Post> newFile() throws IOException {
            return ParquetDatasets.writerFactory(Post.class, dictionary.equals("schema")).create(new Discarding());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            writer.finish();
        }
    }

    @Benchmark
    public int parquetWrite(ParquetPosts s) throws IOException {
        ops++;
        s.writer.addElement(s.distinct.get(s.next));
        s.next = s.next + 1 == s.distinct.size() ? 0 : s.next + 1;
        if (++s.rows == PARQUET_ROLL_EVERY) {
            s.writer.finish();
            s.writer = s.newFile();
            s.rows = 0;
        }
        return s.rows;
    }

    /** A file that forgets what it is given: the benchmark measures encoding and compression, not the disk. */
    static final class Discarding extends FSDataOutputStream {
        private long pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void write(int b) {
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pos += len;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }
}
