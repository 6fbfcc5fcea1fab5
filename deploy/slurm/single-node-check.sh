#!/bin/bash
# Runs deploy/slurm's documented commands on a real single-node Slurm started here, and checks
# that the merged result equals an unsharded run, including after a cancelled task is re-run as
# documented (submit.sh --rerun). Needs root and Debian's slurmctld, slurmd and munge packages
# (apt-get install -y slurmctld slurmd munge); the daemons it starts are stopped on exit.
#   deploy/slurm/single-node-check.sh [HETERO_PLAN]      (default: .build/release/hetero-plan)
# Exit 0 when both checks pass, 77 when Slurm cannot be started here (nothing checked), 1 otherwise.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export HETERO_PLAN=$(realpath "${1:-$ROOT/.build/release/hetero-plan}")
WORK=$(mktemp -d /tmp/hp-slurm-check.XXXXXX)
export SLURM_CONF=$WORK/slurm.conf
NODE=$(hostname -s)
CPUS=$(nproc)
cat > "$SLURM_CONF" <<CONF
ClusterName=hpcheck
SlurmctldHost=$NODE
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
NodeName=$NODE CPUs=$CPUS RealMemory=1000 State=UNKNOWN
PartitionName=check Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
mkdir -p "$WORK/state" "$WORK/spool"
started=()
stop() {
    for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
    # The daemons started with this run's private configuration file (and only those): TERM,
    # then KILL what is still there after 10 s.
    local daemons
    daemons=$(pgrep -f -- "-f $SLURM_CONF" || true)
    [ -n "$daemons" ] || return 0
    kill $daemons 2>/dev/null || true
    for _ in $(seq 20); do kill -0 $daemons 2>/dev/null || return 0; sleep 0.5; done
    kill -9 $daemons 2>/dev/null || true
}
trap stop EXIT
if ! pgrep -x munged >/dev/null; then
    mkdir -p /run/munge && chown munge:munge /run/munge
    runuser -u munge -- /usr/sbin/munged
    for _ in $(seq 20); do [ -s /run/munge/munged.pid ] && break; sleep 0.5; done
    started+=("$(cat /run/munge/munged.pid)")
fi
/usr/sbin/slurmctld -i -f "$SLURM_CONF"
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)' && break; sleep 1; done
if ! sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
    echo "single-node-check: the Slurm node did not come up within 60 s on this machine; nothing was checked" >&2
    exit 77
fi
sinfo

wait_for() {  # job ids...: until none is pending or running
    while squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null | grep -q .; do sleep 2; done
}
submit() {  # submit.sh arguments...: prints its line, sets $array and $merge
    local line
    line=$("$ROOT/deploy/slurm/submit.sh" "$@")
    echo "$line"
    read -r array merge < <(echo "$line" | sed -n 's/^shards: job \([0-9]*\) .*merge: job \([0-9]*\) .*/\1 \2/p')
}

cat > "$WORK/spec.json" <<SPEC
{"format": "hetero-plan/sweep@1", "name": "slurm-check", "base_platform": "$ROOT/Platforms/onnc-cpu-dsp-dla.json",
 "axes": [{"name": "dla_cbuf_kib", "pointer": "/memories/dla_cbuf/capacity_bytes", "scale": 1024, "values": [64, 128, 256, 512, 1024, 2048]}],
 "models": [{"name": "squeezenet", "path": "$ROOT/Models/light_squeezenet.onnx"},
            {"name": "resnet50", "path": "$ROOT/Models/light_resnet50.onnx"}],
 "strategies": ["heft", "greedy"]}
SPEC
"$HETERO_PLAN" explore "$WORK/spec.json" --output "$WORK/unsharded" --progress none >/dev/null
same() {  # results.jsonl files equal point for point (timings aside)
    python3 - "$1" "$2" <<'PY'
import json, sys
def load(path):
    return {r["id"]: (r["status"], r["metrics"]) for r in map(json.loads, open(path))}
a, b = load(sys.argv[1]), load(sys.argv[2])
print(f"{len(a)} points vs {len(b)} unsharded, equal: {a == b}")
sys.exit(0 if a == b else 1)
PY
}

echo "== 1. submit.sh SPEC OUT 4, as documented"
submit --cpus 1 --time 00:10:00 "$WORK/spec.json" "$WORK/out" 4
wait_for "$array" "$merge"
cat "$WORK/out/logs/merge-$merge.out"
same "$WORK/out/results.jsonl" "$WORK/unsharded/results.jsonl"

echo "== 2. a cancelled task, re-run with submit.sh --rerun"
submit --cpus 1 --time 00:10:00 "$WORK/spec.json" "$WORK/out2" 4
scancel "${array}_2"
wait_for "$array" "$merge"
echo "merge after the cancel:"; cat "$WORK/out2/logs/merge-$merge.out"
grep -q " missing: " "$WORK/out2/logs/merge-$merge.out" || { echo "the merge after the cancel did not list missing points" >&2; exit 1; }
submit --cpus 1 --rerun 2 "$WORK/spec.json" "$WORK/out2" 4
wait_for "$array" "$merge"
cat "$WORK/out2/logs/merge-$merge.out"
same "$WORK/out2/results.jsonl" "$WORK/unsharded/results.jsonl"
echo "slurm check passed ($WORK)"
