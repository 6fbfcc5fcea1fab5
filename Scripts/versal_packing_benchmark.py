#!/usr/bin/env python3
"""Throughput plans on the VC1902 as 400 AI Engine tiles and as four aggregate quarters.

Usage: Scripts/versal_packing_benchmark.py BIN OUTDIR [--models squeezenet,resnet50] [--objectives throughput,latency]
                                            [--contention on,off]

For each model and objective, runs `BIN plan Models/light_<model>.onnx --platform P --objective O -o ...` (default
settings otherwise; `plan` simulates every plan and exits 3 on a violation, including a tile whose kernels' run-time
ratios sum above 1 or whose programs overflow its program memory) for P = Platforms/versal-vc1902.json and
Platforms/arrays/versal-vc1902-tiles.json, and the tiles again with `--split-layers on`, one after the other in the same
run, and records wall and CPU seconds. With `--contention on,off` every plan is made with `--contention on` and again with
`--contention off` (default: the platforms' own setting, on). It records each plan's multicast reads (`multicasts`: how
many, and the DDR4 bytes they save) and its shared-memory hand-offs (`shared_memory_hand_offs`: activations read in place
in a neighbouring tile's data memory, how many and their bytes) and its windowed hand-offs (`windowed_hand_offs`:
activations too large for a tile memory streamed in row windows through a ping-pong buffer, how many, the tensors' bytes
kept out of DDR4 and the largest window buffer) and its stream-switch routes (`stream_routes`: activations broadcast from
the producer's tile to distant tiles, how many, their destinations, the bytes they carry per inference and the bytes of
their receive buffers, which the memory plan places in the destinations' tile memories), and the largest tile-memory
peak of the memory plan against its capacity.
For the tile plans it checks the packing independently of the planner: program bytes per tile recomputed from the
platform file's `program_bytes` and the plan's operator types against `program_memory_bytes`, and the plan's
per-tile run-time ratios (`packing`) at most 1. Writes OUTDIR/versal-vc1902-packing.json and .md.
"""
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLATFORMS = ["Platforms/versal-vc1902.json", "Platforms/arrays/versal-vc1902-tiles.json"]
TILES = "Platforms/arrays/versal-vc1902-tiles.json"


def tile_programs(platform_path):
    """Program memory and program bytes per operator type of the tile template, or None."""
    doc = json.load(open(os.path.join(ROOT, platform_path)))
    for array in doc.get("arrays", []):
        tile = array["tile"]
        if "program_memory_bytes" in tile:
            # A Concat the tile performs in place (a channel join at batch 1, as in these models) runs no kernel.
            return array["name"], tile["program_memory_bytes"], {t: 0 if e.get("in_place") else e["program_bytes"]
                                                                  for t, e in tile["operators"].items()}
    return None


