# Sourced by scripts/e2e-cluster and scripts/failure-*: a private cluster per test (own run dir, free loopback
# ports), the job's configuration with test overrides, bounded waits on the Parquet datasets, exact checks, and a
# cleanup that stops exactly the processes the test started. Source it before anything else:
#   . "$(dirname "$0")/lib/cluster-e2e.sh" NAME

_e2e_name=${1:?test name}
_e2e_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PULSE_RUN_DIR=${PULSE_E2E_RUN_DIR:-$_e2e_root/run/$_e2e_name}

_e2e_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
_e2e_ports_taken=" "
# A free loopback port below Linux's ephemeral range (32768+, where outgoing connections take theirs), never one
# this test picked already: nothing listens on those yet, so "free" alone would not tell them apart.
_e2e_pick_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    case "$_e2e_ports_taken" in *" $p "*) continue ;; esac
    _e2e_port_free "$p" && { _e2e_ports_taken+="$p "; echo "$p"; return; }
  done
}
_e2e_port() {  # _e2e_port PINNED : the pinned port, or a fresh one (not in a subshell: it records the pick)
  if [ -n "$1" ]; then _e2e_ports_taken+="$1 "; E2E_PORT=$1; else E2E_PORT=$(_e2e_pick_port); _e2e_ports_taken+="$E2E_PORT "; fi
}
# Private ports unless the caller pinned them, so a test runs beside a developer's cluster on the defaults.
_e2e_port "${PULSE_E2E_KAFKA_PORT:-}"; export PULSE_KAFKA_PORT=$E2E_PORT
_e2e_port "${PULSE_E2E_KAFKA_CONTROLLER_PORT:-}"; export PULSE_KAFKA_CONTROLLER_PORT=$E2E_PORT
_e2e_port "${PULSE_E2E_FLINK_REST_PORT:-}"; export PULSE_FLINK_REST_PORT=$E2E_PORT
_e2e_port "${PULSE_E2E_FLINK_RPC_PORT:-}"; export PULSE_FLINK_RPC_PORT=$E2E_PORT
# Find a dead TaskManager sooner than Flink's default 50 s (a killed process is mostly noticed by its lost
# connection anyway), but not so soon that a busy machine fails a live one: 10 s timed out a healthy TaskManager
# at load average 39 and restarted the job.
export PULSE_FLINK_HEARTBEAT_INTERVAL=${PULSE_FLINK_HEARTBEAT_INTERVAL:-3s}
export PULSE_FLINK_HEARTBEAT_TIMEOUT=${PULSE_FLINK_HEARTBEAT_TIMEOUT:-30s}

. "$_e2e_root/scripts/lib/cluster.sh"
. "$_e2e_root/scripts/lib/cluster-job.sh"

E2E_DIR="$PULSE_RUN_DIR/e2e"
E2E_FIGURES="$E2E_DIR/figures.txt"
E2E_T0=$(date +%s)
E2E_DEADLINE=$((E2E_T0 + ${PULSE_E2E_TIMEOUT:-900}))
E2E_FAILED=0 E2E_PASSED_N=0 E2E_FAILED_N=0 E2E_SKIPPED_N=0

# The environment the configuration file reads (${env:…}); a fresh pseudonymization key per test run.
export PULSE_KAFKA_BOOTSTRAP="$PULSE_BOOTSTRAP"
export PULSE_WAREHOUSE_URI="file://$PULSE_RUN_DIR/warehouse"
export PULSE_CHECKPOINT_DIR="file://$PULSE_RUN_DIR/flink/checkpoints"
export PULSE_PSEUDONYM_KEY=${PULSE_PSEUDONYM_KEY:-e2e-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}

