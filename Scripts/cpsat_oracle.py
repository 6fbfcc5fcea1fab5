#!/usr/bin/env python3
"""Independent oracle for the classic-model benchmark: OR-Tools CP-SAT on hetero-plan task graphs.

Used only to measure hetero-plan (never by the tool). For every hetero-plan/taskgraph@1 file in the
given directories it solves the classic model (docs: classic-model.md) with CP-SAT:
interval per (task, unit) with a presence literal, exactly one unit per task, no overlap per unit,
and for each edge i->j: s_j >= e_i, plus s_j >= e_i + bytes/bandwidth when i and j run on different
units, hinted with HEFT's schedule. Times are scaled to integer nanoseconds (costs have at most 2 decimals in us, transfers
bytes / 1000 bytes/us, so the scaling is exact). Then it plans every instance with hetero-plan
(HEFT, PEFT and optimize, with one or more binaries, e.g. before/after a change) and writes a JSON
of all figures and a markdown table.

usage: cpsat_oracle.py --platform Platforms/examples/classic-3unit.json --time-limit 20 \
         --binary before=/tmp/old/hetero-plan --binary after=.build/release/hetero-plan \
         --out Results/cpsat-oracle DIR [DIR ...]
"""
import argparse, glob, json, os, subprocess, sys, time
from ortools.sat.python import cp_model

SCALE = 1000  # integer time unit: 1 ns


def solve(graph, bandwidth, time_limit, workers, hint=None, with_schedule=False, deterministic_time=None):
    tasks = graph["tasks"]
    names = [t["name"] for t in tasks]
    index = {n: i for i, n in enumerate(names)}
    units = sorted({u for t in tasks for u in t["cost_us"]})
    model = cp_model.CpModel()
    horizon = 0
    for t in tasks:
        horizon += max(round(c * SCALE) for c in t["cost_us"].values() if c is not None)
    for e in graph["edges"]:
        horizon += round(e["bytes"] / bandwidth * SCALE)
    start = [model.NewIntVar(0, horizon, f"s{i}") for i in range(len(tasks))]
    end = [model.NewIntVar(0, horizon, f"e{i}") for i in range(len(tasks))]
    present = {}
    per_unit = {u: [] for u in units}
    for i, t in enumerate(tasks):
        lits = []
        for u in units:
            c = t["cost_us"].get(u)
            if c is None:
                continue
            d = round(c * SCALE)
            p = model.NewBoolVar(f"p{i}_{u}")
            iv = model.NewOptionalIntervalVar(start[i], d, end[i], p, f"iv{i}_{u}")
            per_unit[u].append(iv)
            present[i, u] = p
            lits.append(p)
        model.AddExactlyOne(lits)
    for u in units:
        model.AddNoOverlap(per_unit[u])
    for e in graph["edges"]:
        i, j = index[e["from"]], index[e["to"]]
        comm = round(e["bytes"] / bandwidth * SCALE)
        model.Add(start[j] >= end[i])
        if comm > 0:
            for a in units:
                for b in units:
                    if a != b and (i, a) in present and (j, b) in present:
                        model.Add(start[j] >= end[i] + comm).OnlyEnforceIf([present[i, a], present[j, b]])
    if hint:
        # A feasible schedule (HEFT's) as a hint: CP-SAT starts from it instead of from nothing.
        for op in hint:
            i = index[op["name"]]
            model.AddHint(start[i], round(op["start_us"] * SCALE))
            for u in units:
                if (i, u) in present:
                    model.AddHint(present[i, u], 1 if op["unit"] == u else 0)
    makespan = model.NewIntVar(0, horizon, "makespan")
    model.AddMaxEquality(makespan, end)
    model.Minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    if deterministic_time is not None:
        # A work limit (CP-SAT's deterministic time, about seconds on a quiet core): the reference
        # does not weaken when the machine is loaded, and one worker makes it reproducible.
        solver.parameters.max_deterministic_time = deterministic_time
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    result = {"makespan": solver.ObjectiveValue() / SCALE, "bound": solver.BestObjectiveBound() / SCALE,
              "optimal": status == cp_model.OPTIMAL}
    if with_schedule:
        # CP-SAT's incumbent: each task's unit and start (us), for comparing assignments.
        result["schedule"] = {names[i]: {"unit": next(u for u in units if (i, u) in present and solver.Value(present[i, u])),
                                         "start_us": solver.Value(start[i]) / SCALE} for i in range(len(tasks))}
    return result


