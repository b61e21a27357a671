package ru.tsur.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ru.tsur.generator.BrokenRecords;

class PostParserTest {

    private final PostParser parser = new PostParser(IngestLimits.defaults(),
            Clock.fixed(Instant.parse("2026-03-05T12:00:00Z"), ZoneOffset.UTC));

    private ParseResult<RawPost> parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RawPost accepted(ParseResult<RawPost> r) {
        return ((ParseResult.Accepted<RawPost>) assertInstanceOf(ParseResult.Accepted.class, r)).value();
    }

    private static RejectReason reasonOf(ParseResult<RawPost> r) {
        return assertInstanceOf(ParseResult.Rejected.class, r).reason();
    }

    @Test
    void acceptsAFullPostAndIgnoresUnknownFields() {
        RawPost p = accepted(parse("""
                {"id": "vk:wall-123_456", "source": "vk", "published_at": "2026-03-02T09:15:00+03:00",
                 "text": "Ямы на Ленина &quot;опять&quot;", "url": "https://vk.com/wall-123_456", "author": "vk:id789",
                 "region": 46, "reply_to": "vk:wall-123_450", "repost_of": "vk:wall-9_1", "official": false,
                 "likes": {"count": 5, "nested": [1, [2, {"x": null}]]}, "views": 100}
                """));
        assertEquals("vk:wall-123_456", p.id());
        assertEquals(Instant.parse("2026-03-02T06:15:00Z"), p.publishedAt().toInstant());
        assertEquals("+03:00", p.publishedAt().getOffset().getId());
        assertEquals("46", p.regionHint(), "a numeric region hint is read as its code");
        assertEquals("vk:wall-9_1", p.repostOf());
        assertFalse(p.official());
        assertEquals("Ямы на Ленина &quot;опять&quot;", p.text(), "the parser keeps the original text");
    }

    @Test
    void optionalFieldsMayBeAbsentNullOrBlank() {
        RawPost p = accepted(parse("""
                {"id":"tg:1","source":"telegram","published_at":"2026-03-02T09:15:00Z","text":"нет света",
                 "url":null,"author":"  ","official":null}"""));
        assertNull(p.url());
        assertNull(p.author());
        assertNull(p.regionHint());
        assertFalse(p.official());
    }

    @Test
    void rejectsEachContractViolationWithItsReason() {
        assertEquals(RejectReason.MISSING_FIELD, reasonOf(parse(
                "{\"id\":\"a\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00Z\"}")));
        assertEquals(RejectReason.EMPTY_FIELD, reasonOf(parse(
                "{\"id\":\"\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00Z\",\"text\":\"x\"}")));
        assertEquals(RejectReason.WRONG_TYPE, reasonOf(parse(
                "{\"id\":\"a\",\"source\":\"vk\",\"published_at\":1709360100,\"text\":\"x\"}")));
        assertEquals(RejectReason.INVALID_SOURCE, reasonOf(parse(
                "{\"id\":\"a\",\"source\":\"VK\",\"published_at\":\"2026-03-02T09:15:00Z\",\"text\":\"x\"}")));
        assertEquals(RejectReason.BAD_TIMESTAMP, reasonOf(parse(
                "{\"id\":\"a\",\"source\":\"vk\",\"published_at\":\"02.03.2026 09:15\",\"text\":\"x\"}")));
        assertEquals(RejectReason.FUTURE_TIMESTAMP, reasonOf(parse(
                "{\"id\":\"a\",\"source\":\"vk\",\"published_at\":\"2026-03-07T12:00:00Z\",\"text\":\"x\"}")));
        assertEquals(RejectReason.MALFORMED_JSON, reasonOf(parse(
                "{\"id\":\"a\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00Z\",\"text\":\"x\"} trailing")));
        assertEquals(RejectReason.FIELD_TOO_LONG, reasonOf(parse(
                "{\"id\":\"" + "a".repeat(3000) + "\",\"source\":\"vk\",\"published_at\":\"2026-03-02T09:15:00Z\",\"text\":\"x\"}")));
    }

    @Test
    void aSmallClockSkewIntoTheFutureIsAccepted() {
        assertInstanceOf(ParseResult.Accepted.class, parse(
                "{\"id\":\"a\",\"source\":\"vk\",\"published_at\":\"2026-03-05T18:00:00+03:00\",\"text\":\"x\"}"));
    }

    static java.util.List<BrokenRecords.Broken> broken() {
        return BrokenRecords.all();
    }

    @ParameterizedTest
    @MethodSource("broken")
    void everyKnownKindOfGarbageIsRejectedWithTheExpectedReasonAndADetail(BrokenRecords.Broken b) {
        ParseResult<RawPost> r = new PostParser().parse(b.bytes());
        ParseResult.Rejected<RawPost> rej = assertInstanceOf(ParseResult.Rejected.class, r);
        assertEquals(b.expectedReason(), rej.reason().slug());
        assertTrue(rej.detail() != null && !rej.detail().isBlank());
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[rnd.nextInt(200)];
            rnd.nextBytes(b);
            if (i % 2 == 0 && b.length > 0) b[0] = '{';
            assertInstanceOf(ParseResult.Rejected.class, parser.parse(b));
        }
    }
}
