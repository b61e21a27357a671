package ru.tsur.classify;

import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.tsur.schema.Post;

/**
 * The classification stage of the streaming job: sets sector, topics, actionable, non_actionable_reason, severity,
 * score, matched and rules_version on every post. With a rule-set stream (e.g. Kafka topic {@code rules}, one JSON
 * document per message) new versions replace the classifier without a restart; a document that does not validate is
 * logged and ignored, and the rules in use stay. The accepted document is kept in broadcast state, so a restore from a
 * checkpoint resumes with the last accepted rules, not the shipped ones.
 */
public final class ClassifyStage {

    static final MapStateDescriptor<String, String> RULES_STATE =
            new MapStateDescriptor<>("classifier-rules", Types.STRING, Types.STRING);
    private static final String CURRENT = "current";

    private ClassifyStage() {}

    /** With the rule set shipped in the application ({@link RuleSet#DEFAULT_RESOURCE}). */
    public static SingleOutputStreamOperator<Post> apply(DataStream<Post> posts, DataStream<String> ruleSets) {
        return apply(posts, ruleSets, RuleSet.defaultJson());
    }

    /**
     * @param posts normalized posts
     * @param ruleSets rule-set documents, newest last; null when rules never change at run time
     * @param initialRules the rule-set document to start with
     */
    public static SingleOutputStreamOperator<Post> apply(DataStream<Post> posts, DataStream<String> ruleSets,
            String initialRules) {
        Objects.requireNonNull(initialRules, "initialRules");
        // fail at graph build time, on the client, rather than in every task
        try (LuceneClassifier ignored = LuceneClassifier.fromJson(initialRules, TopicCatalogue.load())) {
            // valid
        }
        if (ruleSets == null) {
            return posts.map(new ClassifyMap(initialRules))
                    .returns(posts.getType())
                    .name("classify")
                    .uid("classify");
        }
        // a control stream carries no event time: idle, it neither holds the posts back nor pushes them ahead
        BroadcastStream<String> rules = ruleSets
                .assignTimestampsAndWatermarks(WatermarkStrategy.forGenerator(ctx -> new AlwaysIdle()))
                .name("rules-watermarks").uid("rules-watermarks")
                .broadcast(RULES_STATE);
        return posts.connect(rules)
                .process(new ClassifyWithReload(initialRules))
                .returns(posts.getType())
                .name("classify")
                .uid("classify");
    }

    /**
     * Watermarks of the rule-set stream: none, the input is idle. The classify operator's watermark is the minimum of
     * its active inputs, so the posts' own watermark passes through unchanged. (A maximal watermark here would be
     * taken up the moment the posts go idle, and then every later stage would run at the end of time: dedup would
     * stop ordering posts and its state would never expire.)
     */
    static final class AlwaysIdle implements WatermarkGenerator<String> {
        @Override
        public void onEvent(String event, long timestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }

    /** Writes a decision onto a post (the post is mutated and returned). */
    public static Post annotate(Post post, Classification c) {
        post.setSector(c.sector().slug());
        post.setTopics(c.topics());
        post.setActionable(c.actionable());
        post.setNonActionableReason(c.nonActionableReason());
        post.setSeverity(c.severity().slug());
        post.setScore(c.score());
        post.setMatched(c.matched());
        post.setRulesVersion(c.rulesVersion());
        return post;
    }

    /** Fixed rules: one classifier per task, built in {@code open}. */
    static final class ClassifyMap extends RichMapFunction<Post, Post> {
        private final String rulesJson;
        private transient LuceneClassifier classifier;

        ClassifyMap(String rulesJson) {
            this.rulesJson = rulesJson;
        }

        @Override
        public void open(OpenContext ctx) {
            classifier = LuceneClassifier.fromJson(rulesJson, TopicCatalogue.load());
        }

        @Override
        public Post map(Post post) {
            return annotate(post, classifier.classify(post.getText()));
        }

        @Override
        public void close() {
            if (classifier != null) {
                classifier.close();
            }
        }
    }

    /** Rules from a broadcast stream; the classifier is rebuilt only when a new document arrives. */
    static final class ClassifyWithReload extends BroadcastProcessFunction<Post, String, Post> {
        private static final Logger LOG = LoggerFactory.getLogger(ClassifyWithReload.class);

        private final String initialRules;
        private transient TopicCatalogue catalogue;
        private transient LuceneClassifier classifier;
        private transient String classifierJson;
        private transient Counter accepted;
        private transient Counter rejected;

        ClassifyWithReload(String initialRules) {
            this.initialRules = initialRules;
        }

        @Override
        public void open(OpenContext ctx) {
            catalogue = TopicCatalogue.load();
            accepted = getRuntimeContext().getMetricGroup().counter("rulesAccepted");
            rejected = getRuntimeContext().getMetricGroup().counter("rulesRejected");
        }

        @Override
        public void processElement(Post post, ReadOnlyContext ctx, Collector<Post> out) throws Exception {
            String wanted = ctx.getBroadcastState(RULES_STATE).get(CURRENT);
            if (wanted == null) {
                wanted = initialRules;
            }
            // first record, or state restored from a checkpoint with other rules than this task holds
            if (classifier == null || !wanted.equals(classifierJson)) {
                swap(LuceneClassifier.fromJson(wanted, catalogue), wanted);
            }
            out.collect(annotate(post, classifier.classify(post.getText())));
        }

        @Override
        public void processBroadcastElement(String json, Context ctx, Collector<Post> out) throws Exception {
            LuceneClassifier next;
            try {
                next = LuceneClassifier.fromJson(json, catalogue);
            } catch (RuntimeException e) {
                rejected.inc();
                LOG.warn("rule set rejected, keeping version {}: {}",
                        classifier == null ? "(initial)" : classifier.rulesVersion(), e.getMessage());
                return;
            }
            accepted.inc();
            LOG.info("rule set {} accepted ({} queries)", next.rulesVersion(), next.ruleCount());
            ctx.getBroadcastState(RULES_STATE).put(CURRENT, json);
            swap(next, json);
        }

        private void swap(LuceneClassifier next, String json) {
            LuceneClassifier old = classifier;
            classifier = next;
            classifierJson = json;
            if (old != null) {
                old.close();
            }
        }

        @Override
        public void close() {
            if (classifier != null) {
                classifier.close();
            }
        }
    }
}
