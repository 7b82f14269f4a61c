#!/usr/bin/env bash
# Warm throughput on one core (taskset), side by side in one run: the seed's Node handler (jwt.verify alone,
# and full invocations with JSON in and out), and the JMH benchmarks of AuthorizerBenchmark (verifications of
# valid and invalid tokens, the full handler path, raw HMAC-SHA256 of the same signing input) under Lambda's JVM
# flags and under the JVM's defaults. Prints the rates and the ratios the performance goals are stated in.
#
# Usage: benchmarks/warm.sh            (JAVA=/path/to/bin/java to choose the JDK; default: java on PATH)
# Build first: ./mvnw -B -Pbenchmarks package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."

java=${JAVA:-java}
if [ ! -f benchmarks/target/benchmarks.jar ]; then
  echo "Build first: ./mvnw -B -Pbenchmarks package -DskipTests" >&2
  exit 2
fi
if [ ! -d benchmarks/seed-node/node_modules ]; then
  npm ci --prefix benchmarks/seed-node --no-audit --no-fund --loglevel=error
fi
one_core=()
if command -v taskset > /dev/null; then
  one_core=(taskset -c "$(($(nproc) - 1))")
fi

# shellcheck source=benchmarks/event.sh
. benchmarks/event.sh

echo "tokengate warm throughput; $(nproc) cores, one used; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$java" -version 2>&1 | head -1); node $(node --version)"
"${one_core[@]}" node benchmarks/seed-node/launch.js warm "$work/event.json" 10 > "$work/node.txt"
jmh=("${one_core[@]}" "$java" -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s)
"${jmh[@]}" -rf json -rff "$work/lambda.json" > "$work/lambda.log"
# Replaces the Lambda flags of the benchmark's @Fork with a harmless property: the JVM's default flags.
"${jmh[@]}" -jvmArgsAppend -Dtokengate.flags=default -rf json -rff "$work/default.json" > "$work/default.log"

python3 - "$work/node.txt" "$work/lambda.json" "$work/default.json" <<'PY'
import json, sys
node = dict((k, float(v)) for k, v in (line.split() for line in open(sys.argv[1])))
def rates(path):
    return {r["benchmark"].rsplit(".", 1)[1]: (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
            for r in json.load(open(path))}
lam, dflt = rates(sys.argv[2]), rates(sys.argv[3])
print(f"\n{'ops/s on one core':22} {'Lambda flags':>16} {'default flags':>16}")
for name in ("verifyValid", "verifyBadSignature", "verifyExpired", "verifyMalformed", "fullPath", "hmacSha256"):
    print(f"{name:22} {lam[name][0]:9.0f} ±{lam[name][1]:5.0f} {dflt[name][0]:9.0f} ±{dflt[name][1]:5.0f}")
print(f"{'node seed jwt.verify':22} {node['verify']:9.0f}")
print(f"{'node seed full':22} {node['full']:9.0f}")
v, h, f = lam["verifyValid"][0], lam["hmacSha256"][0], lam["fullPath"][0]
print("\nratios under Lambda flags:")
print(f"  valid verification / node seed jwt.verify  {v / node['verify']:7.1f}x   (goal >= 60x)")
print(f"  valid verification / raw HMAC-SHA256       {v / h:7.2f}x   (goal >= 0.4x)")
print(f"  full path / node seed full invocation      {f / node['full']:7.1f}x   (goal >= 40x)")
PY
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
