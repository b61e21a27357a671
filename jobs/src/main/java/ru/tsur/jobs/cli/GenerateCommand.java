package ru.tsur.jobs.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.generator.GeneratedPost;
import ru.tsur.generator.PostGenerator;

/** {@code tsur generate}: writes generated posts as JSON lines (the input contract), for analyze, benchmarks, replays. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write N generated posts (JSON lines, the input contract) to a file or stdout.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--posts", defaultValue = "5000", description = "how many posts (default ${DEFAULT-VALUE})")
    int posts;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--start", defaultValue = "2026-03-02T00:00:00+03:00", description = "first publication time")
    String start;

    @Option(names = "--per-hour", defaultValue = "600", description = "mean posts per hour of publication time")
    double perHour;

    @Option(names = "--output", description = "output file (default: stdout)")
    Path output;

    @Override
    public Integer call() throws Exception {
        var opts = PostGenerator.Options.defaults(seed, OffsetDateTime.parse(start));
        PostGenerator gen = new PostGenerator(new PostGenerator.Options(opts.seed(), opts.start(), perHour,
                opts.noiseShare(), opts.repostShare(), opts.copyShare(), opts.officialShare(), opts.replyShare()));
        try (OutputStream out = new BufferedOutputStream(output == null ? System.out : Files.newOutputStream(output), 1 << 16)) {
            for (int i = 0; i < posts; i++) {
                GeneratedPost p = gen.next();
                out.write(p.json());
                out.write('\n');
            }
        }
        return 0;
    }
}
