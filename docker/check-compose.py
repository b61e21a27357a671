#!/usr/bin/env python3
"""Keeps docker/compose.yaml consistent with the scripts that are actually tested (no Docker engine runs here).

Checks that the compose file parses, that every published port binds to 127.0.0.1, that it creates the topics
scripts/kafka-start creates, that the broker and Flink settings the scripts rely on carry the same values, that the
job image submits the same main class, and that every ${env:NAME} of scripts/conf/pulse.properties is provided to
the job container. Exits 1 with one line per mismatch.

    python3 docker/check-compose.py
"""
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
errors = []


def err(msg):
    errors.append(msg)


compose = yaml.safe_load((ROOT / "docker/compose.yaml").read_text(encoding="utf-8"))
services = compose["services"]
kafka_start = (ROOT / "scripts/kafka-start").read_text(encoding="utf-8")
flink_start = (ROOT / "scripts/flink-start").read_text(encoding="utf-8")
cluster_job = (ROOT / "scripts/lib/cluster-job.sh").read_text(encoding="utf-8")
submit = (ROOT / "docker/submit.sh").read_text(encoding="utf-8")
props = (ROOT / "scripts/conf/pulse.properties").read_text(encoding="utf-8")

for name, svc in services.items():
    for port in svc.get("ports", []):
        if not str(port).startswith("127.0.0.1:"):
            err(f"service {name} publishes {port} beyond loopback")

# Topics: the default list of kafka-start against the initializer's loop.
m = re.search(r"topics=\$\{PULSE_TOPICS:-([^}]*)\}", kafka_start)
script_topics = set(m.group(1).split()) if m else set()
init = " ".join(services["kafka-init"]["command"])
m = re.search(r"for t in ([^;]*);", init)
compose_topics = set(m.group(1).split()) if m else set()
if not script_topics or script_topics != compose_topics:
    err(f"topics differ: kafka-start {sorted(script_topics)} vs compose {sorted(compose_topics)}")

# Topic-level settings: the ones cluster-tool.java applies on creation must be passed by the initializer too.
tool = (ROOT / "scripts/lib/cluster-tool.java").read_text(encoding="utf-8")
m = re.search(r"TOPIC_CONFIG = Map\.of\(([^)]*)\)", tool)
pairs = re.findall(r'"([^"]+)"', m.group(1)) if m else []
for k, v in zip(pairs[::2], pairs[1::2]):
    if f"--config {k}={v}" not in init:
        err(f"kafka-init does not create topics with {k}={v} as kafka-start does")

# Broker settings written by kafka-start (key=value lines of its heredoc) vs KAFKA_* environment of the image.
kenv = services["kafka"]["environment"]
for key in ["offsets.topic.replication.factor", "transaction.state.log.replication.factor",
            "transaction.state.log.min.isr", "group.initial.rebalance.delay.ms", "transaction.max.timeout.ms",
            "auto.create.topics.enable", "share.coordinator.state.topic.replication.factor"]:
    m = re.search(r"^" + re.escape(key) + r"=(\S+)$", kafka_start, re.M)
    env_key = "KAFKA_" + key.upper().replace(".", "_")
    if not m:
        err(f"kafka-start does not set {key}")
    elif str(kenv.get(env_key)) != m.group(1):
        err(f"broker {key}: kafka-start {m.group(1)} vs compose {env_key}={kenv.get(env_key)}")

# Flink settings: keys both sides set must agree, except those that differ by nature (addresses, paths).
def flink_conf(text):
    out = {}
    for line in text.splitlines():
        m = re.match(r"^([a-z][a-z0-9.\-]+):\s*(.*)$", line.strip())
        if m:
            out[m.group(1)] = m.group(2)
    return out


m = re.search(r'cat >"\$conf/config.yaml" <<EOF\n(.*?)\nEOF', flink_start, re.S)
script_flink = flink_conf(m.group(1)) if m else {}
compose_flink = flink_conf(services["jobmanager"]["environment"]["FLINK_PROPERTIES"])
if services["taskmanager"]["environment"]["FLINK_PROPERTIES"] != services["jobmanager"]["environment"]["FLINK_PROPERTIES"]:
    err("jobmanager and taskmanager get different FLINK_PROPERTIES")
deployment_specific = re.compile(r"address|bind|host|port|dir|upload|env\.java")
for key, value in script_flink.items():
    if deployment_specific.search(key):
        continue
    if key not in compose_flink:
        err(f"flink {key} set by flink-start but not in compose")
        continue
    # ${PULSE_…:-default} in the script: compare the default.
    d = re.match(r"\$\{[A-Z_]+:-([^}]*)\}$", value)
    script_value = d.group(1) if d else value
    if script_value != compose_flink[key]:
        err(f"flink {key}: flink-start {script_value} vs compose {compose_flink[key]}")
for key in ["execution.checkpointing.dir", "execution.checkpointing.savepoint-dir"]:
    if key not in compose_flink:
        err(f"compose lacks {key}")

# Same job entry point.
m1 = re.search(r"PULSE_JOB_MAIN=\$\{PULSE_JOB_MAIN:-([^}]*)\}", cluster_job)
m2 = re.search(r"main=\$\{PULSE_JOB_MAIN:-([^}]*)\}", submit)
if not m1 or not m2 or m1.group(1) != m2.group(1):
    err(f"main class differs: cluster-job.sh {m1 and m1.group(1)} vs submit.sh {m2 and m2.group(1)}")

# Every ${env:NAME} of the one configuration file reaches the job container.
job_env = services["pulse-job"]["environment"]
for name in sorted(set(re.findall(r"^[^#].*\$\{env:([A-Z0-9_]+)\}", props, re.M))):
    if name not in job_env:
        err(f"pulse.properties reads ${{env:{name}}} but pulse-job does not set {name}")

if errors:
    print("\n".join("compose check: " + e for e in errors))
    sys.exit(1)
print(f"compose check: ok ({len(services)} services, {len(compose_topics)} topics, "
      f"{len(script_flink)} flink keys compared)")
