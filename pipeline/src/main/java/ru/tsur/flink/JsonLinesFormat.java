package ru.tsur.flink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import ru.tsur.ingest.SourceRecord;

/**
 * Reads a JSON-lines file as raw byte lines (not decoded: invalid UTF-8 must reach the dead-letter output as it was),
 * numbering them from 1 so a dead letter points at its line. Files are not split.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<SourceRecord> {

    private final String origin;

    public JsonLinesFormat(String origin) {
        this.origin = origin;
    }

    @Override
    public StreamFormat.Reader<SourceRecord> createReader(Configuration config, FSDataInputStream stream) {
        return new LineReader(origin, stream);
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }

    private static final class LineReader implements StreamFormat.Reader<SourceRecord> {
        private final String origin;
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private long lineNo;

        LineReader(String origin, InputStream in) {
            this.origin = origin;
            this.in = new java.io.BufferedInputStream(in, 1 << 16);
        }

        @Override
        public SourceRecord read() throws IOException {
            while (true) {
                line.reset();
                int b;
                boolean any = false;
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                    any = true;
                }
                if (b == -1 && !any) {
                    return null;
                }
                lineNo++;
                byte[] bytes = line.toByteArray();
                int len = bytes.length;
                if (len > 0 && bytes[len - 1] == '\r') {
                    bytes = java.util.Arrays.copyOf(bytes, len - 1);
                }
                if (isBlank(bytes)) {
                    continue; // blank lines separate nothing in JSON lines; not a record
                }
                return new SourceRecord(origin, -1, lineNo, bytes);
            }
        }

        private static boolean isBlank(byte[] b) {
            for (byte x : b) {
                if (x != ' ' && x != '\t') return false;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
