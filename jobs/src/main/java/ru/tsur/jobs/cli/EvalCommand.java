package ru.tsur.jobs.cli;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.tsur.classify.LuceneClassifier;
import ru.tsur.classify.eval.EvalReport;
import ru.tsur.classify.eval.Evaluator;
import ru.tsur.classify.eval.LabelledPost;
import ru.tsur.text.TextNormalizer;

/**
 * {@code tsur eval --input labelled.jsonl}: precision, recall and F1 per sector, macro-F1, actionable accuracy, noise
 * recall, severity accuracy and the confusion matrix of the classifier on a labelled set (field {@code sector} holds
 * the truth).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the classifier on a labelled JSON-lines set and print per-sector scores.")
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--input", required = true,
            description = "labelled posts: {\"id\",\"text\",\"sector\",\"topics\",\"actionable\",\"severity\"} per line")
    Path input;

    @Option(names = "--rules", description = "a rule-set JSON file instead of the shipped rules")
    Path rules;

    @Option(names = "--misses", defaultValue = "0", description = "list up to this many wrong decisions")
    int misses;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            System.err.println("error: --input " + input + " is not a file");
            return 2;
        }
        List<LabelledPost> posts;
        try (Reader r = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            posts = LabelledPost.readJsonl(r);
        }
        // the job classifies normalized text; so does the evaluation
        List<LabelledPost> normalized = posts.stream()
                .map(p -> new LabelledPost(p.id(), TextNormalizer.normalize(p.text()), p.sector(), p.topics(),
                        p.actionable(), p.severity()))
                .toList();
        try (LuceneClassifier c = classifier(rules)) {
            EvalReport report = Evaluator.evaluate(c, normalized);
            System.out.print(report.format(misses));
        }
        return 0;
    }

    static LuceneClassifier classifier(Path rules) throws java.io.IOException {
        return rules == null ? LuceneClassifier.withDefaultRules() : ClassifyCommand.fromFile(rules);
    }
}
