package ru.tsur.classify;

/**
 * Decides sector, topics, actionability and severity of one normalized text. Implementations are built once per task
 * (they may hold analyzers and indexes) and must be safe to call from one thread repeatedly.
 */
public interface Classifier {
    Classification classify(String normalizedText);

    /** Version of the rule set in use, stored on every classified post. */
    String rulesVersion();
}
