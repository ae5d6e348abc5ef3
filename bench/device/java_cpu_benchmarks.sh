#!/usr/bin/env bash
# Runs the Java inference benchmarks on a machine without a JDK or Maven (the lent GPU machine's idle CPU).
# Expects PACK (default .devicecheck/pack/dc.tar.xz), a tar.xz of: jre/ (a jlink'd runtime), lib/ (the bench
# module's runtime jars, ONNX Runtime cut to linux-x64), benchclasses/ (bench/target/classes) and
# shared/corpus/model/brainchop_meshnet_gwm_onnx/. Results go to $OUT (default /tmp/out).
set -euo pipefail
PACK=${PACK:-.devicecheck/pack/dc.tar.xz}
OUT=${OUT:-/tmp/out}
WORK=$(mktemp -d)
mkdir -p "$OUT"
tar -C "$WORK" -xJf "$PACK"
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true
JAVA=("$WORK/jre/bin/java" -Dai.djl.offline=true -Xmx8g -cp "$WORK/benchclasses:$WORK/lib/*")
echo "cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for threads in ${THREADS:-2 8}; do
  echo "== InferenceBenchmark, ${ROUNDS:-300} rounds, $threads intra-op threads"
  "${JAVA[@]}" io.secondlook.bench.InferenceBenchmark "${ROUNDS:-300}" "$threads" 2>&1 | grep -v SLF4J \
    | tee -a "$OUT/inference.txt"
done
echo "== SegmentationBenchmark (brainchop 256^3), ${SEG_RUNS:-3} runs, ${SEG_THREADS:-16} threads"
"${JAVA[@]}" io.secondlook.bench.SegmentationBenchmark "$WORK/shared" "${SEG_RUNS:-3}" "${SEG_THREADS:-16}" 2>&1 \
  | grep -v SLF4J | tee "$OUT/segmentation.txt"
