#!/usr/bin/env python3
"""Compares hetero-plan's optimize assignment with CP-SAT's on classic-model instances (issue 13).

For each task-graph file: CP-SAT's incumbent (Scripts/cpsat_oracle.py's model, hinted with HEFT),
hetero-plan's optimize plan, and hetero-plan with every task pinned to CP-SAT's unit (strategy heft,
i.e. list scheduling with insertion, and optimize, which then only orders). It lists the tasks whose
unit differs, how they fall into connected clusters of the graph, how many of them lie on
hetero-plan's critical path, and the makespan after each single move of one differing task to
CP-SAT's unit (all pinned, list-scheduled by heft): when every single move is worse, the better
assignment is out of reach of one-operator moves.

usage: cpsat_diagnose.py --platform Platforms/examples/classic-3unit.json --binary .build/release/hetero-plan \
         --time-limit 60 [--deterministic-time 10] --out Results/cpsat-diagnose FILE [FILE ...]
"""
import argparse, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpsat_oracle import solve  # noqa: E402


def plan(binary, instance, platform, strategy, pins=None):
    command = [binary, "plan", instance, "--platform", platform, "--strategy", strategy, "--time-limit", "120",
               "--no-simulate", "--format", "json"]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        if pins:
            json.dump({"format": "hetero-plan/constraints@1",
                       "pins": [{"node": n, "unit": u} for n, u in sorted(pins.items())]}, f)
            command += ["--constraints", f.name]
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    return json.loads(out)


def clusters(graph, members):
    """Connected components of `members` in the undirected task graph."""
    neighbours = {m: set() for m in members}
    for e in graph["edges"]:
        if e["from"] in neighbours and e["to"] in neighbours:
            neighbours[e["from"]].add(e["to"])
            neighbours[e["to"]].add(e["from"])
    seen, result = set(), []
    for m in sorted(members, key=lambda n: int(n[1:]) if n[1:].isdigit() else n):
        if m in seen:
            continue
        stack, component = [m], []
        seen.add(m)
        while stack:
            n = stack.pop()
            component.append(n)
            for k in neighbours[n] - seen:
                seen.add(k)
                stack.append(k)
        result.append(sorted(component, key=lambda n: int(n[1:]) if n[1:].isdigit() else n))
    return result


def critical_path(graph, document, bandwidth):
    """hetero-plan's critical path: back from the last to finish through the latest input or the
    previous task on its unit."""
    ops = {o["name"]: o for o in document["operators"]}
    incoming = {n: [] for n in ops}
    for e in graph["edges"]:
        incoming[e["to"]].append(e)
    by_unit = {}
    for o in sorted(document["operators"], key=lambda o: o["start_us"]):
        by_unit.setdefault(o["unit"], []).append(o["name"])
    previous = {}
    for queue in by_unit.values():
        for a, b in zip(queue, queue[1:]):
            previous[b] = a
    op = max(ops, key=lambda n: ops[n]["finish_us"])
    path = [op]
    while True:
        start = ops[op]["start_us"]
        arrivals = [(ops[e["from"]]["finish_us"] + (0 if ops[e["from"]]["unit"] == ops[op]["unit"] else e["bytes"] / bandwidth), e["from"])
                    for e in incoming[op]]
        late = max(arrivals, default=None)
        if late and late[0] >= start - 1e-6:
            op = late[1]
        elif op in previous and ops[previous[op]]["finish_us"] >= start - 1e-6:
            op = previous[op]
        else:
            break
        path.append(op)
    return list(reversed(path))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--platform", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--deterministic-time", type=float, default=None,
                        help="CP-SAT's work limit (its deterministic time), so the reference does not depend on load")
    parser.add_argument("--bandwidth", type=float, default=1000)
    parser.add_argument("--out", required=True, help="output path without extension (.json and .md)")
    args = parser.parse_args()
    cache_path = args.out + ".json"
    rows = {r["instance"]: r for r in json.load(open(cache_path))} if os.path.exists(cache_path) else {}
    lines = []
    for path in args.files:
        name = os.path.basename(path)
        graph = json.load(open(path))
        heft = plan(args.binary, path, args.platform, "heft")
        if name not in rows:  # CP-SAT is the slow part: cached by instance name
            rows[name] = {"instance": name, "cpsat": solve(graph, args.bandwidth, args.time_limit, 1,
                                                            hint=heft["operators"], with_schedule=True,
                                                            deterministic_time=args.deterministic_time)}
            json.dump(list(rows.values()), open(cache_path, "w"), indent=1)
        cpsat = rows[name]["cpsat"]
        theirs = {n: s["unit"] for n, s in cpsat["schedule"].items()}
        optimize = plan(args.binary, path, args.platform, "optimize")
        ours = {o["name"]: o["unit"] for o in optimize["operators"]}
        pinned_heft = plan(args.binary, path, args.platform, "heft", pins=theirs)["summary"]["makespan_us"]
        pinned_optimize = plan(args.binary, path, args.platform, "optimize", pins=theirs)["summary"]["makespan_us"]
        differing = [n for n in ours if ours[n] != theirs[n]]
        path_ops = set(critical_path(graph, optimize, args.bandwidth))
        ours_heft = plan(args.binary, path, args.platform, "heft", pins=ours)["summary"]["makespan_us"]
        singles = {}
        for n in differing:
            moved = dict(ours)
            moved[n] = theirs[n]
            singles[n] = plan(args.binary, path, args.platform, "heft", pins=moved)["summary"]["makespan_us"]
        row = rows[name]
        row.update({"optimize": optimize["summary"]["makespan_us"], "cpsat_assignment_heft": pinned_heft,
                    "cpsat_assignment_optimize": pinned_optimize, "optimize_assignment_heft": ours_heft,
                    "differing": differing, "clusters": clusters(graph, differing),
                    "differing_on_critical_path": sorted(set(differing) & path_ops),
                    "single_moves_heft": singles})
        json.dump(list(rows.values()), open(cache_path, "w"), indent=1)
        lines.append(f"## {name}\n\n"
                     f"- CP-SAT {cpsat['makespan']:.2f} us (bound {cpsat['bound']:.2f}, optimal {cpsat['optimal']}); "
                     f"optimize {row['optimize']:.2f} us ({row['optimize'] / cpsat['makespan']:.3f})\n"
                     f"- CP-SAT's assignment list-scheduled by hetero-plan: heft (insertion, upward rank) {pinned_heft:.2f} us, "
                     f"optimize (order only) {pinned_optimize:.2f} us; optimize's assignment by heft {ours_heft:.2f} us\n"
                     f"- {len(differing)} of {len(ours)} tasks on another unit, clusters "
                     + ", ".join("{" + " ".join(c) + "}" for c in row["clusters"])
                     + f"; {len(row['differing_on_critical_path'])} on optimize's critical path\n"
                     f"- single moves towards CP-SAT (heft-scheduled, from {ours_heft:.2f}): "
                     + ", ".join(f"{n}->{theirs[n]} {v:.2f}" for n, v in singles.items()) + "\n")
        print(lines[-1], flush=True)
    text = "# optimize's assignment against CP-SAT's (issue 13)\n\n`Scripts/cpsat_diagnose.py` " \
        + f"(CP-SAT {args.time_limit:g} s, 1 worker, seed 1, hinted with HEFT), platform `{args.platform}`, binary `{args.binary}`.\n\n" \
        + "\n".join(lines)
    open(args.out + ".md", "w").write(text)


if __name__ == "__main__":
    main()
