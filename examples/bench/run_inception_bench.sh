#!/bin/sh
# InceptionV3-FID images/s on this machine: calibrax4j (DL4J graph and direct ops) and PyTorch
# (pytorch_fid_inception_baseline.py, Debian's python3-torch), one after the other.
# Usage: [MVN_ARGS=-Ponednn] examples/bench/run_inception_bench.sh [batch=32] [reps=3]
# (MVN_ARGS=-Ponednn: the oneDNN build of nd4j-native, see the README's speed table)
set -e
cd "$(dirname "$0")/../.."
BATCH=${1:-32}
REPS=${2:-3}
mvn -B -q $MVN_ARGS -pl examples -am package -DskipTests
# each module writes its classpath to its own target/bench.cp; the project's modules come from target/classes
mvn -B -q $MVN_ARGS -pl examples -am dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP="examples/target/classes:zoo/target/classes:core/target/classes:$(tr ':' '\n' < examples/target/bench.cp | grep -v '/calibrax4j-' | paste -sd:)"
java $JAVA_OPTS -Xmx4g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=12G \
  -cp "$CP" org.calibrax4j.examples.bench.InceptionBenchmark "$BATCH" "$REPS"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  /usr/bin/python3 examples/bench/pytorch_fid_inception_baseline.py "$BATCH" "$REPS"
else
  echo "python3-torch not installed: apt-get install -y python3-torch for the PyTorch figure"
fi
