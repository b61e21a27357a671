package ru.tsur.sla.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Russian production calendar: which dates are working days. Built from per-year data files that list only the
 * exceptions to the Monday–Friday week (holidays, weekdays made days off by a transfer, weekends made working days).
 * Years not covered by a file fall back to the plain Monday–Friday week; {@link #covers(int)} tells which is which.
 */
public final class ProductionCalendar {
    /** Classpath folder of the calendar files and its index. */
    public static final String RESOURCE_DIR = "/sla/calendar/";

    public enum Kind { HOLIDAY, DAY_OFF, WORKING }

    private final Map<LocalDate, Kind> exceptions;
    private final Set<Integer> years;

    public ProductionCalendar(Map<LocalDate, Kind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
        TreeSet<Integer> ys = new TreeSet<>();
        exceptions.keySet().forEach(d -> ys.add(d.getYear()));
        this.years = Set.copyOf(ys);
    }

    /** Loads every file named in {@code /sla/calendar/index.txt}. */
    public static ProductionCalendar load() {
        Map<LocalDate, Kind> all = new HashMap<>();
        for (String file : lines(RESOURCE_DIR + "index.txt")) {
            String name = RESOURCE_DIR + file;
            int lineNo = 0;
            for (String line : lines(name)) {
                lineNo++;
                String[] f = line.split(",", 3);
                if (f.length < 2) {
                    throw new IllegalArgumentException(name + ": line " + lineNo + ": expected date,kind,note");
                }
                try {
                    LocalDate date = LocalDate.parse(f[0].trim());
                    Kind kind = Kind.valueOf(f[1].trim().toUpperCase(java.util.Locale.ROOT));
                    if (all.put(date, kind) != null) {
                        throw new IllegalArgumentException(name + ": date listed twice: " + date);
                    }
                    boolean weekend = isWeekend(date);
                    if (kind == Kind.WORKING && !weekend || kind == Kind.DAY_OFF && weekend) {
                        throw new IllegalArgumentException(name + ": " + date + " is " + date.getDayOfWeek()
                                + ", kind " + kind + " makes no sense for it");
                    }
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ": line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        return new ProductionCalendar(all);
    }

    /** Non-comment, non-blank lines of a classpath resource. */
    static List<String> lines(String resource) {
        InputStream in = ProductionCalendar.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("calendar resource not found: " + resource);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean isWeekend(LocalDate d) {
        DayOfWeek w = d.getDayOfWeek();
        return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
    }

    public boolean covers(int year) {
        return years.contains(year);
    }

    public boolean isWorkingDay(LocalDate d) {
        Kind k = exceptions.get(d);
        if (k != null) {
            return k == Kind.WORKING;
        }
        return !isWeekend(d);
    }

    public int workingDaysIn(int year) {
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The n-th working day strictly after {@code day} (n ≥ 1). */
    public LocalDate nthWorkingDayAfter(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        LocalDate d = day;
        for (int left = n; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /**
     * Deadline of "within n working days" for something received at {@code start}: the end (24:00 local) of the n-th
     * working day after the local date of receipt — the day of receipt is not counted, as in office practice.
     */
    public Instant workingDaysDeadline(Instant start, int n, ZoneId zone) {
        LocalDate received = start.atZone(zone).toLocalDate();
        return nthWorkingDayAfter(received, n).plusDays(1).atStartOfDay(zone).toInstant();
    }
}
