package ru.tsur.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.junit.jupiter.api.Test;

/** Per part file, the latest version of each key reaches the writer, once, when the file is closed. */
class LatestVersionsTest {
    /** "key:version" records */
    private static final LatestVersions.Versioned<String> KEYED = new LatestVersions.Versioned<>() {
        @Override
        public String key(String r) {
            return r.substring(0, r.indexOf(':'));
        }

        @Override
        public long version(String r) {
            return Long.parseLong(r.substring(r.indexOf(':') + 1).split("/")[0]);
        }
    };

    private final List<String> written = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    private BulkWriter<String> writer() throws Exception {
        BulkWriter.Factory<String> recording = out -> new BulkWriter<>() {
            @Override
            public void addElement(String r) {
                written.add(r);
            }

            @Override
            public void flush() {
                calls.add("flush");
            }

            @Override
            public void finish() {
                calls.add("finish");
            }
        };
        return new LatestVersions<>(recording, KEYED).create(null);
    }

    @Test
    void onlyTheLatestVersionOfEachKeyIsWrittenWhenThePartFileCloses() throws Exception {
        BulkWriter<String> w = writer();
        for (String r : List.of("a:1", "b:1", "a:2", "c:4", "b:3", "c:2", "a:2/again")) {
            w.addElement(r);
        }
        assertTrue(written.isEmpty(), "nothing before the checkpoint closes the file");
        w.finish();
        assertEquals(List.of("a:2/again", "b:3", "c:4"), written,
                "first-seen order; a version that goes back (c:2 after c:4) loses; an equal one replaces");
        assertEquals(List.of("flush", "finish"), calls);
    }

    @Test
    void aFlushWritesWhatCameSinceTheLastOne() throws Exception {
        BulkWriter<String> w = writer();
        w.addElement("a:1");
        w.flush();
        w.addElement("a:2");
        w.addElement("a:3");
        w.finish();
        assertEquals(List.of("a:1", "a:3"), written);
    }
}
