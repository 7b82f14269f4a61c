#!/usr/bin/env bash
# Cold start, side by side in one run: process start to the first decision for a valid token, for
#   authorizer  the packaged authorizer/target/authorizer.jar, loaded and invoked once by a minimal launcher
#               (what the Lambda Java runtime does on a cold start: load the handler class, construct it, invoke)
#   floor       the same JVM and launcher with a handler that does nothing
#   node-seed   node running the seed article's handler once (benchmarks/seed-node)
# under Lambda's JVM flags, on each JDK given, without any class-data archive of our own. Prints the medians of
# wall time, CPU time (user+sys) and peak RSS, and the ratios to the Node seed.
#
# Usage: benchmarks/cold-start.sh [RUNS]          (default 15 runs of each, interleaved)
#   JDKS="/path/to/jdk17 /path/to/jdk25"           JDK homes to measure (default: the java on PATH; give the
#                                                  JDK of the template's runtime too, as the README's figures do)
#   SECRETS_MANAGER_URL=http://127.0.0.1:PORT        adds "authorizer-sm": the same jar reading its key from
#                                                  Secrets Manager (JWT_SECRET_ARN) at that endpoint, e.g. a
#                                                  local `moto_server -p PORT`; the script creates the secret
# Build first: ./mvnw -B -Pbenchmarks package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-15}
lambda_flags=(-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
launcher_jar=$(ls benchmarks/target/benchmarks-*-launcher.jar 2>/dev/null | head -1 || true)
if [ ! -f authorizer/target/authorizer.jar ] || [ -z "$launcher_jar" ]; then
  echo "Build first: ./mvnw -B -Pbenchmarks package -DskipTests" >&2
  exit 2
fi
classpath="authorizer/target/authorizer.jar:$launcher_jar"

if [ -z "${JDKS:-}" ]; then
  JDKS=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi

if [ ! -d benchmarks/seed-node/node_modules ]; then
  npm ci --prefix benchmarks/seed-node --no-audit --no-fund --loglevel=error
fi

# GNU time gives user+sys CPU and peak RSS per run; install it if it is missing and we may, else measure with
# Python's wait4 (the same numbers from the same system call).
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  apt-get install -y -qq time > /dev/null 2>&1 || true
fi

# shellcheck source=benchmarks/event.sh
. benchmarks/event.sh

# measure NAME COMMAND...: runs the command once, appends "NAME wall_ms cpu_ms rss_kb" to $work/results, and
# fails unless the last line of its output is an Allow policy (the floor prints nothing).
measure() {
  local name=$1
  shift
  local start end
  start=$EPOCHREALTIME
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%U %S %M' -o "$work/time" "$@" > "$work/out" 2> "$work/err"
  else
    python3 -c '
import os, resource, subprocess, sys
p = subprocess.Popen(sys.argv[2:], stdout=open(sys.argv[1], "w"), stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
sys.stderr.write("%f %f %d\n" % (usage.ru_utime, usage.ru_stime, usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))' "$work/out" "$@" 2> "$work/time"
  fi
  end=$EPOCHREALTIME
  if [ "$name" != floor ] && ! tail -1 "$work/out" | grep -q '"Effect":"Allow"'; then
    echo "$name did not allow the token:" >&2
    tail -3 "$work/out" "$work/err" >&2
    exit 1
  fi
  read -r user sys rss < "$work/time"
  awk -v n="$name" -v s="$start" -v e="$end" -v u="$user" -v y="$sys" -v r="$rss" \
    'BEGIN { printf "%s %.1f %.1f %d\n", n, (e - s) * 1000, (u + y) * 1000, r }' >> "$work/results"
}

contestants="authorizer floor node-seed"
if [ -n "${SECRETS_MANAGER_URL:-}" ]; then
  # An emulator checks no signature, so the request needs no SDK: the X-Amz-Target JSON protocol by hand.
  secret_arn=$(curl -sS --fail-with-body -X POST "$SECRETS_MANAGER_URL" \
    -H 'Content-Type: application/x-amz-json-1.1' -H 'X-Amz-Target: secretsmanager.CreateSecret' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/eu-west-1/secretsmanager/aws4_request' \
    --data-binary @- <<< "{\"Name\":\"tokengate-bench-$RANDOM$RANDOM\",\"SecretString\":\"$JWT_SECRET\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["ARN"])')
  contestants="$contestants authorizer-sm"
fi

echo "tokengate cold start: $runs runs each, interleaved; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Lambda JVM flags: ${lambda_flags[*]}; node $(node --version); jsonwebtoken $(node -p 'require("./benchmarks/seed-node/node_modules/jsonwebtoken/package.json").version')"
echo "authorizer.jar: $(stat -c %s authorizer/target/authorizer.jar) bytes"
for jdk in $JDKS; do
  java="$jdk/bin/java"
  version=$("$java" -version 2>&1 | head -1)
  : > "$work/results"
  for ((i = 0; i < runs; i++)); do
    # Rotate the order, so that no contestant always runs right after another one.
    read -ra names <<< "$contestants"
    shift_by=$((i % ${#names[@]}))
    order="${names[*]:shift_by} ${names[*]:0:shift_by}"
    for name in $order; do
      case $name in
        authorizer) measure authorizer "$java" "${lambda_flags[@]}" -cp "$classpath" \
          dev.tokengate.benchmarks.coldstart.ColdStart dev.tokengate.authorizer.AuthorizerHandler "$work/event.json" ;;
        floor) measure floor "$java" "${lambda_flags[@]}" -cp "$classpath" \
          dev.tokengate.benchmarks.coldstart.ColdStart dev.tokengate.benchmarks.coldstart.NoopHandler "$work/event.json" ;;
        node-seed) measure node-seed node benchmarks/seed-node/launch.js cold "$work/event.json" ;;
        authorizer-sm) measure authorizer-sm env -u JWT_SECRET JWT_SECRET_ARN="$secret_arn" \
          AWS_ENDPOINT_URL="$SECRETS_MANAGER_URL" AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=bench \
          AWS_SECRET_ACCESS_KEY=bench "$java" "${lambda_flags[@]}" -cp "$classpath" \
          dev.tokengate.benchmarks.coldstart.ColdStart dev.tokengate.authorizer.AuthorizerHandler "$work/event.json" ;;
      esac
    done
  done
  echo
  echo "== $version"
  python3 - "$work/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, cpu, rss = line.split()
    rows.setdefault(name, []).append((float(wall), float(cpu), int(rss)))
med = {n: [statistics.median(r[i] for r in v) for i in range(3)] for n, v in rows.items()}
spread = {n: (min(r[0] for r in v), max(r[0] for r in v)) for n, v in rows.items()}
node = med["node-seed"]
print(f"{'':12} {'wall ms':>9} {'cpu ms':>8} {'rss MB':>7}   {'wall/node':>9} {'cpu/node':>8} {'rss/node':>8}   wall min..max")
for n in ("authorizer", "floor", "node-seed", "authorizer-sm"):
    if n not in med:
        continue
    w, c, r = med[n]
    print(f"{n:12} {w:9.0f} {c:8.0f} {r / 1024:7.1f}   {w / node[0]:9.2f} {c / node[1]:8.2f} "
          f"{r / node[2]:8.2f}   {spread[n][0]:.0f}..{spread[n][1]:.0f}")
a = med["authorizer"]
goals = [("wall <= 2.0x", a[0] / node[0] <= 2.0), ("cpu <= 2.5x", a[1] / node[1] <= 2.5),
         ("rss <= 1.3x", a[2] / node[2] <= 1.3)]
print("goals: " + ", ".join(f"{g} {'met' if ok else 'MISSED'}" for g, ok in goals))
PY
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
