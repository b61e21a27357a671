package ru.tsur.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes Avro records as JSON for the Kafka topics and JSON-lines files: schema field names, timestamps as ISO-8601
 * UTC strings, bytes as base64, nulls kept. Optionally only a chosen list of fields, in that order.
 */
public final class AvroJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AvroJson() {}

    public static byte[] toJson(IndexedRecord record) {
        return toJson(record, null);
    }

    public static byte[] toJson(IndexedRecord record, List<String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            Schema schema = record.getSchema();
            if (fields == null) {
                for (Schema.Field f : schema.getFields()) {
                    g.writeFieldName(f.name());
                    write(g, record.get(f.pos()));
                }
            } else {
                for (String name : fields) {
                    Schema.Field f = schema.getField(name);
                    if (f == null) throw new IllegalArgumentException("no field " + name + " in " + schema.getName());
                    g.writeFieldName(name);
                    write(g, record.get(f.pos()));
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case CharSequence s -> g.writeString(s.toString());
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Instant t -> g.writeString(t.toString());
            case ByteBuffer b -> {
                ByteBuffer dup = b.duplicate();
                byte[] bytes = new byte[dup.remaining()];
                dup.get(bytes);
                g.writeString(Base64.getEncoder().encodeToString(bytes));
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object o : c) write(g, o);
                g.writeEndArray();
            }
            case IndexedRecord r -> g.writeRawValue(new String(toJson(r), java.nio.charset.StandardCharsets.UTF_8));
            default -> g.writeString(v.toString());
        }
    }
}
