package ru.tsur.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Headline figures of a warehouse, read with DuckDB straight from the Parquet datasets. */
record WarehouseSummary(long posts, long distinctIds, long actionable, long rejected, Map<String, Long> reasons,
        long incidents, long merged, long alerts, List<List<String>> sectors) {

    static WarehouseSummary of(Path warehouse) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            String posts = table(warehouse, "posts"), dlq = table(warehouse, "dlq"), alerts = table(warehouse, "alerts");
            List<String> p = posts == null ? List.of("0", "0", "0", "0", "0")
                    : rows(c, "select count(*), count(distinct id), count(*) filter (where actionable), "
                            + "count(distinct incident_id), count(*) filter (where duplicate_of is not null) from " + posts).get(0);
            Map<String, Long> reasons = new TreeMap<>();
            if (dlq != null) {
                for (List<String> r : rows(c, "select reason, count(*) from " + dlq + " group by 1")) {
                    reasons.put(r.get(0), Long.parseLong(r.get(1)));
                }
            }
            long alertCount = alerts == null ? 0 : Long.parseLong(rows(c, "select count(distinct alert_id) from " + alerts).get(0).get(0));
            List<List<String>> sectors = posts == null ? List.of()
                    : rows(c, "select sector, count(*), count(*) filter (where actionable) from " + posts
                            + " group by 1 order by 2 desc, 1");
            return new WarehouseSummary(Long.parseLong(p.get(0)), Long.parseLong(p.get(1)), Long.parseLong(p.get(2)),
                    reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, Long.parseLong(p.get(3)),
                    Long.parseLong(p.get(4)), alertCount, sectors);
        }
    }

    private static String table(Path warehouse, String dataset) {
        Path dir = warehouse.resolve(dataset);
        if (!Files.isDirectory(dir)) return null;
        return "read_parquet('" + dir + "/**/*.parquet', hive_partitioning = true)";
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
            return out;
        }
    }
}
