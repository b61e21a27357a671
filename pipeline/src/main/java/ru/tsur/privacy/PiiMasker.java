package ru.tsur.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in post text for the analysts' datasets (152-ФЗ): Russian phone numbers and e-mail addresses.
 * Cheap pre-checks keep the regular expressions off most posts.
 */
public final class PiiMasker {

    public static final String PHONE_MASK = "[телефон]";
    public static final String EMAIL_MASK = "[email]";

    // +7 / 8 / 7 followed by 10 digits in any of the usual groupings: +7 (999) 123-45-67, 8-999-1234567, 89991234567,
    // 8 (4712) 51-23-45; also bare 10-digit mobiles starting with 9.
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d\\w])(?:(?:\\+7|8|7)[\\s\\-‑–.]*\\(?\\d{3,5}\\)?|\\(?9\\d{2}\\)?)(?:[\\s\\-‑–.]*\\d){6,7}(?!\\d)");
    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,}");

    private PiiMasker() {}

    public static String mask(String text) {
        String s = text;
        if (s.indexOf('@') >= 0) {
            s = EMAIL.matcher(s).replaceAll(Matcher.quoteReplacement(EMAIL_MASK));
        }
        if (countDigits(s) >= 10) {
            s = PHONE.matcher(s).replaceAll(Matcher.quoteReplacement(PHONE_MASK));
        }
        return s;
    }

    private static int countDigits(String s) {
        int d = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') d++;
        }
        return d;
    }
}
