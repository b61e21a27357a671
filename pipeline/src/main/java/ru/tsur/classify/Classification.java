package ru.tsur.classify;

import java.util.List;
import ru.tsur.model.Sector;
import ru.tsur.model.Severity;

/**
 * The classifier's decision for one text, with its explanation.
 *
 * @param sector exactly one sector ({@link Sector#OTHER} when nothing matched)
 * @param topics zero or more topic names from the catalogue
 * @param actionable false for ads, greetings, news without a complaint, spam …
 * @param nonActionableReason why it is not actionable (null when actionable)
 * @param severity critical / high / normal
 * @param score score of the winning sector
 * @param matched rule ids and terms that fired, e.g. {@code roads.pothole:яма}
 * @param rulesVersion version of the rule set that decided
 */
public record Classification(
        Sector sector,
        List<String> topics,
        boolean actionable,
        String nonActionableReason,
        Severity severity,
        double score,
        List<String> matched,
        String rulesVersion) {

    public Classification {
        topics = List.copyOf(topics);
        matched = List.copyOf(matched);
    }
}
