package ru.tsur.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import ru.tsur.classify.Classification;
import ru.tsur.classify.LuceneClassifier;
import ru.tsur.classify.RuleSet;
import ru.tsur.classify.TopicCatalogue;
import ru.tsur.text.analysis.AnalyzedText;

/**
 * Posts per second of the classifier on one thread: the shipped rules ({@code rules=real}) and the shipped rules plus
 * synthetic ones up to 200, 1,000 and 5,000 sector rules. Posts are the realistic texts of
 * {@code classify/topic-examples.tsv}, cycled. {@code classify} includes the Russian analysis, {@code classifyAnalyzed}
 * takes posts analyzed beforehand (as the pipeline shares one analysis between classification and dedup). Matching is
 * the term index; {@code -p matching=MONITOR} measures the Lucene Monitor reference. Run with
 * {@code scripts/bench-classifier}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
public class ClassifierBench {

    @Param({"real", "200", "1000", "5000"})
    public String rules;

    @Param({"TERM_INDEX"})
    public String matching;

    private LuceneClassifier classifier;
    private List<String> posts;
    private List<AnalyzedText> analyzed;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        posts = examplePosts();
        String json = rules.equals("real") ? RuleSet.defaultJson() : withSyntheticRules(Integer.parseInt(rules));
        classifier = LuceneClassifier.fromJson(json, TopicCatalogue.load(), LuceneClassifier.Matching.valueOf(matching));
        analyzed = posts.stream().map(classifier::analyze).toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
    }

    @Benchmark
    public Classification classify() {
        String text = posts.get(next);
        next = next + 1 == posts.size() ? 0 : next + 1;
        return classifier.classify(text);
    }

    @Benchmark
    public Classification classifyAnalyzed() {
        AnalyzedText text = analyzed.get(next);
        next = next + 1 == analyzed.size() ? 0 : next + 1;
        return classifier.classify(text);
    }

    static List<String> examplePosts() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = ClassifierBench.class.getResourceAsStream("/classify/topic-examples.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\t", 2)[1]);
                }
            }
        }
        return out;
    }

    /**
     * The shipped rule set plus generated sector rules up to {@code total} sector rules. A generated rule mixes
     * made-up words with real complaint words (one in five), as single words, phrases with slop and conjunctions, so
     * some of them fire on real posts and the presearcher has realistic work.
     */
    public static String withSyntheticRules(int total) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(RuleSet.defaultJson());
        ArrayNode sectors = (ArrayNode) doc.get("sectors");
        String[] real = {"дорога", "мусор", "автобус", "школа", "врач", "подъезд", "свет", "вода", "двор", "стройка",
            "пособие", "лифт", "крыша", "снег", "остановка", "собака", "почта", "связь", "трасса", "садик"};
        String[] slugs = {"roads", "housing", "waste", "transport", "health", "education", "social", "construction",
            "other"};
        Random rnd = new Random(42);
        for (int i = sectors.size(); i < total; i++) {
            String a = word(rnd, real);
            String b = word(rnd, real);
            String c = word(rnd, real);
            String query = switch (rnd.nextInt(3)) {
                case 0 -> a + " " + b + " " + c;
                case 1 -> "\"" + a + " " + b + "\"~2 " + c;
                default -> "+(" + a + " " + b + ") +(" + c + " " + word(rnd, real) + ")";
            };
            sectors.addObject().put("id", "synthetic." + i).put("sector", slugs[rnd.nextInt(slugs.length)])
                    .put("weight", 0.5 + rnd.nextInt(4)).put("query", query);
        }
        return json.writeValueAsString(doc);
    }

    private static String word(Random rnd, String[] real) {
        if (rnd.nextInt(5) == 0) {
            return real[rnd.nextInt(real.length)];
        }
        String syllables = "ба ве го ду жи зо ка ле ми но пу ра се ти фу хо цы ча шу щи";
        String[] s = syllables.split(" ");
        StringBuilder w = new StringBuilder();
        for (int k = 2 + rnd.nextInt(3); k > 0; k--) {
            w.append(s[rnd.nextInt(s.length)]);
        }
        return w.toString();
    }
}
