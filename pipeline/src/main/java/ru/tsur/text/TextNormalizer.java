package ru.tsur.text;

import java.util.Map;

/**
 * Turns scraped post text into plain text: HTML tags removed (block tags become spaces), entities unescaped (also
 * double-escaped ones such as {@code &amp;quot;}), control and zero-width characters dropped, every run of white space
 * collapsed to one space. A single pass of hand-written scanning: this runs on every post.
 */
public final class TextNormalizer {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("laquo", "«"), Map.entry("raquo", "»"),
            Map.entry("mdash", "—"), Map.entry("ndash", "–"), Map.entry("hellip", "…"), Map.entry("bdquo", "„"),
            Map.entry("ldquo", "“"), Map.entry("rdquo", "”"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"),
            Map.entry("copy", "©"), Map.entry("reg", "®"), Map.entry("deg", "°"), Map.entry("numero", "№"),
            Map.entry("times", "×"), Map.entry("middot", "·"), Map.entry("bull", "•"), Map.entry("shy", ""),
            Map.entry("zwj", ""), Map.entry("zwnj", ""), Map.entry("thinsp", " "), Map.entry("ensp", " "),
            Map.entry("emsp", " "));

    private TextNormalizer() {}

    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String s = raw;
        // two rounds of unescaping catch "&amp;quot;" from double-encoding scrapers; tags are stripped after the
        // first round too, because "&lt;br&gt;" is how some exports carry markup
        for (int round = 0; round < 2 && (s.indexOf('&') >= 0 || s.indexOf('<') >= 0); round++) {
            s = unescape(stripTags(s));
        }
        return collapseWhitespace(s);
    }

    /** Removes anything that looks like an HTML tag or comment; a lone '<' (as in "цена < 100") stays. */
    static String stripTags(String s) {
        if (s.indexOf('<') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '<' && i + 1 < n && isTagStart(s.charAt(i + 1))) {
                int end = s.startsWith("<!--", i) ? s.indexOf("-->", i + 4) : s.indexOf('>', i + 1);
                if (end > 0) {
                    out.append(' ');
                    i = s.startsWith("<!--", i) ? end + 2 : end;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '!';
    }

    static String unescape(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, amp);
        int n = s.length();
        for (int i = amp; i < n; i++) {
            char c = s.charAt(i);
            if (c == '&') {
                int semi = s.indexOf(';', i + 1);
                if (semi > i + 1 && semi - i <= 10) {
                    String decoded = decodeEntity(s.substring(i + 1, semi));
                    if (decoded != null) {
                        out.append(decoded);
                        i = semi;
                        continue;
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String decodeEntity(String name) {
        if (name.charAt(0) == '#') {
            try {
                int cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return NAMED.get(name);
    }

    static String collapseWhitespace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else if (isInvisible(c)) {
                // dropped: zero-width joiners, BOM, soft hyphen, control characters
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\u00A0' || c == '\u2007' || c == '\u202F'
                || c == '\u2028' || c == '\u2029' || c == '\u000B' || c == '\u000C'
                || (c >= '\u2000' && c <= '\u200A') || c == '\u3000';
    }

    private static boolean isInvisible(char c) {
        return c < 0x20 || c == 0x7F || c == '\u00AD' || (c >= '\u200B' && c <= '\u200F') || c == '\uFEFF'
                || c == '\u2060';
    }
}
