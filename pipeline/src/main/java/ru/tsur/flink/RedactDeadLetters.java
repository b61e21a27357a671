package ru.tsur.flink;

import java.nio.ByteBuffer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import ru.tsur.privacy.Pseudonymizer;
import ru.tsur.privacy.RawRedactor;
import ru.tsur.schema.DeadLetter;

/** Dead letters for the warehouse: the original bytes through {@link RawRedactor}, everything else unchanged. */
public final class RedactDeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
    private final byte[] pseudonymKey;
    private transient RawRedactor redactor;

    public RedactDeadLetters(byte[] pseudonymKey) {
        this.pseudonymKey = pseudonymKey.clone();
    }

    @Override
    public void open(OpenContext ctx) {
        redactor = new RawRedactor(new Pseudonymizer(pseudonymKey)); // a Mac per task: it is not thread-safe
    }

    @Override
    public DeadLetter map(DeadLetter d) {
        ByteBuffer b = d.getRaw().duplicate();
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        return DeadLetter.newBuilder(d).setRaw(ByteBuffer.wrap(redactor.redact(raw))).build();
    }
}