def plan(binary, instance, platform, strategy, full=False):
    # Default settings: no --time-limit (work limits end every search, so the plans are the
    # deterministic default-run plans; an explicit --time-limit with --max-searches buys more searches).
    # `binary` may carry options after the path ("path --tie-break none"), passed on to plan.
    command = binary.split()
    out = subprocess.run([command[0], "plan", instance, "--platform", platform, "--strategy", strategy,
                          "--no-simulate", "--format", "json"] + command[1:], capture_output=True, text=True, check=True).stdout
    document = json.loads(out)
    return document if full else document["summary"]["makespan_us"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--platform", required=True)
    parser.add_argument("--time-limit", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--deterministic-time", type=float, default=None,
                        help="also stop CP-SAT after this much deterministic time (a work limit; use with a large --time-limit)")
    parser.add_argument("--bandwidth", type=float, default=1000)
    parser.add_argument("--binary", action="append", required=True,
                        help="label=path of a hetero-plan binary, optionally followed by plan options (\"after=PATH --tie-break none\")")
    parser.add_argument("--out", required=True, help="output path without extension (.json and .md are written)")
    parser.add_argument("--replan", action="store_true", help="keep cached CP-SAT results, rerun every hetero-plan plan")
    parser.add_argument("--add", action="store_true",
                        help="with --replan: plan only with the binaries whose figures a cached row lacks (a new 'after')")
    parser.add_argument("--cached-only", action="store_true",
                        help="with --replan: only the instances the cache has (no CP-SAT run for the others)")
    args = parser.parse_args()
    binaries = [b.split("=", 1) for b in args.binary]
    cache_path = args.out + ".json"
    rows = json.load(open(cache_path)) if os.path.exists(cache_path) else []
    done = {(r["set"], r["instance"]) for r in rows}
    if args.replan:
        for r in rows:
            path = os.path.join(next(d for d in args.dirs if os.path.basename(d.rstrip("/")) == r["set"]), r["instance"])
            for label, binary in binaries:
                if args.add and "optimize_" + label in r:
                    continue
                r["optimize_" + label] = plan(binary, path, args.platform, "optimize")
            print(json.dumps(r), flush=True)
        json.dump(rows, open(cache_path, "w"), indent=1)
    for d in ([] if args.cached_only else args.dirs):
        for path in sorted(glob.glob(os.path.join(d, "*.json"))):
            name = os.path.basename(path)
            if (os.path.basename(d.rstrip("/")), name) in done:
                continue
            graph = json.load(open(path))
            heft = plan(binaries[0][1], path, args.platform, "heft", full=True)
            began = time.time()
            oracle = solve(graph, args.bandwidth, args.time_limit, args.workers, hint=heft["operators"],
                           deterministic_time=args.deterministic_time)
            row = {"set": os.path.basename(d.rstrip("/")), "instance": name, "tasks": len(graph["tasks"]),
                   "cpsat": oracle, "cpsat_seconds": round(time.time() - began, 1),
                   "cpsat_limit": {"seconds": args.time_limit, "deterministic_time": args.deterministic_time,
                                   "workers": args.workers},
                   "heft": heft["summary"]["makespan_us"],
                   "peft": plan(binaries[0][1], path, args.platform, "peft")}
            for label, binary in binaries:
                row["optimize_" + label] = plan(binary, path, args.platform, "optimize")
            rows.append(row)
            print(json.dumps(row), flush=True)
            json.dump(rows, open(cache_path, "w"), indent=1)
    write_table(rows, [b[0] for b in binaries], args)


def write_table(rows, labels, args):
    def ccr(name):
        return float(name[3:]) if name.startswith("ccr") else 0.0
    sets = sorted({(r["set"], r["tasks"]) for r in rows}, key=lambda k: (ccr(k[0]), k[1]))
    head = ["set", "instances", "CP-SAT optimal"] + [f"optimize {l} / CP-SAT (mean, max)" for l in labels] \
        + ["HEFT / CP-SAT", "PEFT / CP-SAT"] + [f"{l} better than CP-SAT" for l in labels] \
        + [f"{l} within 0.5% of proven optima" for l in labels]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in sets:
        rs = [r for r in rows if (r["set"], r["tasks"]) == s and r["cpsat"]]
        ref = [r["cpsat"]["makespan"] for r in rs]
        def ratio(key):
            v = [r[key] / m for r, m in zip(rs, ref)]
            return v
        cells = [f"{s[0]}, {s[1]} tasks", str(len(rs)), str(sum(r["cpsat"]["optimal"] for r in rs))]
        for l in labels:
            v = ratio("optimize_" + l)
            cells.append(f"{sum(v)/len(v):.3f} ({max(v):.3f})")
        for k in ["heft", "peft"]:
            v = ratio(k)
            cells.append(f"{sum(v)/len(v):.3f}")
        for l in labels:
            cells.append(str(sum(r["optimize_" + l] < r["cpsat"]["makespan"] - 1e-6 for r in rs)))
        for l in labels:
            opt = [r for r in rs if r["cpsat"]["optimal"]]
            cells.append(f"{sum(r['optimize_' + l] <= r['cpsat']['makespan'] * 1.005 for r in opt)}/{len(opt)}" if opt else "-")
        lines.append("| " + " | ".join(cells) + " |")
    text = "# optimize against CP-SAT on classic-model instances\n\n" \
        + f"`Scripts/cpsat_oracle.py` (OR-Tools CP-SAT hinted with HEFT's schedule, {args.time_limit:g} s" \
        + (f", deterministic time {args.deterministic_time:g}" if args.deterministic_time else "") \
        + f", {args.workers} worker(s), seed 1) on the instances in " \
        + ", ".join(f"`{d}`" for d in args.dirs) + f", platform `{args.platform}`. HEFT and PEFT from the `{labels[0]}` binary " \
        + "(they did not change). Ratios are makespan / CP-SAT's best makespan (below 1: better than CP-SAT's incumbent).\n\n" \
        + "\n".join(lines) + "\n"
    open(args.out + ".md", "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
