#!/usr/bin/env python3
"""What a window of the optimizer's plan could gain, and what GLPK finds in it (issue 13).

For each classic instance (with a CP-SAT plan cached by Scripts/cpsat_diagnose.py), around the
tasks whose unit differs between hetero-plan's optimize plan and CP-SAT's:
1. CP-SAT as an ideal window solver: the window's tasks choose units, every other task keeps
   optimize's unit; once with the other tasks' order on their unit kept (the neighbourhood of
   WindowFormulation's exact ordering) and once with every order free. Windows: the differing
   tasks, the same grown breadth first to 15, 20 and 30 tasks, and the differing tasks with all
   their neighbours.
2. The load-relaxed window (units only; makespan >= every unit's load and every path, no
   ordering: WindowFormulation's load-relaxed ordering) solved by CP-SAT, its assignment pinned
   and planned by hetero-plan: list-scheduled (strategy heft) and order-searched (optimize with
   every task pinned).
3. GLPK (glpsol, default settings and with proximity search) on the exact window MILP of the
   30-task window, as CPLEX LP, within a time limit: the best solution it finds, if any.

usage: window_probe.py --binary .build/release/hetero-plan --platform Platforms/examples/classic-3unit.json \
         --diagnose Results/cpsat-diagnose.json --dir Results/cpsat-instances/8seeds/ccr5 \
         --time-limit 20 --glpk-seconds 60 --out Results/window-probe random-40-40002 random-40-40004
"""
import argparse, json, os, random, re, subprocess, sys, tempfile
from ortools.sat.python import cp_model

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpsat_diagnose import plan  # noqa: E402

SCALE = 1000  # 1 ns


