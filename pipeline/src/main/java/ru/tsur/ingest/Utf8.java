package ru.tsur.ingest;

/**
 * Strict UTF-8 validation (RFC 3629) without decoding or allocating: rejects overlong forms ({@code C0 AF} for '/'),
 * encoded surrogates ({@code ED A0 80}), code points above U+10FFFF and truncated sequences — all of which a JSON parser
 * may let through.
 */
final class Utf8 {
    private Utf8() {}

    static boolean isValid(byte[] b) {
        int i = 0, n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min2; // allowed range of the second byte, which is where overlongs and surrogates show
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min2 = 0x80;
            } else if (c == 0xE0) {
                need = 2;
                min2 = 0xA0;
            } else if (c == 0xED) {
                need = 2;
                min2 = 0x80;
                max2 = 0x9F;
            } else if (c >= 0xE1 && c <= 0xEF) {
                need = 2;
                min2 = 0x80;
            } else if (c == 0xF0) {
                need = 3;
                min2 = 0x90;
            } else if (c >= 0xF1 && c <= 0xF3) {
                need = 3;
                min2 = 0x80;
            } else if (c == 0xF4) {
                need = 3;
                min2 = 0x80;
                max2 = 0x8F;
            } else {
                return false; // 80–C1 (continuation or overlong lead) and F5–FF never start a character
            }
            if (i + need >= n) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }
}
