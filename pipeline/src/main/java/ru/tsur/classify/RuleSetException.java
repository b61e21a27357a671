package ru.tsur.classify;

/** A rule-set document that cannot be used: bad JSON, unknown sector or topic, a query that does not parse … */
public final class RuleSetException extends RuntimeException {
    public RuleSetException(String message) {
        super(message);
    }

    public RuleSetException(String message, Throwable cause) {
        super(message, cause);
    }
}
