package ru.tsur.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.tsur.ingest.SourceRecord;

/** Keeps each Kafka record's bytes untouched, with topic/partition/offset for the dead-letter trail. */
public final class SourceRecordDeserializer implements KafkaRecordDeserializationSchema<SourceRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        out.collect(new SourceRecord(record.topic(), record.partition(), record.offset(), value));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
