package ru.tsur.dedup;

import java.util.regex.Pattern;
import ru.tsur.text.TextNormalizer;

/**
 * Canonical form of a post's text for copy detection: what survives when someone reposts, forwards or re-types a
 * complaint. Removes what copies add or lose (repost markers, hashtags, mentions, links, emoji, HTML remnants,
 * punctuation, letter case, ё) and keeps letters and digits, because house numbers and route numbers tell different
 * complaints apart ("Ленина 5" is not "Ленина 15").
 */
public final class CopyText {
    private static final Pattern URL = Pattern.compile(
            "(?i)(?:https?://|www\\.)\\S+|\\b(?:vk\\.com|vk\\.cc|t\\.me|ok\\.ru|clck\\.ru|goo\\.gl)/\\S*");
    /** VK inline mentions keep their display text: [club123|Администрация города] → Администрация города. */
    private static final Pattern VK_MENTION = Pattern.compile("\\[(?:id|club|public)\\d+\\|([^\\]]{0,80})]");
    private static final Pattern HASHTAG = Pattern.compile("#[\\p{L}\\p{N}_]+(?:@[\\p{L}\\p{N}_]+)?");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.]+");
    /** Markers reposters and forwarders put in front (possibly several, possibly with the source's name). */
    private static final Pattern REPOST_MARK = Pattern.compile(
            "^(?:\\s*(?:(?:репост|перепост|repost)(?: (?:из|от|с) [^:\\n]{1,60})?|rt|fwd?|пересылаю|переслано(?: от [^:\\n]{1,60})?"
                    + "|forwarded(?: from [^:\\n]{1,60})?)\\s*[:\\-—–]+)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    // REPOST_MARK is anchored at the start (after optional spaces), so it costs almost nothing on other posts
    /** What platforms print where they cut a long post, and link captions. */
    private static final Pattern UI_TAIL = Pattern.compile(
            "(?iu)(?:…|\\.\\.\\.)?\\s*(?:читать (?:полностью|далее)|показать (?:полностью|ещё|еще)|развернуть|подробнее)\\s*[:.…]*");

    private CopyText() {}

    /** Canonical text: lower case, ё→е, words separated by single spaces, no leading or trailing space. */
    public static String canonical(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        // each pattern runs only when its marker character is present: most posts have none of them
        // posts arrive normalized already; copies in other sources (and the labelled set) may still carry HTML
        String s = text.indexOf('<') >= 0 || text.indexOf('&') >= 0 ? TextNormalizer.normalize(text) : text;
        if (s.indexOf('/') >= 0 || s.contains("www.")) {
            s = URL.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('[') >= 0) {
            s = VK_MENTION.matcher(s).replaceAll("$1");
        }
        if (s.indexOf('#') >= 0) {
            s = HASHTAG.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('@') >= 0) {
            s = MENTION.matcher(s).replaceAll(" ");
        }
        s = REPOST_MARK.matcher(s).replaceFirst(" ");
        if (hasUiTail(s)) {
            s = UI_TAIL.matcher(s).replaceAll(" ");
        }
        return words(s);
    }

    private static boolean hasUiTail(String s) {
        return s.contains("олностью") || s.contains("алее") || s.contains("щё") || s.contains("еще")
                || s.contains("азвернуть") || s.contains("одробнее");
    }

    /** Letters and digits in lower case with ё→е; every other run of characters becomes one space. */
    private static String words(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean gap = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (gap && out.length() > 0) {
                    out.append(' ');
                }
                gap = false;
                cp = Character.toLowerCase(cp);
                out.appendCodePoint(cp == 'ё' ? 'е' : cp);
            } else {
                gap = true;
            }
        }
        return out.toString();
    }
}
