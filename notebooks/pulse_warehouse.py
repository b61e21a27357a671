"""DuckDB views over a Pulse warehouse, shared by the notebooks.

Views: posts, incident_versions, incidents (latest version of each incident), alerts, dlq.
Each view reads the monthly partitions (monthly/<dataset>/month=YYYY-MM/, committed with a _MANIFEST) and the
daily ones (<dataset>/dt=YYYY-MM-DD/) that no manifest has replaced yet, so no row counts twice while a
compaction is half done.
"""
import glob
import os

import duckdb

DATASETS = ("posts", "incidents", "alerts", "dlq")


def warehouse_dir(default="../warehouse"):
    """The warehouse to read: $PULSE_WAREHOUSE, else `default` (relative to the notebook)."""
    return os.path.abspath(os.environ.get("PULSE_WAREHOUSE", default))


def _retired(wh, dataset):
    retired = set()
    for manifest in glob.glob(os.path.join(wh, "monthly", dataset, "month=*", "_MANIFEST")):
        with open(manifest, encoding="utf-8") as f:
            retired.update(line.split(" ", 1)[1].strip() for line in f if line.startswith("source "))
    return retired


def files(wh, dataset):
    """Parquet files of a dataset, monthly first, daily partitions replaced by a monthly one skipped."""
    out = []
    for month_dir in sorted(glob.glob(os.path.join(wh, "monthly", dataset, "month=*"))):
        if os.path.exists(os.path.join(month_dir, "_MANIFEST")):
            out += sorted(glob.glob(os.path.join(month_dir, "*.parquet")))
    retired = _retired(wh, dataset)
    for day_dir in sorted(glob.glob(os.path.join(wh, dataset, "dt=*"))):
        if os.path.basename(day_dir) not in retired:
            out += sorted(glob.glob(os.path.join(day_dir, "*.parquet")))
    return out


def connect(wh=None):
    """An in-memory DuckDB connection with one view per dataset (an empty dataset gives no view)."""
    wh = wh or warehouse_dir()
    if not os.path.isdir(wh):
        raise FileNotFoundError(f"no warehouse at {wh}: set PULSE_WAREHOUSE")
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for dataset in DATASETS:
        paths = files(wh, dataset)
        if not paths:
            continue
        listing = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)
        view = "incident_versions" if dataset == "incidents" else dataset
        con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet([{listing}], union_by_name = true, hive_partitioning = false)")
    if files(wh, "incidents"):
        con.execute("""
            CREATE VIEW incidents AS
            SELECT * FROM incident_versions
            QUALIFY row_number() OVER (PARTITION BY incident_id ORDER BY version DESC, updated_at DESC) = 1""")
    return con
