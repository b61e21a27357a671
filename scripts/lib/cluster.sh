# Sourced by the cluster scripts (kafka-*, flink-*, e2e-cluster, failure-*): run dir, jar fetching,
# process bookkeeping. Every process we start is recorded in $PULSE_RUN_DIR/pids/NAME.pid and carries
# -Dpulse.proc=NAME on its command line, so a stop kills exactly that process and never a recycled pid.

PULSE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$PULSE_ROOT/scripts/lib/jdk.sh" || exit 1

# Everything the cluster writes lives here (gitignored /run/ by default); a relative path is taken from the repo root.
PULSE_RUN_DIR=${PULSE_RUN_DIR:-$PULSE_ROOT/run}
case "$PULSE_RUN_DIR" in /*) ;; *) PULSE_RUN_DIR="$PULSE_ROOT/$PULSE_RUN_DIR" ;; esac
export PULSE_RUN_DIR
# Fetched jars are shared by every run dir (tests use their own run dirs but not their own 150 MB of jars).
PULSE_LIB_DIR=${PULSE_LIB_DIR:-$PULSE_ROOT/run/lib}
export PULSE_LIB_DIR

# Versions: Flink follows the parent pom; the broker is the standalone Kafka server release (clients stay on the pom's).
PULSE_FLINK_VERSION=${PULSE_FLINK_VERSION:-$(sed -n 's:.*<flink.version>\(.*\)</flink.version>.*:\1:p' "$PULSE_ROOT/pom.xml" | head -n1)}
PULSE_LOG4J_VERSION=${PULSE_LOG4J_VERSION:-$(sed -n 's:.*<log4j.version>\(.*\)</log4j.version>.*:\1:p' "$PULSE_ROOT/pom.xml" | head -n1)}
PULSE_KAFKA_SERVER_VERSION=${PULSE_KAFKA_SERVER_VERSION:-4.4.0}
PULSE_KAFKA_CLIENTS_VERSION=${PULSE_KAFKA_CLIENTS_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$PULSE_ROOT/pom.xml" | head -n1)}

# Loopback only. Ports are overridable so tests can run beside a developer's own cluster.
PULSE_HOST=127.0.0.1
PULSE_KAFKA_PORT=${PULSE_KAFKA_PORT:-9092}
PULSE_KAFKA_CONTROLLER_PORT=${PULSE_KAFKA_CONTROLLER_PORT:-9093}
PULSE_FLINK_REST_PORT=${PULSE_FLINK_REST_PORT:-8081}
PULSE_FLINK_RPC_PORT=${PULSE_FLINK_RPC_PORT:-6123}
export PULSE_KAFKA_PORT PULSE_KAFKA_CONTROLLER_PORT PULSE_FLINK_REST_PORT PULSE_FLINK_RPC_PORT
PULSE_BOOTSTRAP="$PULSE_HOST:$PULSE_KAFKA_PORT"

pulse_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
pulse_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# pulse_fetch_jars NAME COORD... : resolves the coordinates and their runtime dependencies from Maven Central
# into $PULSE_LIB_DIR/NAME (a throwaway pom drives dependency:copy-dependencies). Skipped when the same
# coordinates were fetched before, so repeated starts cost nothing.
pulse_fetch_jars() {
  local name=$1; shift
  local dir="$PULSE_LIB_DIR/$name" stamp deps="" c g a v cls
  stamp=$(printf '%s\n' "$@" | sha1sum | cut -c1-12)
  if [ -f "$dir/.fetched-$stamp" ]; then return 0; fi
  rm -rf "$dir" && mkdir -p "$dir/jars"
  for c in "$@"; do
    IFS=: read -r g a v cls <<<"$c"
    deps="$deps<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version>${cls:+<classifier>$cls</classifier>}</dependency>"
  done
  cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>ru.tsur.run</groupId><artifactId>$name-jars</artifactId><version>0</version><packaging>pom</packaging>
<dependencies>$deps</dependencies></project>
EOF
  pulse_log "fetching $name jars from Maven Central ($*)"
  if ! mvn -B -q -f "$dir/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="$dir/jars" >"$dir/fetch.log" 2>&1; then
    cat "$dir/fetch.log" >&2
    pulse_die "could not fetch $name jars (see $dir/fetch.log); mvn needs Maven Central or a populated ~/.m2"
  fi
  touch "$dir/.fetched-$stamp"
}

pulse_pidfile() { echo "$PULSE_RUN_DIR/pids/$1.pid"; }

# pulse_pid NAME : prints the pid of our running process NAME, or fails. Checks the marker on the command line.
pulse_pid() {
  local f pid
  f=$(pulse_pidfile "$1")
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-Dpulse.proc=$1 " || return 1
  echo "$pid"
}

# pulse_spawn NAME LOGFILE JAVA_ARGS... : starts java in the background with the marker, records its pid.
pulse_spawn() {
  local name=$1 log=$2; shift 2
  mkdir -p "$PULSE_RUN_DIR/pids" "$(dirname "$log")"
  # setsid: the process outlives the calling script and does not get its terminal's signals.
  setsid "$JAVA_HOME/bin/java" "-Dpulse.proc=$name" "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$(pulse_pidfile "$name")"
  pulse_log "started $name (pid $!, log $log)"
}

# pulse_stop NAME [GRACE_SECONDS] : TERM, wait, then KILL — only the recorded process.
pulse_stop() {
  local name=$1 grace=${2:-30} pid i
  if ! pid=$(pulse_pid "$name"); then
    rm -f "$(pulse_pidfile "$name")"
    pulse_log "$name is not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 5; i++)); do
    [ -d "/proc/$pid" ] || break
    sleep 0.2
  done
  if [ -d "/proc/$pid" ]; then
    pulse_log "$name (pid $pid) ignored TERM for ${grace}s, sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pulse_pidfile "$name")"
  pulse_log "stopped $name (pid $pid)"
}

# pulse_kill9 NAME : the crash test's hard kill, of our recorded process only.
pulse_kill9() {
  local pid
  pid=$(pulse_pid "$1") || pulse_die "$1 is not running"
  kill -KILL "$pid"
  while [ -d "/proc/$pid" ]; do sleep 0.1; done
  rm -f "$(pulse_pidfile "$1")"
  pulse_log "killed -9 $1 (pid $pid)"
}

# pulse_tool ARGS... : scripts/lib/cluster-tool.java (topics, produce, fuzz, consume, sql), compiled on first use
# against kafka-clients (the jobs' version) and DuckDB JDBC, both from Maven Central.
pulse_tool() {
  local v_duckdb src="$PULSE_ROOT/scripts/lib/cluster-tool.java" dir="$PULSE_LIB_DIR/cluster-tool" stamp
  v_duckdb=$(sed -n 's:.*<duckdb.version>\(.*\)</duckdb.version>.*:\1:p' "$PULSE_ROOT/pom.xml" | head -n1)
  pulse_fetch_jars cluster-tool-jars "org.apache.kafka:kafka-clients:$PULSE_KAFKA_CLIENTS_VERSION" \
    "org.duckdb:duckdb_jdbc:$v_duckdb" "org.slf4j:slf4j-nop:1.7.36" || return 1
  stamp=$(sha1sum <"$src" | cut -c1-12)
  if [ ! -f "$dir/.built-$stamp" ]; then
    rm -rf "$dir" && mkdir -p "$dir/classes"
    "$JAVA_HOME/bin/javac" -nowarn -d "$dir/classes" -cp "$PULSE_LIB_DIR/cluster-tool-jars/jars/*" "$src" ||
      pulse_die "cluster-tool.java does not compile"
    touch "$dir/.built-$stamp"
  fi
  "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$dir/classes:$PULSE_LIB_DIR/cluster-tool-jars/jars/*" ClusterTool "$@"
}

pulse_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pulse_wait_port NAME HOST PORT SECONDS : waits for a listener while the process NAME is alive.
pulse_wait_port() {
  local name=$1 host=$2 port=$3 secs=$4 i
  for ((i = 0; i < secs * 5; i++)); do
    pulse_port_open "$host" "$port" && return 0
    pulse_pid "$name" >/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# pulse_free_port : a port nobody listens on now (for tests that must not collide with a running cluster).
pulse_free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    pulse_port_open 127.0.0.1 "$p" || { echo "$p"; return 0; }
  done
}

# pulse_flink_cli ARGS... : Flink's command-line client (run, stop, cancel, list) against our session cluster.
pulse_flink_cli() {
  # the plugins too: the client builds the job graph, and a file sink on s3:// needs the S3 filesystem there already
  FLINK_CONF_DIR="$PULSE_RUN_DIR/flink/conf" FLINK_PLUGINS_DIR="$PULSE_RUN_DIR/flink/plugins" \
    "$JAVA_HOME/bin/java" -Xmx512m $PULSE_JVM_OPENS \
    -Dlog.file="$PULSE_RUN_DIR/flink/logs/client.log" \
    -Dlog4j.configurationFile="file:$PULSE_RUN_DIR/flink/conf/log4j.properties" \
    -cp "$PULSE_LIB_DIR/flink/jars/*" org.apache.flink.client.cli.CliFrontend "$@"
}
