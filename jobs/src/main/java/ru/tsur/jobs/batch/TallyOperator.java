package ru.tsur.jobs.batch;

import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableFunction;
import ru.tsur.report.FactTally;
import ru.tsur.report.ReportRow;
import ru.tsur.report.ReportWindow;

/**
 * Feeds every element of a bounded input to a {@link FactTally} and emits its rows when the input ends. Used instead
 * of {@code fullWindowPartition().mapPartition(...)}, which hands each record to a second thread under a lock: on
 * tens of millions of rows that hand-over cost more than the counting. With {@code sortedInput}, the operator runs
 * on a keyed stream and checks that the input really arrives sorted by key (BATCH execution), which
 * {@link ru.tsur.report.IncidentTally} relies on.
 */
final class TallyOperator<T> extends AbstractStreamOperator<ReportRow>
        implements OneInputStreamOperator<T, ReportRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final ReportWindow window;
    private final SerializableFunction<ReportWindow, FactTally<T>> tallies;
    private final boolean sortedInput;
    private transient FactTally<T> tally;

    TallyOperator(ReportWindow window, SerializableFunction<ReportWindow, FactTally<T>> tallies, boolean sortedInput) {
        this.window = window;
        this.tallies = tallies;
        this.sortedInput = sortedInput;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (sortedInput && !StreamConfig.requiresSorting(
                getOperatorConfig().getInputs(getUserCodeClassloader())[0])) {
            throw new IllegalStateException(getOperatorName() + " needs its keyed input sorted (BATCH execution mode)");
        }
        tally = tallies.apply(window);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        tally.add(element.getValue());
    }

    @Override
    public void endInput() {
        StreamRecord<ReportRow> out = new StreamRecord<>(null);
        for (ReportRow row : tally.rows()) {
            output.collect(out.replace(row));
        }
    }
}
