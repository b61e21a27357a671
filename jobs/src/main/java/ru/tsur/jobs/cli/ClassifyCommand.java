package ru.tsur.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import ru.tsur.classify.Classification;
import ru.tsur.classify.LuceneClassifier;
import ru.tsur.classify.TopicCatalogue;
import ru.tsur.text.TextNormalizer;

/** {@code tsur classify "текст"}: the classifier's decision for one text, with the rules and words that made it. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify one text (sector, topics, actionable, severity) and explain the decision.")
public final class ClassifyCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", description = "the text (several arguments are joined with spaces)")
    List<String> words;

    @Option(names = "--rules", description = "a rule-set JSON file instead of the shipped rules")
    Path rules;

    @Override
    public Integer call() throws Exception {
        try (LuceneClassifier c = EvalCommand.classifier(rules)) {
            String text = TextNormalizer.normalize(String.join(" ", words));
            Classification r = c.classify(text);
            System.out.println("sector:     " + r.sector().slug() + " (" + r.sector().title() + ")");
            System.out.println("topics:     " + (r.topics().isEmpty() ? "-" : String.join("; ", r.topics())));
            System.out.println("actionable: " + r.actionable()
                    + (r.actionable() ? "" : " (" + r.nonActionableReason() + ")"));
            System.out.println("severity:   " + r.severity().slug());
            System.out.println("score:      " + r.score());
            System.out.println("rules:      " + r.rulesVersion());
            System.out.println("matched:");
            r.matched().forEach(m -> System.out.println("  " + m));
            return 0;
        }
    }

    static LuceneClassifier fromFile(Path p) throws java.io.IOException {
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--rules " + p + " is not a file");
        }
        return LuceneClassifier.fromJson(Files.readString(p), TopicCatalogue.load());
    }
}
