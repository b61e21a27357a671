package ru.tsur.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ru.tsur.jobs.DuckDb;

/** Headline figures of a warehouse, read with DuckDB straight from the Parquet datasets. */
record WarehouseSummary(long posts, long distinctIds, long actionable, long rejected, Map<String, Long> reasons,
        long incidents, long merged, long alerts, List<List<String>> sectors) {

    static WarehouseSummary of(Path warehouse) throws SQLException {
        {
            String posts = table(warehouse, "posts"), dlq = table(warehouse, "dlq"), alerts = table(warehouse, "alerts");
            List<String> p = posts == null ? List.of("0", "0", "0", "0", "0")
                    : DuckDb.rows("select count(*), count(distinct id), count(*) filter (where actionable), "
                            + "count(distinct incident_id), count(*) filter (where duplicate_of is not null) from " + posts).get(0);
            Map<String, Long> reasons = new TreeMap<>();
            if (dlq != null) {
                for (List<String> r : DuckDb.rows("select reason, count(*) from " + dlq + " group by 1")) {
                    reasons.put(r.get(0), Long.parseLong(r.get(1)));
                }
            }
            long alertCount = alerts == null ? 0 : Long.parseLong(DuckDb.rows("select count(distinct alert_id) from " + alerts).get(0).get(0));
            List<List<String>> sectors = posts == null ? List.of()
                    : DuckDb.rows("select sector, count(*), count(*) filter (where actionable) from " + posts
                            + " group by 1 order by 2 desc, 1");
            return new WarehouseSummary(Long.parseLong(p.get(0)), Long.parseLong(p.get(1)), Long.parseLong(p.get(2)),
                    reasons.values().stream().mapToLong(Long::longValue).sum(), reasons, Long.parseLong(p.get(3)),
                    Long.parseLong(p.get(4)), alertCount, sectors);
        }
    }

    private static String table(Path warehouse, String dataset) {
        Path dir = warehouse.resolve(dataset);
        if (!Files.isDirectory(dir)) return null;
        return DuckDb.dataset(warehouse, dataset);
    }

}
