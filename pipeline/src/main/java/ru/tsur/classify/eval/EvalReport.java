package ru.tsur.classify.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ru.tsur.model.Sector;

/**
 * Scores of one evaluation run. Sector metrics are one-vs-rest per sector; macro-F1 averages the sectors that occur in
 * the truth. «Noise recall» is the share of truly non-actionable posts the classifier marked non-actionable;
 * «complaints lost» counts real complaints marked non-actionable — the costly error.
 *
 * @param confusion rows = truth, columns = prediction, indexed by {@link Sector#ordinal()}
 */
public record EvalReport(
        int total,
        int[][] confusion,
        int actionableRight,
        int noise,
        int noiseCaught,
        int complaintsLost,
        int severityRight,
        int topicHits,
        int topicPredicted,
        int topicTruth,
        String rulesVersion,
        List<Miss> misses) {

    public record Miss(String id, Sector truth, Sector predicted, boolean actionableTruth, boolean actionablePredicted,
            String text, List<String> matched) {}

    public record SectorScore(Sector sector, int support, double precision, double recall, double f1) {}

    public List<SectorScore> perSector() {
        List<SectorScore> out = new ArrayList<>();
        for (Sector s : Sector.values()) {
            int i = s.ordinal();
            int tp = confusion[i][i];
            int truth = 0;
            int predicted = 0;
            for (int j = 0; j < confusion.length; j++) {
                truth += confusion[i][j];
                predicted += confusion[j][i];
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = truth == 0 ? 0 : (double) tp / truth;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            out.add(new SectorScore(s, truth, p, r, f1));
        }
        return out;
    }

    public double macroF1() {
        double sum = 0;
        int k = 0;
        for (SectorScore s : perSector()) {
            if (s.support() > 0) {
                sum += s.f1();
                k++;
            }
        }
        return k == 0 ? 0 : sum / k;
    }

    public double sectorAccuracy() {
        int right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        return ratio(right, total);
    }

    public double actionableAccuracy() {
        return ratio(actionableRight, total);
    }

    public double noiseRecall() {
        return ratio(noiseCaught, noise);
    }

    public double severityAccuracy() {
        return ratio(severityRight, total);
    }

    public double topicPrecision() {
        return ratio(topicHits, topicPredicted);
    }

    public double topicRecall() {
        return ratio(topicHits, topicTruth);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /** A plain-text report for the terminal; {@code showMisses} lists up to that many wrong decisions. */
    public String format(int showMisses) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "posts: %d   rules: %s%n%n", total, rulesVersion));
        sb.append(String.format(Locale.ROOT, "%-13s %7s %9s %7s %7s%n", "sector", "support", "precision", "recall",
                "f1"));
        for (SectorScore s : perSector()) {
            sb.append(String.format(Locale.ROOT, "%-13s %7d %9.3f %7.3f %7.3f%n", s.sector().slug(), s.support(),
                    s.precision(), s.recall(), s.f1()));
        }
        sb.append(String.format(Locale.ROOT, "%nmacro-F1            %.3f%n", macroF1()));
        sb.append(String.format(Locale.ROOT, "sector accuracy     %.3f%n", sectorAccuracy()));
        sb.append(String.format(Locale.ROOT, "actionable accuracy %.3f%n", actionableAccuracy()));
        sb.append(String.format(Locale.ROOT, "noise recall        %.3f (%d of %d)%n", noiseRecall(), noiseCaught,
                noise));
        sb.append(String.format(Locale.ROOT, "complaints lost     %d%n", complaintsLost));
        sb.append(String.format(Locale.ROOT, "severity accuracy   %.3f%n", severityAccuracy()));
        sb.append(String.format(Locale.ROOT, "topics P/R          %.3f / %.3f%n", topicPrecision(), topicRecall()));
        sb.append("\nconfusion (rows = truth, columns = predicted)\n").append(String.format("%-13s", ""));
        for (Sector s : Sector.values()) {
            sb.append(String.format("%6.6s", s.slug()));
        }
        sb.append('\n');
        for (Sector t : Sector.values()) {
            sb.append(String.format("%-13s", t.slug()));
            for (Sector p : Sector.values()) {
                sb.append(String.format("%6d", confusion[t.ordinal()][p.ordinal()]));
            }
            sb.append('\n');
        }
        int shown = 0;
        for (Miss m : misses) {
            if (shown++ >= showMisses) {
                break;
            }
            if (shown == 1) {
                sb.append("\nwrong decisions\n");
            }
            sb.append(String.format("- %s truth=%s%s predicted=%s%s  %s%n    %s%n", m.id(), m.truth().slug(),
                    m.actionableTruth() ? "" : "(noise)", m.predicted().slug(), m.actionablePredicted() ? "" : "(noise)",
                    abbreviate(m.text(), 160), m.matched()));
        }
        return sb.toString();
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }
}
