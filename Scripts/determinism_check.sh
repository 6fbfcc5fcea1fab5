#!/usr/bin/env bash
# Determinism check (issue 15): plans every bundled model on every shipped platform for every
# objective, twice on an idle machine and twice with the CPU loaded by busy loops, and compares
# the plan JSON byte for byte (SHA-256 of each `-o` file). Default settings only: no --time-limit,
# so every limit that ends the search is counted in work and the four files must be identical.
#
# usage: Scripts/determinism_check.sh [-b BINARY] [-m "MODEL..."] [-p "PLATFORM..."] [-j "OBJECTIVE..."]
#                                     [-l LOADERS] [-o REPORT.md]
#   -b  the hetero-plan binary (default .build/release/hetero-plan; build it with `swift build -c release`)
#   -m  model names under Models/ without .onnx (default: all nine)
#   -p  platform files under Platforms/ without .json (default: every chip platform)
#   -j  objectives (default: latency throughput energy memory)
#   -l  busy-loop processes for the loaded runs (default: the number of cores)
#   -o  write the markdown report there as well as to stdout
# Exit status: 0 when every case gave four identical plans, 1 when some differed or failed.
set -euo pipefail
command_line="$0 $*"
cd "$(dirname "$0")/.."

binary=.build/release/hetero-plan
models="light_bvlc_alexnet light_densenet121 light_inception_v1 light_inception_v2 light_resnet50 light_shufflenet light_squeezenet light_vgg19 light_zfnet512"
platforms=$(for f in Platforms/*.json; do case $f in *.schema.json) ;; *) basename "$f" .json ;; esac; done | sort | tr '\n' ' ')
objectives="latency throughput energy memory"
loaders=$(nproc)
report=""
while getopts "b:m:p:j:l:o:" flag; do
    case $flag in
        b) binary=$OPTARG ;;
        m) models=$OPTARG ;;
        p) platforms=$OPTARG ;;
        j) objectives=$OPTARG ;;
        l) loaders=$OPTARG ;;
        o) report=$OPTARG ;;
        *) sed -n 6,15p "$0" >&2; exit 2 ;;
    esac
done
[ -x "$binary" ] || { echo "error: no executable hetero-plan at $binary (swift build -c release)" >&2; exit 2; }

work=$(mktemp -d)
busy=()
stop_load() {
    for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null || true; done
    busy=()
}
trap 'stop_load; rm -rf "$work"' EXIT
start_load() {
    for _ in $(seq "$loaders"); do
        ( while :; do :; done ) &
        busy+=("$!")
    done
}

# plan MODEL PLATFORM OBJECTIVE TAG: writes $work/TAG.json, prints its hash and the seconds taken.
plan() {
    local out="$work/$4.json" start end
    start=$(date +%s.%N)
    if "$binary" plan "Models/$1.onnx" --platform "Platforms/$2.json" --objective "$3" -o "$out" >/dev/null 2>"$work/$4.err"; then
        end=$(date +%s.%N)
        printf '%s %.2f\n' "$(sha256sum "$out" | cut -c1-16)" "$(echo "$end - $start" | bc)"
    else
        printf 'FAILED(%s) 0\n' "$(head -c 120 "$work/$4.err" | tr '\n' ' ')"
    fi
}

lines=()
failures=0
cases=0
began=$(date +%s)
for model in $models; do
    for platform in $platforms; do
        for objective in $objectives; do
            read -r h1 t1 < <(plan "$model" "$platform" "$objective" idle1)
            read -r h2 t2 < <(plan "$model" "$platform" "$objective" idle2)
            start_load
            read -r h3 t3 < <(plan "$model" "$platform" "$objective" loaded1)
            read -r h4 t4 < <(plan "$model" "$platform" "$objective" loaded2)
            stop_load
            cases=$((cases + 1))
            verdict=identical
            if [ "$h1" != "$h2" ] || [ "$h1" != "$h3" ] || [ "$h1" != "$h4" ] || [[ $h1 == FAILED* ]]; then
                verdict=DIFFERENT
                failures=$((failures + 1))
            fi
            line="| $model | $platform | $objective | $h1 | $verdict | $t1 / $t2 | $t3 / $t4 |"
            lines+=("$line")
            echo "$line" >&2
        done
    done
done
elapsed=$(( $(date +%s) - began ))

{
    echo "# Determinism check: byte-identical plans idle and under load"
    echo
    echo "Command: \`$command_line\`"
    echo "($(uname -m), $(nproc) cores, $loaders busy-loop processes during the loaded runs; default planning"
    echo "settings, no \`--time-limit\`). Each case is planned twice idle and twice loaded; the hash is the"
    echo "first 16 hex digits of the plan JSON's SHA-256, and all four must be equal."
    echo
    echo "Result: $((cases - failures)) of $cases cases identical in all four runs ($failures differ or failed); $elapsed s in all."
    echo
    echo "| model | platform | objective | plan SHA-256 (16) | four runs | idle s | loaded s |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s\n' "${lines[@]}"
} | if [ -n "$report" ]; then tee "$report"; else cat; fi
[ "$failures" -eq 0 ]
