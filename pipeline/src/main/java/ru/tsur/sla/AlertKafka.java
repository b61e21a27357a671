package ru.tsur.sla;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import ru.tsur.schema.Alert;
import ru.tsur.sla.core.AlertJson;

/**
 * Alerts on a Kafka topic: the value is the alert JSON, the key its deterministic alert_id, so a compacted topic or
 * any consumer keeps one record per alert even when a recovery re-sends it.
 */
public final class AlertKafka {
    private AlertKafka() {}

    public static KafkaRecordSerializationSchema<Alert> serializer(String topic) {
        return (alert, ctx, timestamp) -> new ProducerRecord<>(topic, null,
                alert.getRaisedAt().toEpochMilli(),
                alert.getAlertId().getBytes(StandardCharsets.UTF_8), AlertJson.toBytes(alert));
    }
}
