package ru.tsur.sla.time;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Cuts the SLA stage off from upstream event time: records pass, upstream watermarks do not, and the end of a bounded
 * input still ends event time. Flink's timestamp assigner forwards an upstream {@code Long.MAX_VALUE} watermark as
 * "end of input"; upstream of the SLA stage one can appear in an unbounded job (an operator whose other input is a
 * control stream that never holds time back, once the posts input goes idle), and it would fire every deadline of
 * every incident at once and leave no later deadline able to fire. The stage's own {@link QuietAwareWatermarks}
 * decide its time.
 */
public final class OwnEventTime<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // upstream time is not the SLA stage's time
    }

    @Override
    public void endInput() {
        output.emitWatermark(Watermark.MAX_WATERMARK); // a bounded input ended: every remaining deadline is due
    }
}
