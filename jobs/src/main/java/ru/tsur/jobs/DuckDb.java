package ru.tsur.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the Parquet datasets with an in-memory DuckDB: the same SQL analysts run. */
public final class DuckDb {
    private DuckDb() {}

    /** Rows of a query, every value as a string (null stays null). */
    public static List<List<String>> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                out.add(row);
            }
            return out;
        }
    }

    /** {@code read_parquet(...)} of one dataset of a warehouse, with its dt= partitions as a column. */
    public static String dataset(Path warehouse, String name) {
        return "read_parquet('" + warehouse.resolve(name) + "/**/*.parquet', hive_partitioning = true)";
    }
}
