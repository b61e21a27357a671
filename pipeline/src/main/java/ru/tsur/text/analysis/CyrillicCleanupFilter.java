package ru.tsur.text.analysis;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Repairs what people and spammers do to Russian words, after lower-casing: Latin look-alikes inside a word that also
 * has Cyrillic letters («мусoр» with a Latin o) become Cyrillic, and runs of three or more equal letters collapse to one
 * («ямыыыы», «ужааас») in words longer than four letters («ооо», «ссср» stay). Russian has double letters («ванна»)
 * but no triple ones, so the collapse is safe.
 */
final class CyrillicCleanupFilter extends TokenFilter {

    private static final String LATIN = "aceopxykmhtb";
    private static final String CYRILLIC = "асеорхукмнтв";

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    CyrillicCleanupFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] buf = term.buffer();
        int len = term.length();
        boolean cyrillic = false;
        for (int i = 0; i < len; i++) {
            if (buf[i] >= '\u0400' && buf[i] <= '\u04FF') {
                cyrillic = true;
                break;
            }
        }
        if (cyrillic) {
            for (int i = 0; i < len; i++) {
                int idx = LATIN.indexOf(buf[i]);
                if (idx >= 0) {
                    buf[i] = CYRILLIC.charAt(idx);
                }
            }
        }
        if (len <= 4) {
            term.setLength(len); // «ооо», «ссср»: short acronyms keep their letters
            return true;
        }
        int out = 0;
        for (int i = 0; i < len; ) {
            int run = 1;
            while (i + run < len && buf[i + run] == buf[i]) {
                run++;
            }
            int keep = run >= 3 ? 1 : run;
            for (int k = 0; k < keep; k++) {
                buf[out++] = buf[i];
            }
            i += run;
        }
        term.setLength(out);
        return true;
    }
}
