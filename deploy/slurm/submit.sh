#!/bin/bash
# Usage: deploy/slurm/submit.sh SPEC OUTPUT [SHARDS]
# Queues SHARDS array tasks (default 8) and a merge job that runs after all of them (afterany, so a
# merge still reports which points are missing when a task failed; requeue it and merge again).
set -euo pipefail
SPEC=$(realpath "$1")
OUTPUT=$(realpath -m "$2")
SHARDS=${3:-8}
HERE=$(dirname "$(realpath "$0")")
export SPEC OUTPUT
array=$(sbatch --parsable --export=ALL --array=0-$((SHARDS - 1)) "$HERE/explore-shard.sbatch")
merge=$(sbatch --parsable --export=ALL --dependency=afterany:"$array" "$HERE/merge.sbatch")
echo "shards: job $array (0-$((SHARDS - 1))), merge: job $merge -> $OUTPUT/report.md"
