#!/usr/bin/env bash
# libFuzzer + ASan run over the dataset readers (QUALITY.md G3): IDX raw/gzip, numeric CSV,
# text CSV. Built with swiftc directly because a SwiftPM executable's renamed `main` clashes
# with libFuzzer's. The first input byte picks the reader (see FuzzDataReaders.swift).
#
#   Tests/Fixtures/data/fuzz/run_fuzz.sh [SECONDS=60] [JOBS=1]
#
# Seeds come from the committed valid and malformed fixtures; new inputs and any crasher
# (crash-*) land in $WORK (default /tmp/thaw-fuzz-data); copy crashers into malformed/.
set -euo pipefail
seconds=${1:-60}
jobs=${2:-1}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
work=${WORK:-/tmp/thaw-fuzz-data}
mkdir -p "$work/corpus"

swiftc -parse-as-library -module-name ThawTensor -package-name Thaw -O \
    -emit-module -emit-module-path "$work/ThawTensor.swiftmodule" \
    -emit-library -static -o "$work/libThawTensor.a" -I "$repo/Sources/COpenBLAS" \
    $(find "$repo/Sources/ThawTensor" -name '*.swift')
swiftc -sanitize=fuzzer,address -parse-as-library -module-name FuzzData \
    -I "$work" -I "$repo/Sources/CZlib" -I "$repo/Sources/COpenBLAS" \
    "$repo"/Sources/ThawTraining/Data/*.swift "$here/FuzzDataReaders.swift" \
    -L "$work" -lThawTensor -lz -o "$work/fuzz-data"

python3 - "$here/.." "$work/corpus" <<'PY'
import json, sys
from pathlib import Path
fixtures, out = Path(sys.argv[1]), Path(sys.argv[2])
selector = {"images": 0, "labels": 1, "numeric": 2, "text": 3}
seeds = {"valid/images.idx": [0, 4], "valid/images.idx.gz": [0, 4], "valid/images_multimember.idx.gz": [0],
         "valid/labels.idx": [1], "valid/labels.idx.gz": [1], "valid/numeric_rfc.csv": [2],
         "valid/numeric_noheader.csv": [2], "valid/digits_first20.csv": [2], "valid/text.csv": [3],
         "valid/sms_first50.csv": [3]}
for name, entry in json.loads((fixtures / "malformed/EXPECTED.json").read_text()).items():
    if entry["reader"] in selector:
        seeds["malformed/" + name] = [selector[entry["reader"]]]
for i, (name, picks) in enumerate(sorted(seeds.items())):
    for pick in picks:
        (out / f"seed-{i:03d}-{pick}").write_bytes(bytes([pick]) + (fixtures / name).read_bytes())
PY

cd "$work"
parallel=()
[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
./fuzz-data corpus -max_total_time="$seconds" "${parallel[@]}" \
    -rss_limit_mb=1024 -timeout=2 -max_len=8192 -print_final_stats=1
