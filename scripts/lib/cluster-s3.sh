# Sourced by scripts/lib/cluster-e2e.sh when PULSE_E2E_S3=1: the warehouse and the checkpoints go to s3:// URIs
# through Flink's flink-s3-fs-hadoop plugin (PULSE_FLINK_S3=1 scripts/flink-start), served on loopback by s3rver, an
# S3 emulator from npm (docker/compose.yaml uses MinIO; no Docker engine runs here). The checks read a local mirror
# of the bucket's committed objects, refreshed before every query.

E2E_S3_VERSION=3.7.1
E2E_S3_DIR="$PULSE_RUN_DIR/s3"
E2E_S3_NPM="$PULSE_LIB_DIR/s3rver-$E2E_S3_VERSION"
_e2e_port "${PULSE_E2E_S3_PORT:-}"; E2E_S3_PORT=$E2E_PORT
export PULSE_FLINK_S3=1
export PULSE_WAREHOUSE_URI="s3://pulse/warehouse"
export PULSE_CHECKPOINT_DIR="s3://pulse/checkpoints"
# s3rver's fixed development credentials (not a secret); Flink's S3 client takes them from the environment, as it
# would take real ones.
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
# V2 signatures: with V4 the plugin's AWS SDK 1.x sends uploads over http in aws-chunked encoding
# (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), which s3rver accepts but does not decode: it stores the chunk framing, and
# the SDK rejects the upload (its MD5 does not match the ETag). s3rver computes V2 signatures differently from the
# SDK's S3Signer (403 on every list), so it runs with --allow-mismatched-signatures; it does not check V4
# signatures at all, so either way this emulator tests the data path, not authentication.
export PULSE_FLINK_CONF_EXTRA="${PULSE_FLINK_CONF_EXTRA:-}
s3.endpoint: http://127.0.0.1:$E2E_S3_PORT
s3.path.style.access: true
s3.signing-algorithm: S3SignerType"

# e2e_s3_start : installs s3rver on first use (npm), starts it with bucket "pulse", waits for its port.
e2e_s3_start() {
  local i
  command -v node >/dev/null && command -v npm >/dev/null || pulse_die "PULSE_E2E_S3=1 needs node and npm (for s3rver)"
  if [ ! -x "$E2E_S3_NPM/node_modules/.bin/s3rver" ]; then
    pulse_log "installing s3rver $E2E_S3_VERSION from npm into $E2E_S3_NPM"
    mkdir -p "$E2E_S3_NPM"
    npm install --prefix "$E2E_S3_NPM" --no-audit --no-fund "s3rver@$E2E_S3_VERSION" >"$E2E_S3_NPM/install.log" 2>&1 ||
      { tail -n 20 "$E2E_S3_NPM/install.log" >&2; pulse_die "npm could not install s3rver"; }
  fi
  rm -rf "$E2E_S3_DIR" && mkdir -p "$E2E_S3_DIR/data" "$PULSE_RUN_DIR/pids"
  # --openssl-legacy-provider: s3rver encrypts list-v2 continuation tokens with DES, which OpenSSL 3 (node >= 17)
  # only has in its legacy provider; without it every truncated listing fails (ERR_OSSL_EVP_UNSUPPORTED).
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--openssl-legacy-provider" \
    setsid "$E2E_S3_NPM/node_modules/.bin/s3rver" -d "$E2E_S3_DIR/data" -a 127.0.0.1 -p "$E2E_S3_PORT" \
    --configure-bucket pulse --allow-mismatched-signatures >"$E2E_S3_DIR/s3rver.log" 2>&1 </dev/null &
  echo $! >"$PULSE_RUN_DIR/pids/s3rver.pid"
  pulse_log "started s3rver (pid $!, http://127.0.0.1:$E2E_S3_PORT, data $E2E_S3_DIR/data)"
  for ((i = 0; i < 150; i++)); do
    pulse_port_open 127.0.0.1 "$E2E_S3_PORT" && return 0
    kill -0 "$(cat "$PULSE_RUN_DIR/pids/s3rver.pid")" 2>/dev/null || break
    sleep 0.2
  done
  tail -n 20 "$E2E_S3_DIR/s3rver.log" >&2
  pulse_die "s3rver did not listen on 127.0.0.1:$E2E_S3_PORT"
}

# e2e_s3_stop : stops the s3rver this test started (by its recorded pid).
e2e_s3_stop() {
  local f="$PULSE_RUN_DIR/pids/s3rver.pid" pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "s3rver"; then
    kill -TERM "$pid" 2>/dev/null || true
    pulse_log "stopped s3rver (pid $pid)"
  fi
  rm -f "$f"
}

# e2e_s3_mirror : copies the bucket's objects under warehouse/ to $PULSE_RUN_DIR/warehouse (s3rver keeps an object
# as KEY._S3rver_object; only completed uploads are objects, as on S3, so the mirror holds committed files only).
e2e_s3_mirror() {
  local root="$E2E_S3_DIR/data/pulse/warehouse" f rel
  [ -d "$root" ] || return 0
  while IFS= read -r -d '' f; do
    rel=${f#"$root"/}
    rel=${rel%._S3rver_object}
    [ -f "$PULSE_RUN_DIR/warehouse/$rel" ] && continue
    mkdir -p "$(dirname "$PULSE_RUN_DIR/warehouse/$rel")"
    cp "$f" "$PULSE_RUN_DIR/warehouse/$rel"
  done < <(find "$root" -name '*._S3rver_object' -print0)
}
