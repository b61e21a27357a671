package ru.tsur.jobs.cli;

import java.security.SecureRandom;
import java.util.HexFormat;
import ru.tsur.config.PulseConfig;

/** The pseudonymization key of local commands: from the environment, else a random one for this run only. */
final class Keys {
    private Keys() {}

    static String pseudonymKey() {
        String k = System.getenv(PulseConfig.KEY_ENV_DEFAULT);
        if (k != null && k.length() >= 16) {
            return k;
        }
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        System.err.println("note: " + PulseConfig.KEY_ENV_DEFAULT + " is not set; authors are pseudonymized with a"
                + " random key for this run only (pseudonyms will not match other runs)");
        return HexFormat.of().formatHex(b);
    }
}
