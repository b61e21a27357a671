package ru.tsur.report;

import java.util.regex.Pattern;
import ru.tsur.privacy.PiiMasker;

/**
 * Makes an excerpt safe to print in a report read outside the ЦУР: the stream already pseudonymizes authors and
 * masks contacts when masking is on, but the report must not depend on that setting, so it masks phones and e-mails
 * again ({@link PiiMasker}), hides @names and VK mentions, and shortens.
 */
public final class Excerpts {
    public static final int MAX_CHARS = 160;
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]{2,}|\\[(?:id|club)\\d+\\|[^\\]]*]");

    private Excerpts() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        String s = PiiMasker.mask(text);
        s = MENTION.matcher(s).replaceAll("[имя]");
        s = s.replaceAll("\\s+", " ").strip();
        if (s.codePointCount(0, s.length()) > MAX_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_CHARS - 1)).stripTrailing() + "…";
        }
        return s;
    }
}