# PULSE_E2E_SASL=1: the broker requires SASL (PLAIN, fresh random password); the job, the topic set-up and the test
# tools authenticate through the kafka.client.* keys of the configuration, the secret only in the environment.
E2E_KAFKA_CLIENT=()
if [ "${PULSE_E2E_SASL:-0}" = 1 ]; then
  export PULSE_KAFKA_SASL_PASSWORD="sasl-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  export PULSE_KAFKA_JAAS="org.apache.kafka.common.security.plain.PlainLoginModule required username=\"pulse\" password=\"$PULSE_KAFKA_SASL_PASSWORD\";"
  E2E_KAFKA_CLIENT=(kafka.client.security.protocol=SASL_PLAINTEXT kafka.client.sasl.mechanism=PLAIN
    'kafka.client.sasl.jaas.config=${env:PULSE_KAFKA_JAAS}')
fi

# PULSE_E2E_S3=1: the warehouse and the checkpoints on S3 (an emulator on loopback), see cluster-s3.sh.
if [ "${PULSE_E2E_S3:-0}" = 1 ]; then . "$_e2e_root/scripts/lib/cluster-s3.sh"; fi

# On failure, what CI shows: the job's root exception and the tail of every log, before the processes go.
_e2e_diagnostics() {
  local job f
  echo "---- diagnostics ($_e2e_name failed; run dir $PULSE_RUN_DIR)"
  job=$(pulse_job_current 2>/dev/null || true)
  if [ -n "$job" ]; then
    echo "job $job: $(pulse_job_state "$job" 2>/dev/null), restarts $(pulse_job_restarts "$job" 2>/dev/null)"
    pulse_rest "/jobs/$job/exceptions" 2>/dev/null | pulse_json "(j.get('exceptionHistory') or {}).get('entries', [{}])[0].get('stacktrace', '')[:3000]" || true
  fi
  for f in "$PULSE_RUN_DIR"/flink/logs/jobmanager.log "$PULSE_RUN_DIR"/flink/logs/taskmanager*.log \
      "$PULSE_RUN_DIR"/kafka/logs/server.log "$E2E_DIR"/producer.err; do
    [ -s "$f" ] || continue
    echo "---- last warnings and errors of $f"
    grep -E ' (WARN|ERROR) ' "$f" | tail -n 15 || true
    echo "---- tail of $f"; tail -n 15 "$f"
  done
}

e2e_cleanup() {
  local rc=$?
  # Everything below to stderr: a signal may land while stdout is redirected to /dev/null (a quiet wait).
  exec 1>&2
  if [ "$rc" -ne 0 ] || [ "$E2E_FAILED" -ne 0 ]; then _e2e_diagnostics || true; fi
  # a producer still running in the background (the test died mid-stream): it is this script's child
  if [ -n "${E2E_PRODUCER:-}" ] && kill -0 "$E2E_PRODUCER" 2>/dev/null; then
    pkill -P "$E2E_PRODUCER" 2>/dev/null || true; kill "$E2E_PRODUCER" 2>/dev/null || true
  fi
  if [ "${PULSE_E2E_KEEP:-0}" = 1 ]; then
    pulse_log "PULSE_E2E_KEEP=1: leaving the cluster running (stop: PULSE_RUN_DIR=$PULSE_RUN_DIR scripts/flink-stop; scripts/kafka-stop)"
  else
    "$PULSE_ROOT/scripts/flink-stop" >/dev/null 2>&1 || true
    "$PULSE_ROOT/scripts/kafka-stop" >/dev/null 2>&1 || true
    if [ -n "${E2E_S3_PORT:-}" ]; then e2e_s3_stop || true; fi
    pulse_log "stopped the processes this test started"
  fi
  [ -f "$E2E_FIGURES" ] && { echo "---- figures ($E2E_FIGURES)"; cat "$E2E_FIGURES"; }
  # An abort (no check failed, but the script died) counts as one failure. The last line is CI's test summary.
  [ "$rc" -ne 0 ] && [ "$E2E_FAILED_N" -eq 0 ] && E2E_FAILED_N=1
  echo "$_e2e_name: $E2E_PASSED_N passed, $E2E_FAILED_N failed, $E2E_SKIPPED_N skipped"
  exit "$rc"
}

