#!/usr/bin/env bash
# Planning time before/after (issues 10, 11, 13, 16): the same cases planned by two hetero-plan
# binaries in one run, as CPU user seconds and wall-clock seconds (rounds interleaved, so both
# see the same load) and as instructions counted by valgrind's callgrind (repeatable on a loaded
# machine; the machine has no hardware counters for `perf stat`), plus a check that both binaries
# write byte-identical plans.
#
# usage: Scripts/planning_time.sh -b BEFORE -a AFTER [-r ROUNDS] [-e EVALUATIONS] [-s OPERATORS] [-v] [-c] [-o REPORT.md]
#   -b  the baseline binary (e.g. main built with `swift build -c release --scratch-path .build-base`)
#   -a  the binary measured against it (default .build/release/hetero-plan)
#   -r  rounds per case and binary (default 3; the table gives each and the median)
#   -e  --evaluations for the callgrind runs of the plan cases (default 2000: a full search under
#       valgrind takes minutes; 0 runs callgrind at default settings)
#   -s  size of the synthetic graph in the callgrind run of the synthetic case (default 1000; its
#       timed rounds use 5,000 operators)
#   -v  also the view-chain cases of issue 16: SqueezeNet with a chain of 20,000 Identity nodes after
#       its first Conv and the same model without the chain on onnc-cpu-dsp-dla (simulation on;
#       `Scripts/make_view_chain.py`, needs python3 with onnx)
#   -c  also compare the plan JSON of the nine bundled models on every shipped platform
#       (Platforms/*.json, default settings) between the two binaries
#   -o  write the markdown report there as well as to stdout
# Cases: ResNet-50 and DenseNet-121 on meteor-lake (`plan ... --no-simulate`, issue 11's < 2 s
# and < 10 s), and the synthetic 5,000-operator task graph of `benchmark models` (3 units,
# `RandomTaskGraph` seed 5000, issue 13's < 60 s; run as `benchmark models` over empty model and
# platform directories, so it plans that graph alone; its plan is not written, so not compared).
# Exit status: 0 when every compared plan is identical, 1 otherwise, 2 on bad usage.
set -euo pipefail
command_line="$0 $*"
cd "$(dirname "$0")/.."

before=""
after=.build/release/hetero-plan
rounds=3
evaluations=2000
synthetic=1000
chains=false
compare=false
report=""
while getopts "b:a:r:e:s:vco:" flag; do
    case $flag in
        b) before=$OPTARG ;;
        a) after=$OPTARG ;;
        r) rounds=$OPTARG ;;
        e) evaluations=$OPTARG ;;
        s) synthetic=$OPTARG ;;
        v) chains=true ;;
        c) compare=true ;;
        o) report=$OPTARG ;;
        *) sed -n 8,23p "$0" >&2; exit 2 ;;
    esac
done
for binary in "$before" "$after"; do
    [ -n "$binary" ] && [ -x "$binary" ] || { echo "error: no executable hetero-plan at '$binary' (-b and -a)" >&2; exit 2; }
