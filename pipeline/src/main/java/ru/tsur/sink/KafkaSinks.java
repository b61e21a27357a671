package ru.tsur.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import ru.tsur.schema.DeadLetter;

/** Kafka sinks of the job: JSON records keyed by id, and the dead-letter topic that keeps the original bytes. */
public final class KafkaSinks {

    /** Where and how to write. */
    public record Target(String bootstrapServers, Map<String, String> clientProperties, boolean exactlyOnce,
            String transactionalIdPrefix) implements java.io.Serializable {}

    /** Extracts the record key; serializable so the sink can ship it. */
    @FunctionalInterface
    public interface KeyOf<T> extends java.io.Serializable {
        String key(T record);
    }

    private KafkaSinks() {}

    public static <T extends SpecificRecordBase> KafkaSink<T> json(Target target, String topic, KeyOf<T> keyOf) {
        KafkaRecordSerializationSchema<T> schema = (element, context, timestamp) -> {
            String key = keyOf.key(element);
            return new ProducerRecord<>(topic, null, timestamp,
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8), AvroJson.toJson(element));
        };
        return build(target, topic, schema);
    }

    /** Dead letters: value = the original bytes; reason, detail and origin travel in headers. */
    public static KafkaSink<DeadLetter> deadLetters(Target target, String topic) {
        KafkaRecordSerializationSchema<DeadLetter> schema = (d, context, timestamp) -> {
            RecordHeaders h = new RecordHeaders();
            h.add(new RecordHeader("pulse.reason", utf8(d.getReason())));
            h.add(new RecordHeader("pulse.detail", utf8(d.getDetail())));
            h.add(new RecordHeader("pulse.source", utf8(d.getSource())));
            if (d.getPartition() != null) h.add(new RecordHeader("pulse.partition", utf8(d.getPartition().toString())));
            if (d.getOffset() != null) h.add(new RecordHeader("pulse.offset", utf8(d.getOffset().toString())));
            ByteBuffer raw = d.getRaw().duplicate();
            byte[] value = new byte[raw.remaining()];
            raw.get(value);
            return new ProducerRecord<>(topic, null, timestamp, null, value, h);
        };
        return build(target, topic, schema);
    }

    private static <T> KafkaSink<T> build(Target target, String topic, KafkaRecordSerializationSchema<T> schema) {
        Properties props = new Properties();
        props.putAll(target.clientProperties());
        // Flink's default transaction timeout (1 h) is above the broker's default maximum (15 min)
        props.putIfAbsent("transaction.timeout.ms", "600000");
        // larger, fuller batches: the client's defaults (16 KB, 5 ms) send a produce request every ~16 posts, and
        // the requests, not the bytes, are what the producer thread and the broker spend CPU on. With exactly-once
        // a consumer sees the records at the checkpoint anyway; at-least-once alerts wait at most linger.ms more.
        props.putIfAbsent("batch.size", "262144");
        props.putIfAbsent("linger.ms", "20");
        var builder = KafkaSink.<T>builder()
                .setBootstrapServers(target.bootstrapServers())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(schema);
        if (target.exactlyOnce()) {
            builder.setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                    .setTransactionalIdPrefix(target.transactionalIdPrefix() + "-" + topic);
        } else {
            builder.setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        }
        return builder.build();
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
