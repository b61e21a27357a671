package ru.tsur.jobs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import ru.tsur.config.PulseConfig;
import ru.tsur.flink.DeadLetters;
import ru.tsur.flink.RedactDeadLetters;
import ru.tsur.flink.SourceRecordDeserializer;
import ru.tsur.ingest.SourceRecord;
import ru.tsur.schema.Alert;
import ru.tsur.schema.DeadLetter;
import ru.tsur.schema.Incident;
import ru.tsur.schema.Post;
import ru.tsur.sink.KafkaSinks;
import ru.tsur.sink.ParquetDatasets;

/** The deployed shape of the streaming job: Kafka topics in, Parquet datasets and Kafka topics out. */
public final class KafkaPipeline {

    private KafkaPipeline() {}

    /**
     * Kafka inputs. {@code stopAt} bounds the posts source at those offsets (the demo and tests know in advance how
     * much they replay); null reads forever.
     */
    public static StreamingJob.Inputs inputs(StreamExecutionEnvironment env, PulseConfig c,
            Map<TopicPartition, Long> stopAt, Map<TopicPartition, Long> eventsStopAt) {
        DataStream<SourceRecord> posts = env.fromSource(source(c, c.topics().posts(), stopAt),
                WatermarkStrategy.noWatermarks(), "kafka-posts").uid("kafka-posts");
        DataStream<SourceRecord> events = eventsStopAt == null && stopAt != null ? null
                : env.fromSource(source(c, c.topics().events(), eventsStopAt), WatermarkStrategy.noWatermarks(),
                        "kafka-events").uid("kafka-events");
        // rule-set versions (classifier hot reload): read from the start, the last accepted version wins
        DataStream<String> rules = stopAt != null ? null
                : env.fromSource(rulesSource(c), WatermarkStrategy.noWatermarks(), "kafka-rules").uid("kafka-rules")
                        .map(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .name("rules-text").uid("rules-text");
        return new StreamingJob.Inputs(posts, events, rules);
    }

    static KafkaSource<SourceRecord> rulesSource(PulseConfig c) {
        Properties props = new Properties();
        props.putAll(c.kafkaClient());
        props.putIfAbsent("partition.discovery.interval.ms", "60000");
        return KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(c.bootstrapServers())
                .setTopics(c.topics().rules())
                .setGroupId(c.groupId() + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SourceRecordDeserializer())
                .setProperties(props)
                .build();
    }

    static KafkaSource<SourceRecord> source(PulseConfig c, String topic, Map<TopicPartition, Long> stopAt) {
        Properties props = new Properties();
        props.putAll(c.kafkaClient());
        // read only committed records: upstream producers may be transactional
        props.putIfAbsent("isolation.level", "read_committed");
        props.putIfAbsent("partition.discovery.interval.ms", "60000");
        OffsetsInitializer start = switch (c.startingOffsets()) {
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> OffsetsInitializer.earliest();
        };
        var b = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(c.bootstrapServers())
                .setTopics(topic)
                .setGroupId(c.groupId())
                .setStartingOffsets(start)
                .setDeserializer(new SourceRecordDeserializer())
                .setProperties(props);
        if (stopAt != null) {
            b.setBounded(OffsetsInitializer.offsets(stopAt));
        }
        return b.build();
    }

    /** Parquet datasets under the warehouse plus the Kafka topics downstream consumers read. */
    public static StreamingJob.Outputs outputs(PulseConfig c) {
        KafkaSinks.Target kafka = new KafkaSinks.Target(c.bootstrapServers(), c.kafkaClient(), c.exactlyOnce(),
                "pulse-" + c.groupId());
        String wh = c.warehouse();
        return new StreamingJob.Outputs() {
            @Override
            public void posts(DataStream<Post> posts) {
                posts.sinkTo(ParquetDatasets.sink(wh, "posts", Post.class, Post::getDt))
                        .name("parquet-posts").uid("parquet-posts");
                posts.sinkTo(KafkaSinks.json(kafka, c.topics().classified(), Post::getId))
                        .name("kafka-posts-classified").uid("kafka-posts-classified");
            }

            @Override
            public void deadLetters(DataStream<DeadLetter> dl) {
                // the warehouse is the analysts' place: authors pseudonymized, phones and e-mails masked, unless
                // the operator keeps original texts; the topic keeps the untouched record for repair and replay
                DataStream<DeadLetter> forWarehouse = c.keepOriginalText() ? dl
                        : dl.map(new RedactDeadLetters(c.pseudonymKey().getBytes(StandardCharsets.UTF_8)),
                                new AvroTypeInfo<>(DeadLetter.class)).name("dlq-redact").uid("dlq-redact");
                forWarehouse.sinkTo(ParquetDatasets.sink(wh, "dlq", DeadLetter.class, DeadLetters::dt))
                        .name("parquet-dlq").uid("parquet-dlq");
                dl.sinkTo(KafkaSinks.deadLetters(kafka, c.topics().dlq())).name("kafka-dlq").uid("kafka-dlq");
            }

            @Override
            public void incidents(DataStream<Incident> incidents) {
                incidents.sinkTo(ParquetDatasets.incidents(wh))
                        .name("parquet-incidents").uid("parquet-incidents");
            }

            @Override
            public void alerts(DataStream<Alert> alerts) {
                alerts.sinkTo(ParquetDatasets.sink(wh, "alerts", Alert.class, Alert::getDt))
                        .name("parquet-alerts").uid("parquet-alerts");
                alerts.sinkTo(KafkaSinks.json(kafka, c.topics().alerts(), Alert::getAlertId))
                        .name("kafka-alerts").uid("kafka-alerts");
            }
        };
    }
}
