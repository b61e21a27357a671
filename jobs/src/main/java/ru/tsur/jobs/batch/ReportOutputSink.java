package ru.tsur.jobs.batch;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import ru.tsur.report.ReportAssembler;
import ru.tsur.report.ReportFiles;
import ru.tsur.report.ReportRow;
import ru.tsur.report.ReportWindow;

/**
 * Collects the reduced report rows (a few thousand) in one task and, at the end of input, writes the night's files.
 * Must run with parallelism 1: the report needs every row.
 */
public final class ReportOutputSink implements Sink<ReportRow> {
    private static final long serialVersionUID = 1L;

    private final ReportWindow window;
    private final String outDir;

    public ReportOutputSink(ReportWindow window, String outDir) {
        this.window = window;
        this.outDir = outDir;
    }

    @Override
    public SinkWriter<ReportRow> createWriter(WriterInitContext context) {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("the report sink must run with parallelism 1");
        }
        ReportAssembler assembler = new ReportAssembler(window, ReportAssembler.gazetteerPopulation());
        return new SinkWriter<>() {
            @Override
            public void write(ReportRow row, Context context) {
                assembler.add(row);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                if (endOfInput) {
                    ReportFiles.write(assembler.build(), Path.of(outDir));
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
