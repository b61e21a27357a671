# Sourced by every script: finds a JDK >= 21 (Lucene 10 and Flink on records need it) and exports JAVA_HOME.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm (or $PULSE_JVM_DIR).

pulse_java_major() {  # prints the major version of the java binary $1, or 0
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
  case "$v" in 1.*) echo 1 ;; "") echo 0 ;; *) echo "${v%%.*}" ;; esac
}

pulse_find_jdk() {
  local min=21 cand best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(pulse_java_major "$JAVA_HOME/bin/java")
    if [ "$v" -ge "$min" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in "${PULSE_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -x "$cand/bin/javac" ] || continue
    v=$(pulse_java_major "$cand/bin/java")
    if [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$cand"; best_v=$v; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  return 1
}

if ! PULSE_JAVA_HOME=$(pulse_find_jdk); then
  echo "error: Pulse needs a JDK >= 21 (Lucene 10, Flink 2 on records)." >&2
  echo "       JAVA_HOME='${JAVA_HOME:-}' is older or unset, and none was found under ${PULSE_JVM_DIR:-/usr/lib/jvm}." >&2
  echo "       Install one (e.g. apt-get install openjdk-21-jdk or Temurin 25) or point JAVA_HOME at it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$PULSE_JAVA_HOME"
export PATH="$JAVA_HOME/bin:$PATH"

# Flink 2 on JDK 21+ needs these for its RPC and serializers (same list as surefire's argLine in pom.xml).
PULSE_JVM_OPENS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED"
for p in java.lang java.net java.io java.nio sun.nio.ch java.lang.reflect java.text java.time java.util \
         java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks; do
  PULSE_JVM_OPENS="$PULSE_JVM_OPENS --add-opens=java.base/$p=ALL-UNNAMED"
done
PULSE_JVM_OPENS="$PULSE_JVM_OPENS --enable-native-access=ALL-UNNAMED"
export PULSE_JVM_OPENS