class Instance:
    def __init__(self, path, platform, binary, cpsat):
        self.path, self.platform, self.binary = path, platform, binary
        self.graph = json.load(open(path))
        self.tasks = self.graph["tasks"]
        self.names = [t["name"] for t in self.tasks]
        self.index = {n: i for i, n in enumerate(self.names)}
        self.cost = {t["name"]: t["cost_us"] for t in self.tasks}
        self.units = sorted({u for t in self.tasks for u in t["cost_us"]})
        self.neighbours = {n: set() for n in self.names}
        self.successors = {n: set() for n in self.names}
        for e in self.graph["edges"]:
            self.neighbours[e["from"]].add(e["to"])
            self.neighbours[e["to"]].add(e["from"])
            self.successors[e["from"]].add(e["to"])
        self.plan = self.run("optimize")
        self.ops = {o["name"]: o for o in self.plan["operators"]}
        self.makespan = self.plan["summary"]["makespan_us"]
        self.cpsat = cpsat
        self.differing = sorted(n for n in self.names if cpsat["schedule"][n]["unit"] != self.ops[n]["unit"])

    def run(self, strategy, pins=None):
        return plan(self.binary, self.path, self.platform, strategy, pins)

    def capable(self, name, unit, window):
        return self.cost[name].get(unit) is not None and (name in window or self.ops[name]["unit"] == unit)

    def grow(self, size, seed=1):
        rng = random.Random(seed)
        chosen = list(self.differing)
        frontier, k = list(chosen), 0
        while len(chosen) < size and k < len(frontier):
            name = frontier[k]
            k += 1
            neighbours = sorted(self.neighbours[name])
            rng.shuffle(neighbours)
            for n in neighbours:
                if n not in chosen and len(chosen) < size:
                    chosen.append(n)
                    frontier.append(n)
        return chosen

    def fixed_sequences(self, window):
        return {u: sorted((n for n in self.names if n not in window and self.ops[n]["unit"] == u),
                          key=lambda n: self.ops[n]["start_us"]) for u in self.units}

    def window_optimum(self, window, keep_order, seconds):
        """CP-SAT on the window's scheduling problem (hinted with optimize's plan)."""
        model = cp_model.CpModel()
        horizon = round(self.makespan * SCALE)
        start = {n: model.NewIntVar(0, horizon, "") for n in self.names}
        end = {n: model.NewIntVar(0, horizon, "") for n in self.names}
        present, per_unit = {}, {u: [] for u in self.units}
        for n in self.names:
            literals = []
            for u in self.units:
                if not self.capable(n, u, window):
                    continue
                p = model.NewBoolVar("")
                per_unit[u].append(model.NewOptionalIntervalVar(start[n], round(self.cost[n][u] * SCALE), end[n], p, ""))
                present[n, u] = p
                literals.append(p)
            model.AddExactlyOne(literals)
        for u in self.units:
            model.AddNoOverlap(per_unit[u])
        if keep_order:
            for sequence in self.fixed_sequences(window).values():
                for a, b in zip(sequence, sequence[1:]):
                    model.Add(start[b] >= end[a])
        self.add_edges(model, start, end, present)
        for n in self.names:
            model.AddHint(start[n], round(self.ops[n]["start_us"] * SCALE))
            for u in self.units:
                if (n, u) in present:
                    model.AddHint(present[n, u], 1 if self.ops[n]["unit"] == u else 0)
        makespan = model.NewIntVar(0, horizon, "")
        model.AddMaxEquality(makespan, list(end.values()))
        model.Minimize(makespan)
        return self.solve(model, seconds)[:2]

    def add_edges(self, model, start, end, present):
        for e in self.graph["edges"]:
            i, j = e["from"], e["to"]
            comm = round(e["bytes"] / 1000 * SCALE)
            model.Add(start[j] >= end[i])
            for a in self.units:
                for b in self.units:
                    if a != b and comm > 0 and (i, a) in present and (j, b) in present:
                        model.Add(start[j] >= end[i] + comm).OnlyEnforceIf([present[i, a], present[j, b]])

    def solve(self, model, seconds, values=None):
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = 1
        status = solver.Solve(model)
        assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        return solver.ObjectiveValue() / SCALE, status == cp_model.OPTIMAL, (
            {k: solver.Value(v) for k, v in values.items()} if values else None)

    def load_relaxed(self, window, seconds):
        """The load-relaxed window MILP's optimum and assignment."""
        model = cp_model.CpModel()
        horizon = round(self.makespan * SCALE)
        start = {n: model.NewIntVar(0, horizon, "") for n in self.names}
        end = {n: model.NewIntVar(0, 10 * horizon, "") for n in self.names}
        present = {}
        for n in self.names:
            terms = [(u, model.NewBoolVar("")) for u in self.units if self.capable(n, u, window)]
            for u, p in terms:
                present[n, u] = p
            model.AddExactlyOne([p for _, p in terms])
            model.Add(end[n] == start[n] + sum(round(self.cost[n][u] * SCALE) * p for u, p in terms))
            for u, p in terms:
                model.AddHint(p, 1 if self.ops[n]["unit"] == u else 0)
        c = model.NewIntVar(0, 10 * horizon, "")
        for n in self.names:
            model.Add(c >= end[n])
        for u in self.units:
            model.Add(c >= sum(round(self.cost[n][u] * SCALE) * p for (n, uu), p in present.items() if uu == u))
        self.add_edges(model, start, end, present)
        model.Minimize(c)
        value, _, chosen = self.solve(model, seconds, values=present)
        return value, {n: u for (n, u), v in chosen.items() if v}

    def write_lp(self, window, path):
        """The exact window MILP (WindowFormulation, exact ordering, every gap offered) as CPLEX LP."""
        wset = set(window)
        cost, ops, units = self.cost, self.ops, self.units
        big = self.makespan + max(max(c for c in cost[w].values() if c is not None) for w in window)
        rows, binaries = [], []

        def line(terms, sense, rhs):
            merged = {}
            for coefficient, variable in terms:
                merged[variable] = merged.get(variable, 0) + coefficient
            text = " ".join(f"{'+' if c >= 0 else '-'} {abs(c):.6f} {v}" for v, c in merged.items() if c != 0)
            rows.append(f"{text} {sense} {rhs:.6f}")

        def x(w, u):
            return f"x_{w}_{u}"

        def duration(k):
            if k in wset:
                return [(cost[k][u], x(k, u)) for u in units if cost[k].get(u) is not None], 0.0
            return [], cost[k][ops[k]["unit"]]

        reach = {}
        for w in window:
            seen, stack = set(), [w]
            while stack:
                for m in self.successors[stack.pop()]:
                    if m not in seen:
                        seen.add(m)
                        stack.append(m)
            reach[w] = seen
        for w in window:
            binaries += [x(w, u) for u in units if cost[w].get(u) is not None]
            line([(1, x(w, u)) for u in units if cost[w].get(u) is not None], "=", 1)
        for k in self.names:
            terms, constant = duration(k)
            line([(1, "C"), (-1, f"s_{k}")] + [(-c, v) for c, v in terms], ">=", constant)
        for e in self.graph["edges"]:
            i, j = e["from"], e["to"]
            terms, constant = duration(i)
            base = [(1, f"s_{j}"), (-1, f"s_{i}")] + [(-c, v) for c, v in terms]
            comm = e["bytes"] / 1000
            if i not in wset and j not in wset:
                line(base, ">=", constant + (comm if ops[i]["unit"] != ops[j]["unit"] else 0))
            elif i not in wset:
                line(base + [(-(comm if ops[i]["unit"] != u else 0), x(j, u)) for u in units if cost[j].get(u) is not None], ">=", constant)
            elif j not in wset:
                line(base + [(-(comm if ops[j]["unit"] != u else 0), x(i, u)) for u in units if cost[i].get(u) is not None], ">=", 0)
            else:
                line(base, ">=", 0)
                for a in units:
                    for b in units:
                        if a != b and comm > 0 and cost[i].get(a) is not None and cost[j].get(b) is not None:
                            line(base + [(-comm, x(i, a)), (-comm, x(j, b))], ">=", -comm)
        sequences = self.fixed_sequences(wset)
        for u, sequence in sequences.items():
            for a, b in zip(sequence, sequence[1:]):
                line([(1, f"s_{b}"), (-1, f"s_{a}")], ">=", cost[a][u])
        for position, a in enumerate(window):
            for b in window[position + 1:]:
                if b in reach[a] or a in reach[b]:
                    continue
                shared = [u for u in units if cost[a].get(u) is not None and cost[b].get(u) is not None]
                if not shared:
                    continue
                o = f"o_{a}_{b}"
                binaries.append(o)
                for u in shared:
                    line([(1, f"s_{b}"), (-1, f"s_{a}"), (-big, o), (-big, x(a, u)), (-big, x(b, u))], ">=", cost[a][u] - 3 * big)
                    line([(1, f"s_{a}"), (-1, f"s_{b}"), (big, o), (-big, x(a, u)), (-big, x(b, u))], ">=", cost[b][u] - 2 * big)
        for w in window:
            for u in units:
                if cost[w].get(u) is None:
                    continue
                sequence, slots = sequences[u], []
                for gap in range(len(sequence) + 1):
                    z = f"z_{w}_{u}_{gap}"
                    binaries.append(z)
                    slots.append(z)
                    if gap > 0:
                        line([(1, f"s_{w}"), (-1, f"s_{sequence[gap - 1]}"), (-big, z)], ">=", cost[sequence[gap - 1]][u] - big)
                    if gap < len(sequence):
                        line([(1, f"s_{sequence[gap]}"), (-1, f"s_{w}"), (-big, z)], ">=", cost[w][u] - big)
                line([(1, z) for z in slots] + [(-1, x(w, u))], "=", 0)
        with open(path, "w") as f:
            weight = 1e-4 / len(self.names)
            f.write("Minimize\n obj: C + " + " + ".join(f"{weight:.9f} s_{k}" for k in self.names) + "\nSubject To\n")
            for number, row in enumerate(rows):
                f.write(f" r{number}: {row}\n")
            f.write("Bounds\n" + "".join(f" 0 <= s_{k} <= {self.makespan}\n" for k in self.names)
                    + f" 0 <= C <= {self.makespan}\nBinary\n" + "".join(f" {b}\n" for b in binaries) + "End\n")
        return len(rows), len(binaries)


