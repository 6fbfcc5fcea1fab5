#!/bin/bash
# Plans models on the four-quarter and the 400-tile VC1902 descriptions; prints one JSON line per plan.
BIN=$(realpath $1); OUT=$(realpath -m $2); mkdir -p $OUT; cd "$(dirname "$0")/.."
for m in squeezenet resnet50 inception_v1; do
  for p in Platforms/versal-vc1902.json Platforms/arrays/versal-vc1902-tiles.json; do
    pn=$(basename $p .json)
    start=$(date +%s.%N)
    $BIN plan Models/light_$m.onnx --platform $p -o $OUT/$m-$pn.json > $OUT/$m-$pn.log 2>&1
    rc=$?
    end=$(date +%s.%N)
    python3 - "$OUT/$m-$pn.json" "$m" "$pn" "$rc" "$start" "$end" <<'PY'
import json, sys
path, model, platform, rc, start, end = sys.argv[1:]
row = {"model": model, "platform": platform, "exit": int(rc), "wall_seconds": round(float(end) - float(start), 2)}
try:
    d = json.load(open(path)); s = d["summary"]
    ops = d["operators"]
    units = sorted({o["unit"] for o in ops})
    row.update(makespan_us=round(s["makespan_us"], 3), simulated_makespan_us=round(s["simulated_makespan_us"], 3),
               lower_bound_us=round(s.get("lower_bound_us") or 0, 3), units_used=len(units),
               aie_units_used=len([u for u in units if u.startswith("aie")]), operators=len(ops))
except Exception as e:
    row["error"] = str(e)
print(json.dumps(row))
PY
  done
done
