package ru.tsur.classify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A rule-set document as written in {@code rules/classifier-rules.json}: plain data, validated and compiled by
 * {@link CompiledRules}. Queries use the Lucene classic syntax and are analyzed like posts (stemming, ё→е, case);
 * {@code @name} expands to the {@link #vocab} entry {@code name} in parentheses.
 *
 * @param version stored on every classified post
 * @param decision thresholds of the decision
 * @param vocab named word lists shared by many queries
 * @param contexts qualifiers that choose between topic variants (ИЖС, частный сектор, трасса …)
 * @param sectors sector and topic rules
 * @param noise rules that mark a post non-actionable
 * @param complaint signals that a post reports a problem or asks for help (they protect against soft noise)
 * @param severity rules raising severity to high or critical
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RuleSet(
        String version,
        String description,
        Decision decision,
        Map<String, String> vocab,
        List<Rule> contexts,
        List<Rule> sectors,
        List<Rule> noise,
        List<Rule> complaint,
        List<Rule> severity) {

    public static final String DEFAULT_RESOURCE = "rules/classifier-rules.json";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public RuleSet {
        vocab = vocab == null ? Map.of() : Map.copyOf(vocab);
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
        sectors = sectors == null ? List.of() : List.copyOf(sectors);
        noise = noise == null ? List.of() : List.copyOf(noise);
        complaint = complaint == null ? List.of() : List.copyOf(complaint);
        severity = severity == null ? List.of() : List.copyOf(severity);
        decision = decision == null ? Decision.DEFAULT : decision;
    }

    /**
     * @param strongSectorScore a sector score at or above which soft noise (ads, greetings, news …) cannot make a post
     *     non-actionable
     * @param repeatBonus extra weight per additional matched term of the same rule (capped at three)
     * @param otherRulesFactor a sector scores its best rule in full and its other fired rules times this factor, so a
     *     sector with many overlapping rules does not win on volume alone
     * @param maxTopics topics kept per post
     */
    public record Decision(double strongSectorScore, double repeatBonus, double otherRulesFactor, int maxTopics) {
        static final Decision DEFAULT = new Decision(6.0, 0.25, 0.5, 3);
    }

    /**
     * One rule. Fields used depend on the list it is in: sectors use {@code sector, weight, topics}; noise uses
     * {@code reason, hard, complaintOnly} and optionally {@code sector} (the sector a post gets when this rule makes it
     * non-actionable: an advertisement is nobody's remit, a utility announcement stays in its sector); severity uses
     * {@code level}.
     *
     * @param query Lucene query (classic syntax), required
     * @param exclude optional query; when it matches, the rule does not fire
     * @param hard a hard noise rule makes a post non-actionable whatever else it says (spam, pseudo-legal texts)
     * @param complaintOnly for a soft noise rule: only a complaint marker keeps the post actionable, a strong sector
     *     score does not (news and thanks are written about sector matters by nature)
     * @param topics ordered topic choices: the first whose {@code when} contexts (any of) matched, or that has none
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Rule(
            String id,
            String query,
            String exclude,
            String sector,
            Double weight,
            List<TopicChoice> topics,
            String reason,
            Boolean hard,
            Boolean complaintOnly,
            String level,
            String note) {

        public Rule {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }
    }

    public record TopicChoice(List<String> when, String topic) {
        public TopicChoice {
            when = when == null ? List.of() : List.copyOf(when);
        }
    }

    public static RuleSet parse(String json) {
        try {
            RuleSet rs = JSON.readValue(json, RuleSet.class);
            if (rs == null) {
                throw new RuleSetException("empty rule-set document");
            }
            return rs;
        } catch (IOException e) {
            throw new RuleSetException("rule set is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The text of the rule set shipped with the application. */
    public static String defaultJson() {
        try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