def run(binary, model, platform, objective, outdir, split=False, contention=None):
    label = os.path.basename(platform)[:-5] + (" split" if split else "")
    name = f"{model}-{os.path.basename(platform)[:-5]}{'-split' if split else ''}-{objective}" + (f"-contention-{contention}" if contention else "")
    plan_path = os.path.join(outdir, name + ".json")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    proc = subprocess.run([binary, "plan", f"Models/light_{model}.onnx", "--platform", platform, "--objective", objective,
                           "-o", plan_path, "--no-progress"] + (["--split-layers", "on"] if split else [])
                          + (["--contention", contention] if contention else []),
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.time() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    row = {"model": model, "platform": label, "objective": objective, "contention": contention or "platform", "exit": proc.returncode,
           "wall_seconds": round(wall, 2), "cpu_seconds": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2),
           "load_average": round(os.getloadavg()[0], 1)}
    if proc.returncode != 0:
        row["error"] = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "exit %d" % proc.returncode
        return row
    plan = json.load(open(plan_path))
    s = plan["summary"]
    row.update(interval_us=round(s["interval_us"], 3), makespan_us=round(s["makespan_us"], 3),
               simulated_makespan_us=round(s["simulated_makespan_us"], 3), inferences_per_s=round(1e6 / s["interval_us"], 1),
               layers_split=len(plan.get("layer_splits", [])), slices=sum(x["slices"] for x in plan.get("layer_splits", [])),
               multicast_reads=len(plan.get("multicasts", [])), multicast_saved_bytes=sum(x["saved_bytes"] for x in plan.get("multicasts", [])),
               hand_offs=len(plan.get("shared_memory_hand_offs", [])),
               hand_off_bytes=sum(x["bytes"] for x in plan.get("shared_memory_hand_offs", [])),
               windowed=len(plan.get("windowed_hand_offs", [])),
               windowed_tensor_bytes=sum(x["tensor_bytes"] for x in plan.get("windowed_hand_offs", [])),
               largest_window_buffer_bytes=max((x["buffer_bytes"] for x in plan.get("windowed_hand_offs", [])), default=0),
               routes=len(plan.get("stream_routes", [])),
               route_destinations=sum(len(x["destination_units"]) for x in plan.get("stream_routes", [])),
               routed_bytes=sum(x["bytes"] for x in plan.get("stream_routes", [])),
               receive_buffer_bytes=sum(x["receive_buffer_bytes"] * len(x["destination_units"]) for x in plan.get("stream_routes", [])),
               largest_tile_memory_peak=max(((m["peak_bytes"], m["capacity_bytes"]) for m in plan.get("memories", [])
                                             if m["name"].endswith("_mem") and m.get("capacity_bytes")), default=(0, 0)),
               simulated_vs_predicted_percent=round(100 * (s["simulated_makespan_us"] - s["makespan_us"]) / max(s["makespan_us"], 1e-12), 2))
    programs = tile_programs(platform)
    if programs:
        array, capacity, sizes = programs
        used, kernels = {}, {}
        for op in plan["operators"]:
            if op["unit"].startswith(array + "_r"):
                # A view (Reshape, Flatten, ...) a tile has no entry for is an alias, no kernel: no program.
                size = sizes.get(op["type"], 0)
                used[op["unit"]] = used.get(op["unit"], 0) + size
                kernels[op["unit"]] = kernels.get(op["unit"], 0) + (1 if size > 0 else 0)
        used = {u: b for u, b in used.items() if kernels[u] > 0}
        kernels = {u: k for u, k in kernels.items() if k > 0}
        packing = {p["unit"]: p for p in plan.get("packing", []) if p["kernels"] > 0}
        row.update(tiles_used=len(used), kernels_on_tiles=sum(kernels.values()), most_kernels_on_a_tile=max(kernels.values(), default=0),
                   largest_program_bytes=max(used.values(), default=0), program_memory_bytes=capacity,
                   programs_fit=all(b <= capacity for b in used.values()),
                   packing_matches_plan=all(packing.get(u, {}).get("program_bytes") == b and packing[u]["kernels"] == kernels[u]
                                                for u, b in used.items()) and len(packing) == len(used),
                   largest_run_time_ratio=round(max((p["run_time_ratio"] for p in packing.values()), default=0), 4),
                   ratios_at_most_1=all(p["run_time_ratio"] <= 1 + 1e-9 for p in packing.values()),
                   tile_busy_sum_us=round(sum(p["busy_us"] for p in packing.values()), 3))
    return row


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, outdir = os.path.abspath(args[0]), os.path.abspath(args[1])
    models = ["squeezenet", "resnet50"]
    objectives = ["throughput"]
    contentions = [None]
    for flag, value in zip(args[2::2], args[3::2]):
        if flag == "--models":
            models = value.split(",")
        elif flag == "--objectives":
            objectives = value.split(",")
        elif flag == "--contention":
            contentions = value.split(",")
        else:
            sys.exit(f"unknown option {flag}")
    plans = os.path.join(outdir, "versal-vc1902-packing-plans")
    os.makedirs(plans, exist_ok=True)
    rows = []
    for model in models:
        for objective in objectives:
            for contention in contentions:
                for platform, split in [(p, False) for p in PLATFORMS] + [(TILES, True)]:
                    row = run(binary, model, platform, objective, plans, split, contention)
                    print(json.dumps(row), flush=True)
                    rows.append(row)
    with open(os.path.join(outdir, "versal-vc1902-packing.json"), "w") as f:
        json.dump({"binary": binary, "rows": rows}, f, indent=2)
        f.write("\n")
    lines = ["# VC1902 throughput plans: 400 AI Engine tiles with kernel packing against four quarters", "",
             "Generated by `Scripts/versal_packing_benchmark.py %s %s` (plans under `versal-vc1902-packing-plans/`)." % (
                 os.path.relpath(binary, ROOT), os.path.relpath(outdir, ROOT)),
             "Every plan was simulated by `plan` (exit 0: no violation, including the per-tile run-time-ratio and program-memory checks).",
             "Program bytes per tile are recomputed here from the platform file's `program_bytes`; ratios are the plan's `packing` figures.", "",
             "| model | objective | contention | platform | exit | wall s | CPU s | load | interval us | inferences/s | makespan us | simulated us | sim vs pred % | multicast reads | DDR4 MB saved | hand-offs | hand-off KB | windowed | windowed MB | largest window buffer B | routes | route destinations | routed MB | receive buffers KB | largest tile memory peak B (of) | tiles used | kernels on tiles | most kernels on a tile | largest program B (of) | largest run-time ratio | programs fit | ratios <= 1 |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if r["exit"] != 0:
            lines.append(f"| {r['model']} | {r['objective']} | {r['contention']} | {r['platform']} | {r['exit']} | {r['wall_seconds']} | {r['cpu_seconds']} | {r['load_average']} | {r.get('error', '')} |" + " |" * 24)
            continue
        tiles = "tiles_used" in r
        lines.append("| %s | %s | %s | %s | 0 | %.2f | %.2f | %.1f | %.3f | %.1f | %.3f | %.3f | %+.2f | %d | %.3f | %d | %.1f | %d | %.3f | %d | %d | %d | %.3f | %.1f | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["model"], r["objective"], r["contention"], r["platform"], r["wall_seconds"], r["cpu_seconds"], r["load_average"], r["interval_us"],
            r["inferences_per_s"], r["makespan_us"], r["simulated_makespan_us"], r["simulated_vs_predicted_percent"],
            r["multicast_reads"], r["multicast_saved_bytes"] / 1e6, r["hand_offs"], r["hand_off_bytes"] / 1e3,
            r["windowed"], r["windowed_tensor_bytes"] / 1e6, r["largest_window_buffer_bytes"],
            r["routes"], r["route_destinations"], r["routed_bytes"] / 1e6, r["receive_buffer_bytes"] / 1e3,
            "%d (%d)" % tuple(r["largest_tile_memory_peak"]) if r["largest_tile_memory_peak"][1] else "-",
            r["tiles_used"] if tiles else "-", r["kernels_on_tiles"] if tiles else "-", r["most_kernels_on_a_tile"] if tiles else "-",
            "%d (%d)" % (r["largest_program_bytes"], r["program_memory_bytes"]) if tiles else "-",
            "%.4f" % r["largest_run_time_ratio"] if tiles else "-", r["programs_fit"] if tiles else "-", r["ratios_at_most_1"] if tiles else "-"))
    lines.append("")
    by = {(r["model"], r["objective"], r["contention"], r["platform"]): r for r in rows if r["exit"] == 0}
    for model in models:
        for objective in objectives:
            for contention in [c or "platform" for c in contentions]:
                q = by.get((model, objective, contention, "versal-vc1902"))
                for tiles in ["versal-vc1902-tiles", "versal-vc1902-tiles split"]:
                    t = by.get((model, objective, contention, tiles))
                    if q and t:
                        lines.append("- %s, %s, contention %s: %s / quarters interval %.2fx (%.3f / %.3f us), makespan %.2fx, wall %.2fx, CPU %.2fx%s" % (
                            model, objective, contention, tiles, t["interval_us"] / q["interval_us"], t["interval_us"], q["interval_us"],
                            t["makespan_us"] / q["makespan_us"], t["wall_seconds"] / max(q["wall_seconds"], 1e-9),
                            t["cpu_seconds"] / max(q["cpu_seconds"], 1e-9),
                            ", %d layers split into %d slices" % (t["layers_split"], t["slices"]) if t.get("layers_split") else ""))
    with open(os.path.join(outdir, "versal-vc1902-packing.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
