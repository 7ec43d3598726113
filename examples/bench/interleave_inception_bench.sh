#!/bin/sh
# Direct-ops InceptionV3-FID forward (plain and oneDNN nd4j-native) and PyTorch, alternated ROUNDS
# times, for ratios on a shared, noisy machine. Usage: examples/bench/interleave_inception_bench.sh [batch=32] [reps=2] [rounds=2]
set -e
cd "$(dirname "$0")/../.."
BATCH=${1:-32}
REPS=${2:-2}
ROUNDS=${3:-2}
mvn -B -q -pl examples -am package -DskipTests
for p in plain onednn; do
  A=""; [ $p = onednn ] && A=-Ponednn
  mvn -B -q $A -pl examples -am dependency:build-classpath -Dmdep.outputFile=target/bench-$p.cp >/dev/null
done
cpof() { echo "examples/target/classes:zoo/target/classes:core/target/classes:$(tr ':' '\n' < examples/target/bench-$1.cp | grep -v '/calibrax4j-' | paste -sd:)"; }
r=1
while [ $r -le $ROUNDS ]; do
  for p in plain onednn; do
    java $JAVA_OPTS -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G \
      -cp "$(cpof $p)" org.calibrax4j.examples.bench.InceptionBenchmark "$BATCH" "$REPS" direct 2>&1 | grep -E "^InceptionV3|^direct"
    /usr/bin/python3 examples/bench/pytorch_fid_inception_baseline.py "$BATCH" "$REPS"
  done
  r=$((r + 1))
done
