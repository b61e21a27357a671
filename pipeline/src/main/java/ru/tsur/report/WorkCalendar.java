package ru.tsur.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * Russian production calendar: weekends, public holidays and transferred days. Loaded from a data file with one
 * "YYYY-MM-DD holiday|workday" line per exception to the Monday–Friday rule. Years the file does not cover fall back
 * to plain weekends, which {@link #covers} makes visible.
 */
public final class WorkCalendar {
    public static final String RESOURCE = "/ru/tsur/report/production-calendar.txt";

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workdays;
    private final Set<Integer> years;

    private WorkCalendar(Set<LocalDate> holidays, Set<LocalDate> workdays, Set<Integer> years) {
        this.holidays = Set.copyOf(holidays);
        this.workdays = Set.copyOf(workdays);
        this.years = Set.copyOf(years);
    }

    public static WorkCalendar russian() {
        try (InputStream in = WorkCalendar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WorkCalendar parse(InputStream in) throws IOException {
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> workdays = new HashSet<>();
        Set<Integer> years = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int no = 0;
        while ((line = reader.readLine()) != null) {
            no++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts[0].equals("year")) {
                years.add(Integer.parseInt(parts[1]));
                continue;
            }
            LocalDate day = LocalDate.parse(parts[0]);
            switch (parts.length > 1 ? parts[1] : "") {
                case "holiday" -> holidays.add(day);
                case "workday" -> workdays.add(day);
                default -> throw new IllegalArgumentException("production calendar line " + no + ": " + line);
            }
        }
        return new WorkCalendar(holidays, workdays, years);
    }

    public boolean covers(int year) {
        return years.contains(year);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The same local time of day, {@code days} working days later (a start on a day off counts from the next working day). */
    public ZonedDateTime plusWorkingDays(ZonedDateTime start, int days) {
        ZonedDateTime t = start;
        int left = days;
        while (left > 0) {
            t = t.plusDays(1);
            if (isWorkingDay(t.toLocalDate())) {
                left--;
            }
        }
        return t;
    }
}
