#!/usr/bin/env bash
# `tsur submit`, `tsur stop`, `tsur status`: the streaming job on the session cluster of scripts/flink-start
# (scripts/tsur hands these subcommands here). See docs/operations.md.
#
#   tsur submit [--config FILE] [--resume | --from-savepoint PATH]
#   tsur stop [--job ID]          stop with a savepoint; prints its path
#   tsur status                   the recorded job, its state, checkpoints, last savepoint
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/cluster.sh"
. "$(dirname "${BASH_SOURCE[0]}")/cluster-job.sh"

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd=${1:-}; shift || true
case "$cmd" in
  submit)
    config="$PULSE_ROOT/scripts/conf/pulse.properties" savepoint=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --config) config=${2:?--config needs a file}; shift 2 ;;
        --resume) savepoint=$(pulse_job_last_savepoint) || true
                  [ -n "$savepoint" ] || pulse_die "--resume: no savepoint recorded in $PULSE_JOB_STATE_DIR"; shift ;;
        --from-savepoint) savepoint=${2:?--from-savepoint needs a path}; shift 2 ;;
        -h|--help) usage ;;
        *) pulse_die "submit: unknown option $1" ;;
      esac
    done
    pulse_port_open "$PULSE_HOST" "$PULSE_FLINK_REST_PORT" ||
      pulse_die "no Flink cluster on $PULSE_FLINK_URL; run scripts/flink-start (and scripts/kafka-start) first"
    if id=$(pulse_job_current) && [ "$(pulse_job_state "$id")" = RUNNING ]; then
      pulse_die "job $id is running; stop it first (tsur stop) — two copies would write every post twice"
    fi
    # What the shipped configuration reads from the environment, defaulted to the local cluster.
    export PULSE_KAFKA_BOOTSTRAP=${PULSE_KAFKA_BOOTSTRAP:-$PULSE_BOOTSTRAP}
    export PULSE_WAREHOUSE_URI=${PULSE_WAREHOUSE_URI:-file://$PULSE_RUN_DIR/warehouse}
    export PULSE_CHECKPOINT_DIR=${PULSE_CHECKPOINT_DIR:-file://$PULSE_RUN_DIR/flink/checkpoints}
    # Name the missing variable and the key that reads it, rather than a stack trace from the client.
    [ -f "$config" ] || pulse_die "configuration file $config does not exist"
    while read -r key var; do
      [ -n "${!var:-}" ] || pulse_die "$key in $config reads \${env:$var}, but $var is not set"
    done < <(sed -n 's/^\([^#=][^=]*\)=[[:space:]]*\${env:\([A-Za-z_][A-Za-z0-9_]*\)}[[:space:]]*$/\1 \2/p' "$config")
    id=$(pulse_job_submit "$config" "$savepoint")
    pulse_job_wait_running "$id" 180 || pulse_die "job $id did not reach RUNNING (see $PULSE_FLINK_URL)"
    pulse_log "job $id running"
    echo "$id"
    ;;
  stop)
    id=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --job) id=${2:?--job needs an id}; shift 2 ;;
        -h|--help) usage ;;
        *) pulse_die "stop: unknown option $1" ;;
      esac
    done
    pulse_job_stop "$id"
    ;;
  status)
    id=$(pulse_job_current || true)
    echo "cluster:        $PULSE_FLINK_URL ($(pulse_rest /overview 2>/dev/null | pulse_json "str(j['taskmanagers'])+' taskmanager(s), '+str(j['slots-available'])+' free slot(s)'" || echo down))"
    echo "job:            ${id:-none recorded} ${id:+($(pulse_job_state "$id"))}"
    [ -n "$id" ] && echo "checkpoints:    $(pulse_job_checkpoints "$id") completed, restarts $(pulse_job_restarts "$id")"
    echo "last savepoint: $(pulse_job_last_savepoint || echo none)"
    ;;
  *) usage ;;
esac
