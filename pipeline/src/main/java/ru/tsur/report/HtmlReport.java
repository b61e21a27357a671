package ru.tsur.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import ru.tsur.model.Sector;
import ru.tsur.schema.WeeklyStat;

/**
 * The governor's office report: one self-contained HTML page (no scripts, no external files) with inline SVG
 * charts. Deterministic: the same data renders the same bytes.
 */
public final class HtmlReport {
    static final int HEAT_ROWS = 25;
    static final int BODY_ROWS = 15;
    /** One colour per sector, in {@link Sector} order (ColorBrewer Set1/Dark2, readable in print). */
    static final String[] COLORS = {"#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a6761d", "#f781bf",
        "#1b9e77", "#999999"};

    private HtmlReport() {
    }

    public static String fileName(ReportWindow window) {
        return "report-" + window.date() + ".html";
    }

    public static String render(ReportData d) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Пульс: отчёт за неделю ").append(d.window().week()).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222}\n")
                .append("h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}\n")
                .append(".sub{color:#666}.cards{display:flex;flex-wrap:wrap;gap:12px}\n")
                .append(".card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:140px}\n")
                .append(".card .v{font-size:26px;font-weight:bold}.card .l{color:#555;font-size:13px}\n")
                .append(".up{color:#c0392b}.down{color:#1e8449}.same{color:#777}\n")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}\n")
                .append("td.n{text-align:right}svg text{font-family:'DejaVu Sans',Arial,sans-serif}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>Пульс: обращения граждан за неделю ").append(d.window().week()).append("</h1>\n")
                .append("<p class=\"sub\">Неделя с ").append(IsoWeeks.monday(d.window().date()))
                .append(" по ").append(d.window().date()).append(" (данные на конец дня), сравнение с неделей ")
                .append(d.window().previousWeek()).append(".</p>\n");
        headline(h, d);
        h.append("<h2>Карта: регион × отрасль (сообщения за неделю)</h2>\n");
        heatMap(h, d);
        h.append("<h2>Сообщения по дням и отраслям</h2>\n");
        daily(h, d);
        h.append("<h2>Просроченные инциденты по ответственным</h2>\n");
        bodies(h, d);
        h.append("<h2>Всплески недели</h2>\n");
        spikes(h, d);
        h.append("<h2>Главные темы</h2>\n");
        topics(h, d);
        h.append("<p class=\"sub\">Доли и сроки: реакция за 8 ч (1 ч для критических), ответ по существу за 8 рабочих дней ")
                .append("по производственному календарю. Тексты обезличены. Источник: наборы данных Pulse.</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void headline(StringBuilder h, ReportData d) {
        ReportData.Totals c = d.current();
        ReportData.Totals p = d.previous();
        h.append("<div class=\"cards\">\n");
        card(h, "Сообщений", fmt(c.posts()), arrow(c.posts(), p.posts(), true));
        card(h, "Требуют реакции", fmt(c.actionablePosts()), arrow(c.actionablePosts(), p.actionablePosts(), true));
        card(h, "Инцидентов", fmt(c.incidents()), arrow(c.incidents(), p.incidents(), true));
        card(h, "Критических", fmt(c.criticalIncidents()), arrow(c.criticalIncidents(), p.criticalIncidents(), true));
        card(h, "Реакция в срок", pct(c.reactedShare()), shareArrow(c.reactedShare(), p.reactedShare()));
        card(h, "Ответ в срок", pct(c.answeredShare()), shareArrow(c.answeredShare(), p.answeredShare()));
        card(h, "Просрочено сейчас", fmt(c.overdueOpen()), "");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String label, String value, String arrow) {
        h.append("<div class=\"card\"><div class=\"v\">").append(value).append(' ').append(arrow)
                .append("</div><div class=\"l\">").append(esc(label)).append("</div></div>\n");
    }

    /** Week-on-week arrow; for counts of complaints, growth is bad (red). */
    static String arrow(long now, long before, boolean growthIsBad) {
        if (before == 0) {
            return now == 0 ? "<span class=\"same\">= </span>" : "<span class=\"same\">новое</span>";
        }
        double pct = (now - before) * 100.0 / before;
        if (Math.abs(pct) < 0.5) {
            return "<span class=\"same\">= 0%</span>";
        }
        boolean up = now > before;
        String cls = up == growthIsBad ? "up" : "down";
        return "<span class=\"" + cls + "\">" + (up ? "▲ +" : "▼ ") + String.format(Locale.ROOT, "%.0f%%", pct) + "</span>";
    }

    static String shareArrow(Double now, Double before) {
        if (now == null || before == null) {
            return "";
        }
        double diff = (now - before) * 100;
        if (Math.abs(diff) < 0.05) {
            return "<span class=\"same\">=</span>";
        }
        return "<span class=\"" + (diff > 0 ? "down" : "up") + "\">" + (diff > 0 ? "▲ +" : "▼ ")
                + String.format(Locale.ROOT, "%.1f п.п.", diff) + "</span>";
    }

    private static void heatMap(StringBuilder h, ReportData d) {
        Map<String, long[]> byRegion = new LinkedHashMap<>();
        Map<String, Long> totals = new TreeMap<>();
        Sector[] sectors = Sector.values();
        long max = 1;
        for (WeeklyStat s : d.weekly()) {
            String rc = s.getRegionCode().toString();
            long[] row = byRegion.computeIfAbsent(rc, k -> new long[sectors.length]);
            int col = sectorIndex(s.getSector().toString());
            row[col] += s.getPosts();
            max = Math.max(max, row[col]);
            totals.merge(rc, s.getPosts(), Long::sum);
        }
        List<String> regions = new ArrayList<>(totals.keySet());
        regions.sort((a, b) -> totals.get(a).equals(totals.get(b)) ? a.compareTo(b) : Long.compare(totals.get(b), totals.get(a)));
        if (regions.size() > HEAT_ROWS) {
            regions = regions.subList(0, HEAT_ROWS);
        }
        if (regions.isEmpty()) {
            h.append("<p>Нет сообщений за неделю.</p>\n");
            return;
        }
        int labelW = 250;
        int cellW = 88;
        int cellH = 24;
        int top = 44;
        int width = labelW + cellW * sectors.length + 10;
        int height = top + cellH * regions.size() + 10;
        h.append(svgOpen(width, height, "Тепловая карта: сообщения по регионам и отраслям"));
        for (int j = 0; j < sectors.length; j++) {
            int x = labelW + j * cellW + cellW / 2;
            h.append(text(x, top - 8, "middle", 11, shortTitle(sectors[j])));
        }
        for (int i = 0; i < regions.size(); i++) {
            String rc = regions.get(i);
            int y = top + i * cellH;
            String name = d.regionNames().getOrDefault(rc, rc.equals(ReportFacts.UNKNOWN_REGION) ? "регион не определён" : rc);
            h.append(text(labelW - 6, y + 16, "end", 12, clip(name, 30)));
            long[] row = byRegion.get(rc);
            for (int j = 0; j < sectors.length; j++) {
                double t = Math.sqrt((double) row[j] / max);
                int x = labelW + j * cellW;
                h.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"/>",
                        x, y, cellW, cellH, heat(t)));
                if (row[j] > 0) {
                    h.append(String.format(Locale.ROOT,
                            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">%s</text>",
                            x + cellW / 2, y + 16, t > 0.6 ? "#fff" : "#222", fmt(row[j])));
                }
            }
            h.append('\n');
        }
        h.append("</svg>\n");
    }

    private static void daily(StringBuilder h, ReportData d) {
        SortedMap<String, SortedMap<String, Long>> days = d.dailyBySector();
        if (days.isEmpty()) {
            h.append("<p>Нет сообщений.</p>\n");
            return;
        }
        Sector[] sectors = Sector.values();
        long max = 1;
        for (SortedMap<String, Long> day : days.values()) {
            max = Math.max(max, day.values().stream().mapToLong(Long::longValue).sum());
        }
        int left = 60;
        int top = 20;
        int plotH = 260;
        int barW = Math.max(12, Math.min(50, 700 / days.size()));
        int gap = 6;
        int width = left + days.size() * (barW + gap) + 200;
        int height = top + plotH + 50;
        h.append(svgOpen(width, height, "Сообщения по дням, по отраслям (столбцы с накоплением)"));
        for (int g = 0; g <= 4; g++) {
            long v = Math.round(max * g / 4.0);
            int y = top + plotH - (int) Math.round(plotH * g / 4.0);
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>",
                    left, left + days.size() * (barW + gap), y, y));
            h.append(text(left - 6, y + 4, "end", 10, fmt(v)));
        }
        int i = 0;
        for (Map.Entry<String, SortedMap<String, Long>> day : days.entrySet()) {
            int x = left + i * (barW + gap);
            double y = top + plotH;
            for (int j = 0; j < sectors.length; j++) {
                long v = day.getValue().getOrDefault(sectors[j].slug(), 0L);
                if (v == 0) {
                    continue;
                }
                double bh = plotH * (double) v / max;
                y -= bh;
                h.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>",
                        x, y, barW, bh, COLORS[j], day.getKey(), esc(sectors[j].title()), v));
            }
            h.append(text(x + barW / 2, top + plotH + 14, "middle", 10, day.getKey().substring(5)));
            h.append('\n');
            i++;
        }
        int lx = left + days.size() * (barW + gap) + 16;
        for (int j = 0; j < sectors.length; j++) {
            int ly = top + j * 20;
            h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                    lx, ly, COLORS[j]));
            h.append(text(lx + 18, ly + 11, "start", 11, sectors[j].title()));
        }
        h.append("</svg>\n");
    }

    private static void bodies(StringBuilder h, ReportData d) {
        List<ReportData.BodyOverdue> list = d.overdueByBody();
        if (list.isEmpty()) {
            h.append("<p>Просроченных инцидентов нет.</p>\n");
            return;
        }
        if (list.size() > BODY_ROWS) {
            list = list.subList(0, BODY_ROWS);
        }
        long max = Math.max(1, list.get(0).overdue());
        int labelW = 360;
        int plotW = 480;
        int rowH = 22;
        int width = labelW + plotW + 80;
        int height = rowH * list.size() + 10;
        h.append(svgOpen(width, height, "Просроченные открытые инциденты по ответственным органам"));
        for (int i = 0; i < list.size(); i++) {
            ReportData.BodyOverdue b = list.get(i);
            int y = i * rowH + 4;
            double w = plotW * (double) b.overdue() / max;
            double wc = plotW * (double) b.critical() / max;
            h.append(text(labelW - 6, y + 14, "end", 12, clip(b.body(), 48)));
            h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e67e22\"/>",
                    labelW, y, w, rowH - 6));
            if (b.critical() > 0) {
                h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#c0392b\"/>",
                        labelW, y, wc, rowH - 6));
            }
            h.append(text((int) (labelW + w + 6), y + 14, "start", 12,
                    fmt(b.overdue()) + (b.critical() > 0 ? " (крит. " + fmt(b.critical()) + ")" : "")));
            h.append('\n');
        }
        h.append("</svg>\n");
    }

    private static void spikes(StringBuilder h, ReportData d) {
        if (d.spikes().isEmpty()) {
            h.append("<p>Всплесков не было.</p>\n");
            return;
        }
        h.append("<table><tr><th>Дата</th><th>Регион</th><th>Отрасль</th><th>Подробности</th></tr>\n");
        for (ReportData.Spike s : d.spikes()) {
            h.append("<tr><td>").append(s.dt()).append("</td><td>").append(esc(s.region() == null ? s.regionCode() : s.region()))
                    .append("</td><td>").append(esc(sectorTitle(s.sector()))).append("</td><td>").append(esc(s.detail()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void topics(StringBuilder h, ReportData d) {
        if (d.topTopics().isEmpty()) {
            h.append("<p>Нет тем.</p>\n");
            return;
        }
        h.append("<table><tr><th>Тема</th><th>Сообщений</th><th>К прошлой неделе</th><th>Пример (обезличен)</th></tr>\n");
        for (ReportData.TopTopic t : d.topTopics()) {
            h.append("<tr><td>").append(esc(t.topic())).append("</td><td class=\"n\">").append(fmt(t.posts()))
                    .append("</td><td>").append(arrow(t.posts(), t.previousPosts(), true)).append("</td><td>")
                    .append(esc(t.example() == null ? "—" : t.example())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String svgOpen(int width, int height, String title) {
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
                        + "<title>%s</title>\n", width, height, width, height, esc(title));
    }

    private static String text(int x, int y, String anchor, int size, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\">%s</text>",
                x, y, anchor, size, esc(s));
    }

    /** White to dark blue; t in [0, 1]. */
    static String heat(double t) {
        int r = (int) Math.round(247 - t * (247 - 8));
        int g = (int) Math.round(251 - t * (251 - 48));
        int b = (int) Math.round(255 - t * (255 - 107));
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static int sectorIndex(String slug) {
        try {
            return Sector.fromSlug(slug).ordinal();
        } catch (IllegalArgumentException e) {
            return Sector.OTHER.ordinal();
        }
    }

    private static String sectorTitle(String slug) {
        return Sector.values()[sectorIndex(slug)].title();
    }

    /** Column heads of the heat map: the full titles do not fit a cell. */
    private static String shortTitle(Sector s) {
        return switch (s) {
            case HOUSING -> "ЖКХ";
            case WASTE -> "ТБО";
            case TRANSPORT -> "Транспорт";
            case HEALTH -> "Медицина";
            case EDUCATION -> "Образование";
            case SOCIAL -> "Соцзащита";
            case CONSTRUCTION -> "Стройка";
            default -> s.title();
        };
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }

    static String fmt(long v) {
        String s = Long.toString(Math.abs(v));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (s.length() - i) % 3 == 0) {
                b.append('\u202f');
            }
            b.append(s.charAt(i));
        }
        return (v < 0 ? "-" : "") + b;
    }

    static String pct(Double share) {
        return share == null ? "—" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
