#!/usr/bin/env bash
# Entry point of the pulse-job container: submits the streaming job to the session cluster (detached), resuming
# from PULSE_FROM_SAVEPOINT when set. Same main class, jar and configuration as scripts/tsur submit.
set -euo pipefail
main=${PULSE_JOB_MAIN:-ru.tsur.jobs.StreamingJob}
args=(run -d -m "${PULSE_FLINK_REST:-jobmanager:8081}")
[ -n "${PULSE_FROM_SAVEPOINT:-}" ] && args+=(-s "$PULSE_FROM_SAVEPOINT")
exec /opt/flink/bin/flink "${args[@]}" -c "$main" /opt/pulse/pulse.jar --config /opt/pulse/pulse.properties