done
command -v valgrind >/dev/null || { echo "error: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/none"
budget=""
[ "$evaluations" -gt 0 ] && budget="--evaluations $evaluations"

# name|command arguments (MODEL and PLATFORM paths relative to the repository)|callgrind arguments
cases=(
    "resnet50 meteor-lake|plan Models/light_resnet50.onnx --platform Platforms/meteor-lake.json --no-simulate --format json|plan Models/light_resnet50.onnx --platform Platforms/meteor-lake.json --no-simulate --format json $budget"
    "densenet121 meteor-lake|plan Models/light_densenet121.onnx --platform Platforms/meteor-lake.json --no-simulate --format json|plan Models/light_densenet121.onnx --platform Platforms/meteor-lake.json --no-simulate --format json $budget"
    "synthetic 5000 operators|benchmark models --models $work/none --platforms $work/none --output $work/synthetic|benchmark models --models $work/none --platforms $work/none --output $work/synthetic --synthetic-operators $synthetic"
)
if $chains; then
    python3 Scripts/make_view_chain.py Models/light_squeezenet.onnx "$work/chain20k.onnx" --count 20000
    python3 Scripts/make_view_chain.py Models/light_squeezenet.onnx "$work/chain0.onnx" --count 0
    for chain in chain20k chain0; do
        plan="plan $work/$chain.onnx --platform Platforms/onnc-cpu-dsp-dla.json --format json"
        cases+=("$chain onnc-cpu-dsp-dla|$plan|$plan $budget")
    done
fi

# timed BINARY ARGUMENTS OUT: "user wall" seconds of one run (exits on failure); plans go to OUT.
timed() {
    local out=""
    [[ $2 == plan* ]] && out="-o $3"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %e' -o "$work/time" "$1" $2 $out >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/time"
}

# Valgrind cannot read the Swift toolchain's DWARF 5 debug information: callgrind runs copies
# without it (the symbol table stays, so callgrind_annotate still names functions).
strip --strip-debug -o "$work/before" "$before"
strip --strip-debug -o "$work/after" "$after"

# instructions BINARY ARGUMENTS: callgrind's total instruction count.
instructions() {
    local out=""
    [[ $2 == plan* ]] && out="-o $work/callgrind.json"
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/$1" $2 $out >/dev/null 2>"$work/valgrind.err" \
        || { cat "$work/valgrind.err" >&2; exit 1; }
    grep -m1 '^summary:' "$work/callgrind.out" | awk '{print $2}'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

rows=()
failures=0
for entry in "${cases[@]}"; do
    IFS='|' read -r name arguments grind <<<"$entry"
    old_user="" new_user="" old_wall="" new_wall=""
    for round in $(seq "$rounds"); do
        read -r user wall <<<"$(timed "$before" "$arguments" "$work/before.json")"
        old_user+="$user " old_wall+="$wall "
        read -r user wall <<<"$(timed "$after" "$arguments" "$work/after.json")"
        new_user+="$user " new_wall+="$wall "
    done
    same="n/a"
    if [[ $arguments == plan* ]]; then
        same=identical
        cmp -s "$work/before.json" "$work/after.json" || { same=DIFFERENT; failures=$((failures + 1)); }
    fi
    old_median=$(echo "$old_user" | median)
    new_median=$(echo "$new_user" | median)
    old_ir=$(instructions before "$grind")
    new_ir=$(instructions after "$grind")
    row="| $name | ${old_user% } | ${new_user% } | $old_median | $new_median | $(echo "scale=3; $new_median / $old_median" | bc) | $(echo "$old_wall" | median) | $(echo "$new_wall" | median) | $old_ir | $new_ir | $(echo "scale=3; $new_ir / $old_ir" | bc) | $same |"
    rows+=("$row")
    echo "$row" >&2
done

plan_rows=()
if $compare; then
    for platform in Platforms/*.json; do
        [[ $platform == *schema.json ]] && continue
        for model in Models/*.onnx; do
            name=$(basename "$model" .onnx)
            read -r t_old _ <<<"$(timed "$before" "plan $model --platform $platform --format json" "$work/before.json")"
            read -r t_new _ <<<"$(timed "$after" "plan $model --platform $platform --format json" "$work/after.json")"
            same=identical
            cmp -s "$work/before.json" "$work/after.json" || { same=DIFFERENT; failures=$((failures + 1)); }
            row="| $name | $(basename "$platform" .json) | $t_old | $t_new | $same |"
            plan_rows+=("$row")
            echo "$row" >&2
        done
    done
fi

{
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Generated by \`$command_line\`, $(nproc) cores, load average $load_start at the start and"
    echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end (other engineers' builds share the machine, so wall seconds are noisy;"
    echo "user seconds less so; instruction counts are not)."
    echo
    echo "Before: \`$before\`; after: \`$after\`. $rounds rounds per binary, interleaved; user = CPU user seconds"
    echo "(\`/usr/bin/time -f %U\`), wall = median wall seconds. Instructions: callgrind's total for one run"
    echo "$( [ "$evaluations" -gt 0 ] && echo "with \`--evaluations $evaluations\` (plan cases)"), and the synthetic graph with $synthetic operators."
    echo "\"plans\" compares the plan JSON the two binaries wrote (last round), byte for byte."
    echo
    echo "| case | before user s | after user s | before median | after median | after / before | before wall | after wall | before instructions | after instructions | after / before | plans |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    if $compare; then
        echo
        echo "Bundled models on every shipped platform at default settings (one run each, user seconds, simulation included):"
        echo
        echo "| model | platform | before user s | after user s | plans |"
        echo "|---|---|---|---|---|"
        printf '%s\n' "${plan_rows[@]}"
    fi
} | if [ -n "$report" ]; then tee "$report"; else cat; fi
[ "$failures" -eq 0 ]
