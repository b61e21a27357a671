# Sourced after cluster.sh: submit, watch and stop the streaming job on the session cluster (used by `tsur submit`,
# `tsur stop`, e2e-cluster and the failure tests). The current job id and the last savepoint are kept under
# $PULSE_RUN_DIR/flink/ so a stop and a later resume need no arguments.

PULSE_FLINK_URL="http://$PULSE_HOST:$PULSE_FLINK_REST_PORT"
PULSE_JOB_MAIN=${PULSE_JOB_MAIN:-ru.tsur.jobs.StreamingJob}
PULSE_JOB_STATE_DIR="$PULSE_RUN_DIR/flink/job"

# pulse_job_jar : the shaded cluster jar of the jobs module (Flink itself is provided by the
# cluster); builds it with Maven when missing or stale. PULSE_JOB_JAR overrides.
pulse_job_jar() {
  if [ -n "${PULSE_JOB_JAR:-}" ]; then
    [ -f "$PULSE_JOB_JAR" ] || pulse_die "PULSE_JOB_JAR=$PULSE_JOB_JAR does not exist"
    echo "$PULSE_JOB_JAR"; return 0
  fi
  local jar
  jar=$(ls -t "$PULSE_ROOT"/jobs/target/pulse-jobs-*-cluster.jar 2>/dev/null | head -n1 || true)
  # Rebuild when missing or older than any source or pom (as scripts/tsur does for the thin jar).
  if [ -z "$jar" ] || [ -n "$(find "$PULSE_ROOT/pom.xml" "$PULSE_ROOT"/{schemas,pipeline,jobs}/pom.xml \
      "$PULSE_ROOT"/{schemas,pipeline,jobs}/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
    mkdir -p "$PULSE_RUN_DIR"
    pulse_log "building the cluster jar (mvn -pl jobs -am package -DskipTests)"
    (cd "$PULSE_ROOT" && mvn -B -q -pl jobs -am package -DskipTests >"$PULSE_RUN_DIR/build.log" 2>&1) ||
      { tail -n 30 "$PULSE_RUN_DIR/build.log" >&2; pulse_die "building the jobs jar failed (see $PULSE_RUN_DIR/build.log)"; }
    jar=$(ls -t "$PULSE_ROOT"/jobs/target/pulse-jobs-*-cluster.jar 2>/dev/null | head -n1 || true)
    [ -n "$jar" ] || pulse_die "no jobs/target/pulse-jobs-*-cluster.jar after the build; set PULSE_JOB_JAR"
  fi
  echo "$jar"
}

# pulse_rest PATH : GET on the JobManager's REST API.
pulse_rest() { curl -fsS --max-time 10 "$PULSE_FLINK_URL$1"; }

# pulse_json EXPR : reads JSON on stdin, prints the Python expression EXPR over it (bound to j); empty on error.
pulse_json() { python3 -c "import json,sys
try:
    j=json.load(sys.stdin); r=$1
    print('' if r is None else r)
except Exception:
    print('')"; }

pulse_job_current() { cat "$PULSE_JOB_STATE_DIR/current.id" 2>/dev/null; }

pulse_job_state() { pulse_rest "/jobs/$1" 2>/dev/null | pulse_json "j['state']"; }

# pulse_job_running ID : true when the job and every task of every vertex are RUNNING (not just scheduled).
pulse_job_running() {
  local s
  s=$(pulse_rest "/jobs/$1" 2>/dev/null | pulse_json \
    "j['state']=='RUNNING' and all(v['tasks'].get('RUNNING',0)==v['parallelism'] for v in j['vertices'])")
  [ "$s" = "True" ]
}

# pulse_job_wait_running ID SECONDS
pulse_job_wait_running() {
  local i st
  for ((i = 0; i < $2 * 2; i++)); do
    pulse_job_running "$1" && return 0
    st=$(pulse_job_state "$1")
    case "$st" in FAILED|CANCELED|FINISHED) pulse_log "job $1 is $st"; return 1 ;; esac
    sleep 0.5
  done
  return 1
}

# pulse_job_checkpoints ID : number of completed checkpoints.
pulse_job_checkpoints() { pulse_rest "/jobs/$1/checkpoints" 2>/dev/null | pulse_json "j['counts']['completed']"; }

# pulse_job_wait_checkpoints ID N SECONDS : waits until at least N checkpoints completed.
pulse_job_wait_checkpoints() {
  local i c
  for ((i = 0; i < $3 * 2; i++)); do
    c=$(pulse_job_checkpoints "$1"); [ "${c:-0}" -ge "$2" ] && return 0
    sleep 0.5
  done
  return 1
}

# pulse_job_restarts ID : how often the job restarted (Flink's numRestarts metric).
pulse_job_restarts() {
  pulse_rest "/jobs/$1/metrics?get=numRestarts" 2>/dev/null | pulse_json "j[0]['value'] if j else 0"
}

# pulse_job_submit CONFIG [SAVEPOINT] : submits the streaming job detached; prints and records the job id.
pulse_job_submit() {
  local config=$1 savepoint=${2:-} jar out id
  [ -f "$config" ] || pulse_die "configuration file $config does not exist"
  config=$(cd "$(dirname "$config")" && pwd)/$(basename "$config")
  jar=$(pulse_job_jar)
  mkdir -p "$PULSE_JOB_STATE_DIR"
  pulse_log "submitting $PULSE_JOB_MAIN from $(basename "$jar") with $config${savepoint:+, resuming from $savepoint}"
  out=$(pulse_flink_cli run -d ${savepoint:+-s "$savepoint"} -c "$PULSE_JOB_MAIN" "$jar" --config "$config" 2>&1) || {
    # A configuration error names its key: show that line, not the client's stack trace.
    local why
    why=$(grep -o -m1 'ConfigException: .*' <<<"$out" || true)
    [ -n "$why" ] && pulse_die "bad configuration $config: ${why#ConfigException: }"
    echo "$out" | grep -v -e '^WARNING' >&2; pulse_die "submission failed"
  }
  id=$(sed -n 's/.*Job has been submitted with JobID \([0-9a-f]*\).*/\1/p' <<<"$out" | tail -n1)
  [ -n "$id" ] || { echo "$out" >&2; pulse_die "no job id in the client's output"; }
  echo "$id" >"$PULSE_JOB_STATE_DIR/current.id"
  echo "$config" >"$PULSE_JOB_STATE_DIR/current.config"
  pulse_log "job $id submitted ($PULSE_FLINK_URL/#/job/running/$id/overview)"
  echo "$id"
}

# pulse_job_stop [ID] : stop-with-savepoint (sinks commit, then the job ends); prints and records the savepoint path.
# Canonical format by default (portable across state backends); PULSE_SAVEPOINT_TYPE=native for the faster
# RocksDB-native one (also what operators on the async state API need).
pulse_job_stop() {
  local id=${1:-$(pulse_job_current)} out sp
  [ -n "$id" ] || pulse_die "no job id given and none recorded in $PULSE_JOB_STATE_DIR/current.id"
  pulse_log "stopping job $id with a savepoint"
  out=$(pulse_flink_cli stop --type "${PULSE_SAVEPOINT_TYPE:-canonical}" --savepointPath "file://$PULSE_RUN_DIR/flink/savepoints" "$id" 2>&1) ||
    { echo "$out" | grep -v -e '^WARNING' >&2; pulse_die "stop with savepoint failed"; }
  sp=$(sed -n 's/.*Savepoint completed\. Path: \(.*\)$/\1/p' <<<"$out" | tail -n1)
  [ -n "$sp" ] || { echo "$out" >&2; pulse_die "no savepoint path in the client's output"; }
  echo "$sp" >"$PULSE_JOB_STATE_DIR/last-savepoint"
  rm -f "$PULSE_JOB_STATE_DIR/current.id"
  pulse_log "savepoint $sp"
  echo "$sp"
}

pulse_job_last_savepoint() { cat "$PULSE_JOB_STATE_DIR/last-savepoint" 2>/dev/null; }
