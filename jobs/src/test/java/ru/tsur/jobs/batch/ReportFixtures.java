package ru.tsur.jobs.batch;

import static ru.tsur.jobs.batch.WarehouseFixture.at;
import static ru.tsur.jobs.batch.WarehouseFixture.change;

import ru.tsur.schema.Incident;

/**
 * The report's hand-checked week: report date Sunday 2026-03-08 (ISO week 2026-W10, Mar 2–8; previous week W09,
 * whose Monday Feb 23 is a public holiday; Monday Mar 9 is a holiday too). Region 66, time zone +05:00.
 * The expected numbers are worked out in ReportJobTest's comments.
 */
final class ReportFixtures {
    static final String EKB_ADMIN = "Администрация г. Екатеринбурга";
    static final String MINTRANS = "Министерство транспорта Свердловской области";
    static final String UK = "УК «Уют»";

    private ReportFixtures() {
    }

    static WarehouseFixture week10() {
        WarehouseFixture w = new WarehouseFixture();
        // posts, previous week W09: 4 roads posts
        for (String day : new String[] {"2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27"}) {
            w.add(w.post(day + "T10:00", "roads", true, "pothole"));
        }
        // W08: outside the window, never counted
        w.add(w.post("2026-02-20T10:00", "roads", true, "pothole"));
        // W10 roads: 5 posts, 4 actionable; topics pothole x3, snow x2
        w.add(w.post("2026-03-02T10:00", "roads", true, "pothole"));
        w.add(w.post("2026-03-03T09:00", "roads", true, "pothole"));
        w.add(w.post("2026-03-04T12:00", "roads", true, "pothole", "snow"));
        w.add(w.post("2026-03-06T20:00", "roads", true, "snow"));
        w.add(w.post("2026-03-07T08:00", "roads", false));
        // W10 housing: 2 posts
        w.add(w.post("2026-03-05T09:00", "housing", true, "heating"));
        w.add(w.post("2026-03-05T09:30", "housing", true, "heating"));
        // W10 another region, and a post without region
        w.add(w.post("2026-03-05T11:00", "waste", true, "garbage").setRegionCode("54").setRegion("Новосибирская")
                .setTimezone("+07:00"));
        w.add(w.post("2026-03-08T11:00", "other", false).setRegionCode(null).setRegion(null).setTimezone(null));

        // I1: W10, reacted after 120 min, answered (closed)
        Incident.Builder i1 = w.incident("i1", "2026-03-02T10:00", "roads", "normal", "pothole")
                .setPostCount(3).setExcerpt("Яма на ул. Ленина, звоните +7 912 345-67-89, пишите ivan@mail.ru");
        w.add(i1);
        w.add(change(i1, 2, "2026-03-02T12:00", "accepted").setFirstReactionAt(at("2026-03-02T12:00", "+05:00")));
        w.add(change(i1, 3, "2026-03-05T11:00", "answered").setFirstReactionAt(at("2026-03-02T12:00", "+05:00"))
                .setAnsweredAt(at("2026-03-05T11:00", "+05:00")));
        // I2: W10, critical, reacted after 90 min (late: the limit is 1 h)
        Incident.Builder i2 = w.incident("i2", "2026-03-03T09:00", "roads", "critical", "pothole").setExcerpt("Провал дороги");
        w.add(i2);
        w.add(change(i2, 2, "2026-03-03T10:30", "accepted").setFirstReactionAt(at("2026-03-03T10:30", "+05:00")));
        // I3: W10, no reaction: overdue since Mar 7 04:00
        w.add(w.incident("i3", "2026-03-06T20:00", "roads", "normal", "snow").setExcerpt("Не чистят снег"));
        // I4: W10, not actionable: an incident without deadlines
        w.add(w.incident("i4", "2026-03-04T12:00", "roads", "normal").setActionable(false));
        // I5: W09, reacted after 60 min, answer due at the end of Mar 10 (Mar 9 is a holiday)
        Incident.Builder i5 = w.incident("i5", "2026-02-25T10:00", "roads", "normal", "pothole");
        w.add(i5);
        w.add(change(i5, 2, "2026-02-25T11:00", "accepted").setFirstReactionAt(at("2026-02-25T11:00", "+05:00")));
        // I7: W08, answered Mar 4 15:00; the holiday of Feb 23 moves its deadline from the end of Mar 4 to the end
        // of Mar 5
        Incident.Builder i7 = w.incident("i7", "2026-02-20T10:00", "roads", "normal", "pothole");
        w.add(i7);
        w.add(change(i7, 2, "2026-03-04T15:00", "answered").setFirstReactionAt(at("2026-02-20T12:00", "+05:00"))
                .setAnsweredAt(at("2026-03-04T15:00", "+05:00")));
        // I8: W09, reacted, never answered: answer deadline (end of Mar 6) missed, overdue
        Incident.Builder i8 = w.incident("i8", "2026-02-24T09:00", "roads", "normal", "pothole").setResponsible(MINTRANS);
        w.add(i8);
        w.add(change(i8, 2, "2026-02-24T10:00", "accepted").setFirstReactionAt(at("2026-02-24T10:00", "+05:00")));
        // I9: W06 housing, open, never reacted: overdue for a month, in the housing row's overdue stock
        w.add(w.incident("i9", "2026-02-03T10:00", "housing", "normal", "heating").setResponsible(UK));
        // I10: a version after the report date must not be seen: as of Mar 8 the incident is still open
        Incident.Builder i10 = w.incident("i10", "2026-03-08T10:00", "roads", "normal", "pothole").setResponsible(EKB_ADMIN);
        w.add(i10);
        w.add(change(i10, 2, "2026-03-09T09:00", "answered").setFirstReactionAt(at("2026-03-09T09:00", "+05:00"))
                .setAnsweredAt(at("2026-03-09T09:00", "+05:00")));

        w.spike("spike-1", "2026-03-05T15:00", "roads", "12 сообщений за час при среднем 2.5");
        w.overdueAlert("a-i3", "i3", "2026-03-07T04:00");
        return w;
    }
}
