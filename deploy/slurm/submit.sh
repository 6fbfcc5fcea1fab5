#!/bin/bash
# Usage: deploy/slurm/submit.sh [options] SPEC OUTPUT SHARDS
#   Queues SHARDS array tasks (shard K of SHARDS each) and a merge job that runs after all of them
#   (afterany: the merge also reports which points are missing when a task failed).
# Re-run shards of an earlier submission (a cancelled, failed or timed-out task; it resumes) and
# merge again afterwards:
#   deploy/slurm/submit.sh --rerun 3,5 SPEC OUTPUT SHARDS
# Options (sbatch's own meaning; defaults in brackets):
#   --cpus N [4]  --mem SIZE [per-CPU default of the cluster]  --time T [02:00:00]
#   --partition P  --account A  --rerun LIST (array indices, e.g. 3 or 3,5 or 2-4)
# Logs: OUTPUT/logs/explore-JOB_TASK.out and OUTPUT/logs/merge-JOB.out, appended to on requeue.
# hetero-plan must be on PATH on the compute nodes, or HETERO_PLAN must name it.
set -euo pipefail
CPUS=4 TIME=02:00:00 MEM="" PARTITION="" ACCOUNT="" RERUN=""
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
        --cpus) CPUS=$2; shift 2 ;;
        --mem) MEM=$2; shift 2 ;;
        --time) TIME=$2; shift 2 ;;
        --partition) PARTITION=$2; shift 2 ;;
        --account) ACCOUNT=$2; shift 2 ;;
        --rerun) RERUN=$2; shift 2 ;;
        -h|--help) usage ;;
        --*) echo "submit.sh: unknown option $1" >&2; usage ;;
        *) break ;;
    esac
done
[ $# -eq 3 ] || usage
SPEC=$(realpath "$1")
OUTPUT=$(realpath -m "$2")
SHARDS=$3
case "$SHARDS" in ''|*[!0-9]*|0) echo "submit.sh: SHARDS must be a positive integer, got '$SHARDS'" >&2; exit 2 ;; esac
case "$CPUS" in ''|*[!0-9]*|0) echo "submit.sh: --cpus must be a positive integer, got '$CPUS'" >&2; exit 2 ;; esac
HERE=$(dirname "$(realpath "$0")")
export SPEC OUTPUT SHARDS
mkdir -p "$OUTPUT/logs"
common=(--parsable --export=ALL)
[ -n "$PARTITION" ] && common+=(--partition="$PARTITION")
[ -n "$ACCOUNT" ] && common+=(--account="$ACCOUNT")
shard=(--cpus-per-task="$CPUS" --time="$TIME" --output="$OUTPUT/logs/explore-%A_%a.out")
[ -n "$MEM" ] && shard+=(--mem="$MEM")
array=${RERUN:-0-$((SHARDS - 1))}
array=$(sbatch "${common[@]}" "${shard[@]}" --array="$array" "$HERE/explore-shard.sbatch")
merge=$(sbatch "${common[@]}" --output="$OUTPUT/logs/merge-%j.out" --dependency=afterany:"$array" "$HERE/merge.sbatch")
echo "shards: job $array (tasks ${RERUN:-0-$((SHARDS - 1))} of $SHARDS), merge: job $merge -> $OUTPUT/report.md (logs: $OUTPUT/logs/)"
