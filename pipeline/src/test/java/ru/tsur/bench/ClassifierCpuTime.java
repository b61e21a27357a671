package ru.tsur.bench;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import ru.tsur.classify.LuceneClassifier;
import ru.tsur.classify.RuleSet;
import ru.tsur.classify.TopicCatalogue;
import ru.tsur.classify.eval.LabelledPost;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * Thread CPU time per post of the Russian analysis and of {@code classify(AnalyzedText)}, separately: on a machine
 * shared with other work, CPU time is steadier than JMH's wall-clock throughput. Each round analyzes then classifies
 * five times the 600 texts of {@code eval/labelled-dev.jsonl}; early rounds are warm-up, quote the last ones.
 *
 * <p>{@code scripts/bench-classifier --cpu [rules=real|N] [matching=TERM_INDEX|MONITOR] [rounds=16]}
 */
public final class ClassifierCpuTime {

    private ClassifierCpuTime() {}

    public static void main(String[] args) throws Exception {
        String rules = "real";
        String matching = "TERM_INDEX";
        int rounds = 16;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "rules" -> rules = kv[1];
                case "matching" -> matching = kv[1];
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        List<String> texts = new ArrayList<>();
        try (InputStream in = ClassifierCpuTime.class.getResourceAsStream("/eval/labelled-dev.jsonl")) {
            LabelledPost.readJsonl(new InputStreamReader(in, StandardCharsets.UTF_8)).forEach(p -> texts.add(p.text()));
        }
        String json = rules.equals("real") ? RuleSet.defaultJson() : ClassifierBench.withSyntheticRules(
                Integer.parseInt(rules));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long b0 = mx.getCurrentThreadCpuTime();
        try (LuceneClassifier c = LuceneClassifier.fromJson(json, TopicCatalogue.load(),
                LuceneClassifier.Matching.valueOf(matching))) {
            System.out.printf("rules=%s (%d rules, %d groups) matching=%s build=%.0f ms CPU%n", rules, c.ruleCount(),
                    c.groupCount(), matching, (mx.getCurrentThreadCpuTime() - b0) / 1e6);
            for (int round = 1; round <= rounds; round++) {
                List<AnalyzedText> analyzed = new ArrayList<>(texts.size() * 5);
                long t0 = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < 5; k++) {
                    for (String t : texts) {
                        analyzed.add(c.analyze(t));
                    }
                }
                long t1 = mx.getCurrentThreadCpuTime();
                long fired = 0;
                for (AnalyzedText a : analyzed) {
                    fired += c.classify(a).matched().size();
                }
                long t2 = mx.getCurrentThreadCpuTime();
                System.out.printf("round %2d: analyze %6.1f µs/post, classify(analyzed) %7.1f µs/post, "
                        + "%.1f rules fired/post%n", round, (t1 - t0) / 1e3 / analyzed.size(), (t2 - t1) / 1e3 / analyzed.size(),
                        (double) fired / analyzed.size());
            }
        }
        // what a rule-set reload costs the task once the JVM is warm: parse, validate, compile, index
        long r0 = mx.getCurrentThreadCpuTime();
        try (LuceneClassifier again = LuceneClassifier.fromJson(json, TopicCatalogue.load(),
                LuceneClassifier.Matching.valueOf(matching))) {
            System.out.printf("rebuild (warm, as on a reload): %.0f ms CPU%n",
                    (mx.getCurrentThreadCpuTime() - r0) / 1e6);
        }
    }
}