# e2e_start : fresh run dir (jars stay cached), broker, session cluster; registers the cleanup.
e2e_start() {
  # Never wipe a run dir whose processes still run (a previous test kept with PULSE_E2E_KEEP=1).
  if pulse_pid kafka >/dev/null || pulse_pid jobmanager >/dev/null || pulse_pid taskmanager >/dev/null; then
    pulse_die "$PULSE_RUN_DIR has running processes; stop them first (PULSE_RUN_DIR=$PULSE_RUN_DIR scripts/flink-stop; scripts/kafka-stop)"
  fi
  rm -rf "$PULSE_RUN_DIR/kafka" "$PULSE_RUN_DIR/flink" "$PULSE_RUN_DIR/warehouse" "$E2E_DIR"
  mkdir -p "$E2E_DIR"
  : >"$E2E_FIGURES"
  if [ ${#E2E_KAFKA_CLIENT[@]} -gt 0 ]; then
    printf '%s\n' "${E2E_KAFKA_CLIENT[@]}" >"$E2E_DIR/kafka-client.properties"
    export PULSE_CONFIG="$E2E_DIR/kafka-client.properties"   # read by kafka-start's topic set-up and the tools
  fi
  trap e2e_cleanup EXIT
  trap 'exit 130' INT TERM
  if [ -n "${E2E_S3_PORT:-}" ]; then e2e_s3_start; fi
  "$PULSE_ROOT/scripts/kafka-start" >/dev/null
  "$PULSE_ROOT/scripts/flink-start" >/dev/null
  e2e_figure startup_seconds $(($(date +%s) - E2E_T0))
}

e2e_figure() { echo "$1=$2" >>"$E2E_FIGURES"; pulse_log "figure $1=$2"; }

e2e_check() {  # e2e_check DESCRIPTION CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then
    pulse_log "PASS $1"; E2E_PASSED_N=$((E2E_PASSED_N + 1))
  else
    pulse_log "FAIL $1"; E2E_FAILED=1; E2E_FAILED_N=$((E2E_FAILED_N + 1))
  fi
}

e2e_skip() { pulse_log "SKIP $1"; echo "skipped: $1" >>"$E2E_FIGURES"; E2E_SKIPPED_N=$((E2E_SKIPPED_N + 1)); }

e2e_finish() {
  e2e_figure total_seconds $(($(date +%s) - E2E_T0))
  if [ "$E2E_FAILED" -ne 0 ]; then pulse_log "$_e2e_name: FAILED"; exit 1; fi
  pulse_log "$_e2e_name: all checks passed"
}

e2e_time_left() { echo $((E2E_DEADLINE - $(date +%s))); }

# e2e_config OUT KEY=VALUE... : scripts/conf/pulse.properties with the given keys replaced or added.
e2e_config() {
  local out=$1 kv k; shift
  cp "$PULSE_ROOT/scripts/conf/pulse.properties" "$out"
  # The tests replay two days of posts in seconds; when the producer stops, dedup releases the posts it holds for
  # ordering once the replay's watermark has run on by the out-of-order bound (+ idleness) of wall time, so keep it short.
  for kv in watermark.out.of.orderness=20s watermark.idleness=10s "$@" "${E2E_KAFKA_CLIENT[@]}"; do
    k=${kv%%=*}
    if grep -q "^$k=" "$out"; then
      # shellcheck disable=SC2001
      sed -i "s|^$k=.*|$(sed 's/[|&\\]/\\&/g' <<<"$kv")|" "$out"
    else
      echo "$kv" >>"$out"
    fi
  done
}

# e2e_generate N SEED OUT : N valid posts from the project's generator (tsur generate), one JSON object per line.
# PULSE_E2E_PER_HOUR posts per hour of publication time (default 60: 3000 posts span two days, so SLA deadlines
# pass in event time and alerts fire).
e2e_generate() {
  local jar
  jar=$(pulse_job_jar)
  "$JAVA_HOME/bin/java" $PULSE_JVM_OPENS -cp "$jar:$PULSE_LIB_DIR/flink/jars/*" ru.tsur.jobs.cli.Tsur generate \
    --posts "$1" --seed "$2" --per-hour "${PULSE_E2E_PER_HOUR:-60}" --output "$3" >"$E2E_DIR/generate.log" 2>&1 ||
    { cat "$E2E_DIR/generate.log" >&2; pulse_die "generator failed"; }
  wc -l <"$3"
}

# e2e_sql QUERY : DuckDB over the warehouse; {posts}, {dlq}, {alerts}, {incidents} stand for the datasets' files.
e2e_sql() {
  local q=$1 d src
  if [ -n "${E2E_S3_PORT:-}" ]; then e2e_s3_mirror; fi
  for d in posts dlq alerts incidents; do
    if compgen -G "$PULSE_RUN_DIR/warehouse/$d/*/*.parquet" >/dev/null; then
      src="read_parquet('$PULSE_RUN_DIR/warehouse/$d/*/*.parquet', union_by_name=true)"
    else
      src="(select null::varchar as id, null::varchar as alert_id, null::varchar as reason where false)"
    fi
    q=${q//"{$d}"/$src}
  done
  pulse_tool sql "$q"
}

e2e_count() { e2e_sql "select count(*) from {$1}"; }

# e2e_wait_count DATASET N SECONDS : waits until the committed Parquet files hold at least N rows.
e2e_wait_count() {
  local ds=$1 want=$2 secs=$3 t0 n=0
  t0=$(date +%s)
  while [ $(($(date +%s) - t0)) -lt "$secs" ] && [ "$(e2e_time_left)" -gt 0 ]; do
    n=$(e2e_count "$ds" 2>/dev/null || echo 0)
    [ "${n:-0}" -ge "$want" ] && { echo "$n"; return 0; }
    sleep 3
  done
  echo "${n:-0}"
  return 1
}

# e2e_check_posts_exactly_once PRODUCED_IDS : every produced id in the posts dataset, exactly once, nothing else.
e2e_check_posts_exactly_once() {
  local ids=$1 got="$E2E_DIR/posts-ids.txt" want="$E2E_DIR/produced-ids.sorted" rows distinct missing extra
  sort -u "$ids" >"$want"
  e2e_sql "select id from {posts}" | sort >"$got"
  rows=$(wc -l <"$got"); distinct=$(sort -u "$got" | wc -l)
  missing=$(comm -23 "$want" <(sort -u "$got") | wc -l)
  extra=$(comm -13 "$want" <(sort -u "$got") | wc -l)
  e2e_figure posts_produced "$(wc -l <"$want")"
  e2e_figure posts_rows "$rows"
  e2e_figure posts_duplicate_rows $((rows - distinct))
  e2e_figure posts_missing_ids "$missing"
  e2e_figure posts_unexpected_ids "$extra"
  e2e_check "posts dataset holds every produced id exactly once" \
    $([ "$rows" -eq "$distinct" ] && [ "$missing" -eq 0 ] && [ "$extra" -eq 0 ]; echo $?)
  if [ "$missing" -gt 0 ]; then
    comm -23 "$want" <(sort -u "$got") >"$E2E_DIR/posts-missing-ids.txt"
    e2e_explain_missing "$E2E_DIR/posts-missing-ids.txt" || true
  fi
}

# e2e_explain_missing IDS : where posts that never reached the dataset are: in the posts topic at all (read
# uncommitted, by partition and offset), and how far the job's posts source has read each partition. Tells a
# producer/broker loss from a source that stopped on a partition from posts held inside the job.
e2e_explain_missing() {
  local ids=$1 topic="$E2E_DIR/posts-topic-meta.tsv" job vid positions=""
  PULSE_ISOLATION=read_uncommitted PULSE_CONSUME_META=1 pulse_tool consume "$PULSE_BOOTSTRAP" posts "$topic" >/dev/null
  job=$(pulse_job_current 2>/dev/null || true)
  if [ -n "$job" ]; then
    vid=$(pulse_rest "/jobs/$job" 2>/dev/null | pulse_json \
      "[v['id'] for v in j['vertices'] if v['name'].startswith('Source: kafka-posts')][0]")
    local s ids_q
    for ((s = 0; s < $(pulse_rest "/jobs/$job/vertices/$vid" 2>/dev/null | pulse_json "j['parallelism']"); s++)); do
      ids_q=$(pulse_rest "/jobs/$job/vertices/$vid/subtasks/$s/metrics" 2>/dev/null |
        pulse_json "','.join(m['id'] for m in j if m['id'].endswith('currentOffset'))")
      [ -n "$ids_q" ] && positions+=$(pulse_rest "/jobs/$job/vertices/$vid/subtasks/$s/metrics?get=$ids_q" 2>/dev/null |
        pulse_json "' '.join(m['id'].split('partition.')[1].split('.')[0] + '=' + m['value'] for m in j)")" "
    done
  fi
  # records in and out of each task: posts held or lost inside the job show up as a gap
  [ -n "$job" ] && pulse_rest "/jobs/$job" 2>/dev/null | pulse_json "'\\n'.join('%s: in %s, out %s' % (v['name'][:60],
      v['metrics']['read-records'], v['metrics']['write-records']) for v in j['vertices'])" |
    while read -r line; do pulse_log "task $line"; done
  python3 - "$ids" "$topic" "$positions" <<'PY' | while read -r line; do pulse_log "missing posts: $line"; done
import json, sys
missing = set(open(sys.argv[1], encoding="utf-8").read().split())
where, ends = {}, {}
for line in open(sys.argv[2], encoding="utf-8"):
    part, off, value = line.rstrip("\n").split("\t", 2)
    part, off = int(part), int(off)
    ends[part] = max(ends.get(part, -1), off + 1)
    try:
        i = json.loads(value).get("id")
    except ValueError:
        continue
    if i in missing:
        where.setdefault(part, []).append(off)
pos = dict(kv.split("=") for kv in sys.argv[3].split())
print(f"{len(missing) - sum(map(len, where.values()))} of {len(missing)} not in the posts topic at all (read_uncommitted)")
for part in sorted(ends):
    offs = sorted(where.get(part, []))
    rng = f"offsets {offs[0]}..{offs[-1]}" if offs else "none"
    print(f"partition {part}: end offset {ends[part]}, the source's last offset read {pos.get(str(part), '?')}, missing {len(offs)} ({rng})")
PY
}

# e2e_check_topic_exactly_once TOPIC PRODUCED_IDS : a read_committed consumer of TOPIC (JSON values with "id")
# sees every produced id exactly once: the exactly-once Kafka sink across failures.
e2e_check_topic_exactly_once() {
  local topic=$1 ids=$2 out="$E2E_DIR/$1-topic.jsonl" n dup missing
  pulse_tool consume "$PULSE_BOOTSTRAP" "$topic" "$out" >/dev/null
  python3 -c 'import json,sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["id"])' "$out" | sort >"$out.ids"
  n=$(wc -l <"$out.ids"); dup=$(uniq -d "$out.ids" | wc -l)
  missing=$(comm -23 <(sort -u "$ids") <(sort -u "$out.ids") | wc -l)
  e2e_figure "${topic//-/_}_topic_committed" "$n"
  e2e_figure "${topic//-/_}_topic_duplicate_ids" "$dup"
  e2e_figure "${topic//-/_}_topic_missing_ids" "$missing"
  e2e_check "topic $topic (read_committed) holds every produced id exactly once" \
    $([ "$dup" -eq 0 ] && [ "$missing" -eq 0 ] && [ "$n" -eq "$(sort -u "$ids" | wc -l)" ]; echo $?)
}

# e2e_check_alerts_unique : no alert id twice, in the Parquet dataset and in the topic as read_committed sees it.
e2e_check_alerts_unique() {
  local n dup topic_n topic_dup
  n=$(e2e_count alerts)
  dup=$(e2e_sql "select count(*) - count(distinct alert_id) from {alerts}")
  pulse_tool consume "$PULSE_BOOTSTRAP" alerts "$E2E_DIR/alerts-topic.jsonl" >/dev/null
  topic_n=$(wc -l <"$E2E_DIR/alerts-topic.jsonl")
  topic_dup=$( (grep -o '"alert_id" *: *"[^"]*"' "$E2E_DIR/alerts-topic.jsonl" || true) | sort | uniq -d | wc -l)
  e2e_figure alerts_rows "$n"
  e2e_figure alerts_duplicate_ids "$dup"
  e2e_figure alerts_topic_committed "$topic_n"
  e2e_figure alerts_topic_duplicate_ids "$topic_dup"
  e2e_check "no alert id twice (dataset: $dup, topic read_committed: $topic_dup)" \
    $([ "$dup" -eq 0 ] && [ "$topic_dup" -eq 0 ]; echo $?)
}

# e2e_check_alerts_raised : SLA alerts in the dataset and in the alerts topic (read_committed, as read by
# e2e_check_alerts_unique). The generated stream spans days of publication time, so deadlines must pass. The two
# counts are not compared: after the stream a replay's SLA clock keeps running, so alerts may still be committed.
e2e_check_alerts_raised() {
  local n topic_n
  n=$(e2e_count alerts)
  topic_n=$(wc -l <"$E2E_DIR/alerts-topic.jsonl")
  e2e_check "alerts were raised (dataset $n, topic $topic_n)" $([ "$n" -gt 0 ] && [ "$topic_n" -gt 0 ]; echo $?)
  # How far past the newest post the SLA clock got: a replay's own clock moves minutes past it while the test waits;
  # days mean a Long.MAX_VALUE watermark reached the SLA stage (docs/operations.md, known gaps).
  local past
  past=$(e2e_sql "select round(epoch(max(a.raised_at) - (select max(published_at) from {posts})) / 3600, 1)
    from {alerts} a")
  e2e_figure alerts_latest_raised_at_hours_after_last_post "$past"
  e2e_check "the SLA clock stayed the replay's own (latest alert ${past} h after the newest post, < 24 h)" \
    $(awk -v h="${past:-0}" 'BEGIN { exit !(h < 24) }'; echo $?)
}

# e2e_produce_bg FILE IDS RATE : replays FILE into the posts topic in the background at RATE records/s;
# E2E_PRODUCER is its pid (a child of this script), e2e_produce_wait waits for it and sets E2E_PRODUCED to the
# count. Not in $(…): a subshell cannot wait for its parent's child while it still runs.
e2e_produce_bg() {
  pulse_tool produce "$PULSE_BOOTSTRAP" posts "$1" "$2" "$3" >"$E2E_DIR/producer.out" 2>"$E2E_DIR/producer.err" &
  E2E_PRODUCER=$!
}
e2e_produce_wait() {
  wait "$E2E_PRODUCER" || { cat "$E2E_DIR/producer.err" >&2; pulse_die "producer failed"; }
  E2E_PRODUCED=$(cat "$E2E_DIR/producer.out")
}

# e2e_wait_mid_stream POSTS RATE : for "mid-stream" failures: until the first posts are committed to Parquet, or
# half the stream's duration on a machine too busy to commit that early (the producer is still sending either way).
e2e_wait_mid_stream() {
  local half=$(($1 / $2 / 2)) t0
  t0=$(date +%s)
  until [ "$(e2e_count posts 2>/dev/null || echo 0)" -gt 0 ] || [ $(($(date +%s) - t0)) -ge "$half" ]; do sleep 3; done
}


# e2e_half FILE FIRST SECOND : splits a JSON-lines file in two halves.
e2e_half() {
  local n
  n=$(wc -l <"$1")
  head -n $((n / 2)) "$1" >"$2"
  tail -n +$((n / 2 + 1)) "$1" >"$3"
}

e2e_now() { date +%s.%N; }
e2e_secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }  # e2e_secs FROM TO
