package ru.tsur.report;

/** The fields of an alert the report shows (a projection of {@code ru.tsur.schema.Alert}). */
public record AlertFact(String alertId, String kind, String dt, String regionCode, String region, String sector,
                        String detail) {
    public boolean spike() {
        return "spike".equals(kind);
    }
}
