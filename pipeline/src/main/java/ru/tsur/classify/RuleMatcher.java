package ru.tsur.classify;

import java.util.BitSet;
import java.util.List;
import ru.tsur.text.analysis.AnalyzedText;

/** Finds the rules of a {@link CompiledRules} that fire on an analyzed post. One per classifier; one thread at a time. */
interface RuleMatcher extends AutoCloseable {

    /** The groups (indexes into {@link CompiledRules#groups}) that a non-empty post matches. */
    BitSet groups(AnalyzedText text);

    /** The rules that fire on a non-empty post, in rule order, with the tokens each looks for. */
    List<LuceneClassifier.Fired> fired(AnalyzedText text);

    @Override
    void close();
}
