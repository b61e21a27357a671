package ru.tsur.report;

import java.util.regex.Pattern;

/**
 * Makes an excerpt safe to print in a report read outside the ЦУР: the stream already pseudonymizes authors and
 * masks contacts when masking is on, but the report must not depend on that setting, so it masks again and shortens.
 */
public final class Excerpts {
    public static final int MAX_CHARS = 160;
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.\\p{L}{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<!\\d)(?:\\+?\\d[\\s()\\-]*){7,}\\d");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]{2,}|\\[(?:id|club)\\d+\\|[^\\]]*]");

    private Excerpts() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        String s = EMAIL.matcher(text).replaceAll("[e-mail]");
        s = PHONE.matcher(s).replaceAll("[телефон]");
        s = MENTION.matcher(s).replaceAll("[имя]");
        s = s.replaceAll("\\s+", " ").strip();
        if (s.codePointCount(0, s.length()) > MAX_CHARS) {
            s = s.substring(0, s.offsetByCodePoints(0, MAX_CHARS - 1)).stripTrailing() + "…";
        }
        return s;
    }
}
