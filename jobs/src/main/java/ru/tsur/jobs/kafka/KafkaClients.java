package ru.tsur.jobs.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain byte-array Kafka clients for replays, benchmarks and tests. */
public final class KafkaClients {
    private KafkaClients() {}

    public static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, String> extra) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("max.request.size", "2097152");
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    /** A consumer that sees only committed records (the job's sinks are transactional), from the earliest offset. */
    public static KafkaConsumer<byte[], byte[]> committedConsumer(String bootstrap, String groupId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", groupId);
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }
}
