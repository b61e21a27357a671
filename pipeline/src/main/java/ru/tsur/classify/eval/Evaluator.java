package ru.tsur.classify.eval;

import java.util.ArrayList;
import java.util.List;
import ru.tsur.classify.Classification;
import ru.tsur.classify.Classifier;
import ru.tsur.model.Sector;

/** Runs a classifier over a labelled set and compares every decision with the truth. */
public final class Evaluator {

    private Evaluator() {}

    public static EvalReport evaluate(Classifier classifier, List<LabelledPost> posts) {
        int n = Sector.values().length;
        int[][] confusion = new int[n][n];
        int actionableRight = 0;
        int noise = 0;
        int noiseCaught = 0;
        int complaintsLost = 0;
        int severityRight = 0;
        int topicHits = 0;
        int topicPredicted = 0;
        int topicTruth = 0;
        List<EvalReport.Miss> misses = new ArrayList<>();
        for (LabelledPost p : posts) {
            Classification c = classifier.classify(p.text());
            Sector truth = p.sectorValue();
            confusion[truth.ordinal()][c.sector().ordinal()]++;
            if (c.actionable() == p.isActionable()) {
                actionableRight++;
            }
            if (!p.isActionable()) {
                noise++;
                if (!c.actionable()) {
                    noiseCaught++;
                }
            } else if (!c.actionable()) {
                complaintsLost++;
            }
            if (c.severity() == p.severityValue()) {
                severityRight++;
            }
            topicTruth += p.topics().size();
            topicPredicted += c.topics().size();
            for (String t : c.topics()) {
                if (p.topics().contains(t)) {
                    topicHits++;
                }
            }
            if (truth != c.sector() || c.actionable() != p.isActionable()) {
                misses.add(new EvalReport.Miss(p.id(), truth, c.sector(), p.isActionable(), c.actionable(),
                        p.text(), c.matched()));
            }
        }
        return new EvalReport(posts.size(), confusion, actionableRight, noise, noiseCaught, complaintsLost,
                severityRight, topicHits, topicPredicted, topicTruth, classifier.rulesVersion(), misses);
    }
}
