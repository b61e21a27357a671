package ru.tsur.privacy;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The copy of a rejected record that goes into the warehouse's {@code dlq} dataset (152-ФЗ): a rejected record is
 * often a whole complaint with its author and phone number, and the warehouse is the analysts' place. The value of
 * every {@code "author"} field becomes the same keyed pseudonym the posts dataset carries, phone numbers and e-mails
 * are masked. Best effort by design: the record is broken, so this works on its text, not on parsed JSON; bytes
 * that are not UTF-8 become U+FFFD. The untouched original stays in the dead-letter topic, for the operators who
 * repair and replay it.
 */
public final class RawRedactor {
    // "author": "…" (with escapes) or a bare number
    private static final Pattern AUTHOR =
            Pattern.compile("(\"author\"\\s*:\\s*)(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))");

    private final Pseudonymizer pseudonymizer;

    public RawRedactor(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    public byte[] redact(byte[] raw) {
        String s = new String(raw, StandardCharsets.UTF_8);
        if (s.contains("\"author\"")) {
            s = AUTHOR.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + '"'
                    + pseudonymizer.pseudonym(m.group(2) != null ? m.group(2) : m.group(3)) + '"'));
        }
        return PiiMasker.mask(s).getBytes(StandardCharsets.UTF_8);
    }
}
