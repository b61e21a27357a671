package ru.tsur.classify;

/** One classifier with the shipped rules for all tests of a JVM: building the monitor costs seconds, using it none. */
final class SharedClassifier {

    private static LuceneClassifier instance;

    private SharedClassifier() {}

    static synchronized LuceneClassifier get() {
        if (instance == null) {
            instance = LuceneClassifier.withDefaultRules();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }
}
