package ru.tsur.jobs.batch;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import ru.tsur.report.IncidentFact;
import ru.tsur.report.RecentVersions;

/** {@link RecentVersions} in front of the incidents' shuffle: fewer versions to send and sort. */
final class CombineVersions extends AbstractStreamOperator<IncidentFact>
        implements OneInputStreamOperator<IncidentFact, IncidentFact>, BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final int capacity;
    private transient RecentVersions recent;
    private transient StreamRecord<IncidentFact> reuse;

    CombineVersions(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void open() throws Exception {
        super.open();
        recent = new RecentVersions(capacity);
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<IncidentFact> element) {
        recent.add(element.getValue(), this::emit);
    }

    private void emit(IncidentFact f) {
        output.collect(reuse.replace(f));
    }

    @Override
    public void endInput() {
        recent.flush(this::emit);
    }
}
