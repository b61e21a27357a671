package ru.tsur.classify;

import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import ru.tsur.schema.Post;

/** The classification stage of the streaming job: sets the decision fields of every post. */
public final class ClassifyStage {

    private ClassifyStage() {}

    /** @param ruleSets rule-set updates (not used by the keyword classifier; the Lucene stage broadcasts them) */
    public static SingleOutputStreamOperator<Post> apply(DataStream<Post> posts, DataStream<String> ruleSets) {
        return posts.map(new ClassifyFunction(KeywordClassifier::new)).name("classify").uid("classify");
    }

    /** Builds its classifier once per task. */
    static final class ClassifyFunction extends RichMapFunction<Post, Post> {
        private final SerializableSupplier<Classifier> factory;
        private transient Classifier classifier;

        ClassifyFunction(SerializableSupplier<Classifier> factory) {
            this.factory = factory;
        }

        @Override
        public void open(OpenContext ctx) {
            classifier = factory.get();
        }

        @Override
        public Post map(Post p) {
            Classification c = classifier.classify(p.getText());
            p.setSector(c.sector().slug());
            p.setTopics(c.topics());
            p.setActionable(c.actionable());
            p.setNonActionableReason(c.nonActionableReason());
            p.setSeverity(c.severity().slug());
            p.setScore(c.score());
            p.setMatched(c.matched());
            p.setRulesVersion(c.rulesVersion());
            return p;
        }
    }

    interface SerializableSupplier<T> extends Supplier<T>, java.io.Serializable {}
}