def glpsol(lp, seconds, extra):
    out = subprocess.run(["glpsol", "--lp", lp, "--tmlim", str(seconds), "-o", lp + ".sol"] + extra,
                         capture_output=True, text=True).stdout
    found = [float(v) for v in re.findall(r"mip =\s+([0-9.e+-]+)", out)]
    bound = [float(v) for v in re.findall(r">=\s+([0-9.e+-]+)\s+", out)]
    nodes = re.findall(r"\((\d+); \d+\)", out)
    return (min(found) if found else None), (bound[-1] if bound else None), (int(nodes[-1]) if nodes else None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("instances", nargs="+")
    parser.add_argument("--binary", required=True)
    parser.add_argument("--platform", required=True)
    parser.add_argument("--diagnose", required=True, help="Scripts/cpsat_diagnose.py's JSON (CP-SAT's schedules)")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--time-limit", type=float, default=20, help="CP-SAT seconds per window")
    parser.add_argument("--glpk-seconds", type=int, default=60)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    cached = {r["instance"]: r["cpsat"] for r in json.load(open(args.diagnose))}
    results, lines = [], []
    for name in args.instances:
        inst = Instance(os.path.join(args.dir, name + ".json"), args.platform, args.binary, cached[name + ".json"])
        row = {"instance": name, "optimize": inst.makespan, "cpsat": inst.cpsat["makespan"], "differing": inst.differing,
               "windows": [], "load_relaxed": [], "glpk": []}
        windows = [("differing tasks", inst.differing)] + [(f"grown to {k}", inst.grow(k)) for k in (15, 20, 30)] \
            + [("differing + neighbours", sorted(set(inst.differing) | {m for d in inst.differing for m in inst.neighbours[d]}))]
        for label, window in windows:
            for keep in (True, False):
                value, optimal = inst.window_optimum(set(window), keep, args.time_limit)
                row["windows"].append({"window": label, "size": len(window), "keep_order": keep, "makespan": value, "optimal": optimal})
                print(name, label, len(window), keep, value, optimal, flush=True)
        for label, window in [("differing tasks", inst.differing), ("all tasks", inst.names)]:
            relaxed, assignment = inst.load_relaxed(set(window), args.time_limit)
            moved = sorted(n for n in inst.names if assignment[n] != inst.ops[n]["unit"])
            heft = inst.run("heft", assignment)["summary"]["makespan_us"]
            ordered = inst.run("optimize", assignment)["summary"]["makespan_us"]
            row["load_relaxed"].append({"window": label, "relaxed": relaxed, "moved": moved, "heft": heft, "order_search": ordered})
            print(name, "relaxed", label, relaxed, moved, heft, ordered, flush=True)
        window = inst.grow(30)
        with tempfile.TemporaryDirectory() as scratch:
            lp = os.path.join(scratch, "window.lp")
            size = inst.write_lp(window, lp)
            for label, extra in [("default", []), ("proximity search", ["--proxy", str(args.glpk_seconds // 2)])]:
                best, bound, nodes = glpsol(lp, args.glpk_seconds, extra)
                row["glpk"].append({"settings": label, "rows": size[0], "binaries": size[1], "best": best, "bound": bound, "nodes": nodes})
                print(name, "glpk", label, size, best, bound, nodes, flush=True)
        results.append(row)
    json.dump(results, open(args.out + ".json", "w"), indent=1)
    text = ["# What a window could gain, and what GLPK finds in it (issue 13)", "",
            f"`Scripts/window_probe.py` (CP-SAT {args.time_limit:g} s per window, 1 worker; glpsol {args.glpk_seconds} s), "
            f"binary `{args.binary}`, platform `{args.platform}`, CP-SAT plans from `{args.diagnose}`.", ""]
    for row in results:
        text += [f"## {row['instance']}", "",
                 f"optimize {row['optimize']:.2f} us, CP-SAT {row['cpsat']:.2f} us; {len(row['differing'])} tasks on another unit: "
                 + " ".join(row["differing"]), "",
                 "CP-SAT as the window solver (the window's tasks choose units; the others keep optimize's unit):", "",
                 "| window | tasks | other tasks keep their order | makespan (us) | proven |", "|---|---|---|---|---|"]
        text += [f"| {w['window']} | {w['size']} | {'yes' if w['keep_order'] else 'no'} | {w['makespan']:.2f} | {'yes' if w['optimal'] else 'no'} |"
                 for w in row["windows"]]
        text += ["", "Load-relaxed window (units only, makespan >= load and path) solved exactly, its assignment planned:", "",
                 "| window | relaxed optimum (us) | tasks moved | list-scheduled (heft) | order-searched (optimize, pinned) |",
                 "|---|---|---|---|---|"]
        text += [f"| {r['window']} | {r['relaxed']:.2f} | {len(r['moved'])} | {r['heft']:.2f} | {r['order_search']:.2f} |"
                 for r in row["load_relaxed"]]
        text += ["", "GLPK on the exact window MILP of the 30-task window (no warm start: glpsol takes none):", "",
                 "| settings | rows | binaries | best integer solution (us) | bound (us) | nodes |", "|---|---|---|---|---|---|"]
        text += [f"| {g['settings']} | {g['rows']} | {g['binaries']} | {'none found' if g['best'] is None else format(g['best'], '.2f')} | "
                 f"{'-' if g['bound'] is None else format(g['bound'], '.2f')} | {g['nodes'] if g['nodes'] is not None else '-'} |"
                 for g in row["glpk"]]
        text.append("")
    open(args.out + ".md", "w").write("\n".join(text))
    print("\n".join(text))


if __name__ == "__main__":
    main()
