package ru.tsur.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import ru.tsur.report.IncidentFact;

/** The incident versions the report shuffles come back field for field, absent values included. */
class IncidentFactTypeTest {
    final TypeSerializer<IncidentFact> serializer = new IncidentFactType().createSerializer(new SerializerConfigImpl());

    IncidentFact roundTrip(IncidentFact f) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(f, out);
        serializer.serialize(f, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        assertEquals(f, serializer.deserialize(in));
        return serializer.deserialize(in);
    }

    @Test
    void everyFieldSurvives() throws Exception {
        IncidentFact full = new IncidentFact("inc-7", 3, 1_772_000_000_000L, "2026-03-03", "66", "Свердловская",
                "+05:00", "roads", "pothole,snow", "critical", true, "answered", "Администрация г. Екатеринбург «Центр»",
                12, 1_771_000_000_000L, 1_771_000_360_000L, 1_772_000_000_000L, "Яма 🚗 на ул. Ленина ".repeat(40));
        assertEquals(full, roundTrip(full));
    }

    @Test
    void absentValuesStayAbsent() throws Exception {
        IncidentFact sparse = new IncidentFact("i", 1, 0, null, null, null, null, null, "", "normal", false, "open",
                null, 0, 0, null, null, null);
        assertEquals(sparse, roundTrip(sparse));
        IncidentFact answeredOnly = new IncidentFact("i", 2, 5, "2026-03-03", "54", "", "bad zone", "other", "",
                "normal", true, "answered", "", 1, 4, null, 5L, "");
        assertEquals(answeredOnly, roundTrip(answeredOnly));
    }
}
