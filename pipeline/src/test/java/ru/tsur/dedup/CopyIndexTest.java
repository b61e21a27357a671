package ru.tsur.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CopyIndexTest {
    private static final long H = 3_600_000L;
    private static final String HOT_WATER = "Третий день нет горячей воды в доме на Ленина 15. В управляющей компании "
            + "трубку не берут, на аварийке говорят ждите. Маленький ребёнок, греем воду в кастрюлях. Сколько можно?";

    @Test
    void copiesJoinTheFirstPostAndOtherComplaintsOnTheSameStreetDoNot() {
        CopyIndex index = new CopyIndex(DedupOptions.DEFAULT, false);
        assertNull(index.add("vk:1", 0, HOT_WATER).match());
        CopyIndex.Decision exact = index.add("tg:2", H, "Репост: " + HOT_WATER + " #ЖКХ 😡");
        assertEquals("vk:1", exact.rootId());
        assertEquals("exact", exact.method());
        CopyIndex.Decision near = index.add("ok:3", 2 * H, "Присоединяюсь! " + HOT_WATER.replace("кастрюлях", "кастрюлх")
                .substring(0, 120) + "…");
        assertEquals("vk:1", near.rootId());
        assertEquals("near", near.method());
        CopyIndex.Decision pothole = index.add("vk:4", 3 * H, "На Ленина 15 возле второго подъезда огромная яма на "
                + "въезде во двор, уже две машины пробили колеса. Просим заасфальтировать нормально.");
        assertEquals("new", pothole.method());
        CopyIndex.Decision neighbour = index.add("vk:5", 4 * H, HOT_WATER.replace("Ленина 15", "Ленина 17"));
        assertEquals("new", neighbour.method(), "the same words about another house are another complaint");
    }

    @Test
    void copiesBeyondTheHorizonOpenANewIncidentAndExpiryEmptiesTheIndex() {
        DedupOptions opts = DedupOptions.DEFAULT.withHorizon(Duration.ofDays(7));
        CopyIndex index = new CopyIndex(opts, false);
        index.add("vk:1", 0, HOT_WATER);
        assertEquals(opts.bands(), index.entries());
        assertEquals("new", index.add("vk:2", Duration.ofDays(8).toMillis(), HOT_WATER).method());
        index.expire(Duration.ofDays(30).toMillis());
        assertEquals(0, index.entries());
        assertEquals(0, index.buckets());
    }

    @Test
    void aViralTextKeepsBucketsBoundedAndStillJoinsItsFirstPost() {
        DedupOptions opts = DedupOptions.DEFAULT.withMaxBucket(8);
        CopyIndex index = new CopyIndex(opts, false);
        index.add("vk:0", 0, HOT_WATER);
        for (int i = 1; i <= 100; i++) {
            CopyIndex.Decision d = index.add("tg:" + i, i * 60_000L, "Репост: " + HOT_WATER);
            assertEquals("vk:0", d.rootId(), "copy " + i);
        }
        assertEquals(8L * opts.bands(), index.entries(), "each of the post's buckets keeps the 8 newest entries");
    }
}
