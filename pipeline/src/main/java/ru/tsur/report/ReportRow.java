package ru.tsur.report;

/**
 * The one small type that flows out of the report's aggregations: a counter ({@code n}, {@code m}) under a kind and
 * a '|'-joined key, sometimes with a text. Rows with the same kind and key merge with {@link #merge}, so any number of
 * partial tallies reduce to one row per key.
 */
public record ReportRow(Kind kind, String key, long n, long m, String text, String ref) {

    public enum Kind {
        /** week|region_code|sector: n posts, m actionable posts. */
        POSTS,
        /** region_code: text = region name. */
        REGION,
        /** week|region_code|sector|topic: n posts. */
        TOPIC,
        /** dt|sector: n posts. */
        DAY,
        /** week|region_code|sector: n incidents, m critical. */
        INCIDENTS,
        /** week|region_code|sector: n due, m in time. */
        REACTION,
        /** week of the answer deadline|region_code|sector: n deadlines passed, m answered in time. */
        ANSWER,
        /** current week|region_code|sector: n incidents open past a deadline at the report date, however old. */
        OVERDUE,
        /** week|region_code|sector|minutes: n incidents with that reaction time (a histogram). */
        REACTION_MINUTES,
        /** responsible body: n overdue open incidents over the whole look-back, m of them critical. */
        OVERDUE_BY_BODY,
        /** week|topic: the incident with the most posts (n); text = excerpt, ref = incident id. */
        EXAMPLE,
        /** dt|region_code|sector|alert_id: a spike alert; text = detail, ref = region name. */
        SPIKE
    }

    public static final char SEP = '|';

    public static ReportRow count(Kind kind, String key, long n, long m) {
        return new ReportRow(kind, key, n, m, null, null);
    }

    /** Joins key parts; a '|' inside a value would split the key, so it is replaced. */
    public static String key(String... parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append(SEP);
            }
            b.append(parts[i] == null ? "" : parts[i].replace(SEP, '/'));
        }
        return b.toString();
    }

    public String[] keyParts() {
        return key.split("\\|", -1);
    }

    /** Combines two rows of the same group; associative and commutative, so the result does not depend on order. */
    public static ReportRow merge(ReportRow a, ReportRow b) {
        return switch (a.kind) {
            case EXAMPLE -> {
                if (a.n != b.n) {
                    yield a.n > b.n ? a : b;
                }
                yield compare(a.ref, b.ref) <= 0 ? a : b;
            }
            case REGION, SPIKE -> compare(a.text, b.text) <= 0 ? a : b;
            default -> new ReportRow(a.kind, a.key, a.n + b.n, a.m + b.m, a.text, a.ref);
        };
    }

    private static int compare(String x, String y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        return x.compareTo(y);
    }
}
