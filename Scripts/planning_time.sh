#!/usr/bin/env bash
# Planning time before/after (issues 10, 11, 16): the same cases planned by two hetero-plan
# binaries in one run, as wall-clock seconds (rounds interleaved, so both see the same load) and
# as instructions counted by valgrind's callgrind (repeatable on a loaded machine), plus a check
# that both binaries write byte-identical plans.
#
# usage: Scripts/planning_time.sh -b BEFORE -a AFTER [-r ROUNDS] [-e EVALUATIONS] [-c] [-o REPORT.md]
#   -b  the baseline binary (e.g. main built with `swift build -c release --scratch-path .build-base`)
#   -a  the binary measured against it (default .build/release/hetero-plan)
#   -r  wall-clock rounds per case and binary (default 3; the table gives each and the median)
#   -e  --evaluations for the callgrind runs (default 2000: a full search under valgrind takes
#       minutes; 0 runs callgrind at default settings)
#   -c  also compare the plan JSON of the nine bundled models on meteor-lake, onnc-cpu-dsp-dla and
#       snapdragon-8gen2 (default settings) between the two binaries
#   -o  write the markdown report there as well as to stdout
# Cases: ResNet-50 on meteor-lake (`plan ... --no-simulate`, issue 11's < 2 s), SqueezeNet with a
# chain of 20,000 Identity nodes after its first Conv and the same model without the chain on
# onnc-cpu-dsp-dla (`Scripts/make_view_chain.py`, simulation on: issue 16's < 5 s).
# Exit status: 0 when every compared plan is identical, 1 otherwise, 2 on bad usage.
set -euo pipefail
command_line="$0 $*"
cd "$(dirname "$0")/.."

before=""
after=.build/release/hetero-plan
rounds=3
evaluations=2000
compare=false
report=""
while getopts "b:a:r:e:co:" flag; do
    case $flag in
        b) before=$OPTARG ;;
        a) after=$OPTARG ;;
        r) rounds=$OPTARG ;;
        e) evaluations=$OPTARG ;;
        c) compare=true ;;
        o) report=$OPTARG ;;
        *) sed -n 7,16p "$0" >&2; exit 2 ;;
    esac
done
for binary in "$before" "$after"; do
    [ -n "$binary" ] && [ -x "$binary" ] || { echo "error: no executable hetero-plan at '$binary' (-b and -a)" >&2; exit 2; }
done
command -v valgrind >/dev/null || { echo "error: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Scripts/make_view_chain.py Models/light_squeezenet.onnx "$work/chain20k.onnx" --count 20000
python3 Scripts/make_view_chain.py Models/light_squeezenet.onnx "$work/chain0.onnx" --count 0

# name|model|platform|extra options
cases=(
    "resnet50 meteor-lake|Models/light_resnet50.onnx|Platforms/meteor-lake.json|--no-simulate"
    "chain20k onnc-cpu-dsp-dla|$work/chain20k.onnx|Platforms/onnc-cpu-dsp-dla.json|"
    "chain0 onnc-cpu-dsp-dla|$work/chain0.onnx|Platforms/onnc-cpu-dsp-dla.json|"
)

# seconds BINARY MODEL PLATFORM OPTIONS OUT: wall seconds of one plan (exits on failure).
seconds() {
    local start end
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    "$1" plan "$2" --platform "$3" $4 --format json -o "$5" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    end=$(date +%s.%N)
    printf '%.2f' "$(echo "$end - $start" | bc)"
}

# Valgrind cannot read the Swift toolchain's DWARF 5 debug information: callgrind runs copies
# without it (the symbol table stays, so callgrind_annotate still names functions).
strip --strip-debug -o "$work/before" "$before"
strip --strip-debug -o "$work/after" "$after"

# instructions BINARY MODEL PLATFORM OPTIONS: callgrind's total instruction count.
instructions() {
    local budget=""
    [ "$evaluations" -gt 0 ] && budget="--evaluations $evaluations"
    # shellcheck disable=SC2086
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/$1" plan "$2" --platform "$3" $4 $budget \
        --format json -o "$work/callgrind.json" >/dev/null 2>"$work/valgrind.err" || { cat "$work/valgrind.err" >&2; exit 1; }
    grep -m1 '^summary:' "$work/callgrind.out" | awk '{print $2}'
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

rows=()
failures=0
for entry in "${cases[@]}"; do
    IFS='|' read -r name model platform options <<<"$entry"
    old_times="" new_times=""
    for round in $(seq "$rounds"); do
        old_times+="$(seconds "$before" "$model" "$platform" "$options" "$work/before.json") "
        new_times+="$(seconds "$after" "$model" "$platform" "$options" "$work/after.json") "
    done
    same=identical
    cmp -s "$work/before.json" "$work/after.json" || { same=DIFFERENT; failures=$((failures + 1)); }
    old_median=$(echo "$old_times" | median)
    new_median=$(echo "$new_times" | median)
    old_ir=$(instructions before "$model" "$platform" "$options")
    new_ir=$(instructions after "$model" "$platform" "$options")
    row="| $name | ${old_times% } | ${new_times% } | $old_median | $new_median | $(echo "scale=3; $new_median / $old_median" | bc) | $old_ir | $new_ir | $(echo "scale=3; $new_ir / $old_ir" | bc) | $same |"
    rows+=("$row")
    echo "$row" >&2
done

plan_rows=()
if $compare; then
    for platform in meteor-lake onnc-cpu-dsp-dla snapdragon-8gen2; do
        for model in Models/*.onnx; do
            name=$(basename "$model" .onnx)
            t_old=$(seconds "$before" "$model" "Platforms/$platform.json" "" "$work/before.json")
            t_new=$(seconds "$after" "$model" "Platforms/$platform.json" "" "$work/after.json")
            same=identical
            cmp -s "$work/before.json" "$work/after.json" || { same=DIFFERENT; failures=$((failures + 1)); }
            row="| $name | $platform | $t_old | $t_new | $same |"
            plan_rows+=("$row")
            echo "$row" >&2
        done
    done
fi

{
    echo "# Planning time before and after"
    echo
    echo "Generated by \`$command_line\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average"
    echo "$(cut -d' ' -f1-3 /proc/loadavg) at the end (other engineers' builds share the machine, so wall seconds are noisy;"
    echo "instruction counts are not)."
    echo
    echo "Before: \`$before\`; after: \`$after\`. Wall: $rounds rounds per binary, interleaved, default settings"
    echo "(\`plan MODEL --platform P [--no-simulate] --format json -o OUT\`). Instructions: callgrind's total for one"
    echo "run of the same command$( [ "$evaluations" -gt 0 ] && echo " with \`--evaluations $evaluations\`")."
    echo "\"plans\" compares the plan JSON the two binaries wrote (last wall round), byte for byte."
    echo
    echo "| case | before s | after s | before median | after median | after / before | before instructions | after instructions | after / before | plans |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
    if $compare; then
        echo
        echo "Bundled models at default settings (one run each; seconds include the simulation):"
        echo
        echo "| model | platform | before s | after s | plans |"
        echo "|---|---|---|---|---|"
        printf '%s\n' "${plan_rows[@]}"
    fi
} | if [ -n "$report" ]; then tee "$report"; else cat; fi
[ "$failures" -eq 0 ]
