#!/usr/bin/env python3
"""The reported lower bound of two binaries against the same optimize makespans (issue 13).

For every (model, platform) row of a `search_models_compare.py` JSON, runs `hetero-plan plan MODEL
--platform P --strategy heft --no-simulate --format json --timings` with each binary and reads
`summary.lower_bound_us` (the bound does not depend on the strategy) and `timings.planning_seconds`
(the bound's LP is part of every plan). The gap is (makespan - bound) / makespan with the makespan
of the JSON's `--makespan-label` binary. Writes OUT.json and OUT.md.

usage: lower_bound_gap.py --plans Results/x.json --makespan-label new \
         --binary before=.build-base/hetero-plan --binary after=.build/release/hetero-plan --out Results/y

`--plans` may also be a `benchmark models` JSON (Results/models-benchmark.json): its optimize makespans are then
used, labelled `optimize` (pass `--makespan-label optimize`).
"""
import argparse, json


def bound(binary, model, platform):
    import subprocess
    out = subprocess.run([binary, "plan", f"Models/{model}", "--platform", f"Platforms/{platform}.json", "--strategy", "heft",
                          "--no-simulate", "--format", "json", "--timings"], capture_output=True, text=True, check=True).stdout
    document = json.loads(out)
    return document["summary"]["lower_bound_us"], document["timings"]["planning_seconds"]


def plans(path):
    """The rows of a `search_models_compare.py` JSON, or those of a `benchmark models` JSON in that shape."""
    rows = json.load(open(path))
    if rows and "makespan_us" in rows[0] and isinstance(rows[0]["makespan_us"], dict):
        model = lambda name: "light_squeezenet.onnx" if name == "squeezenet_old" else f"light_{name}.onnx"
        return [{"model": model(r["model"]), "platform": r["platform"], "optimize": {"makespan_us": r["makespan_us"]["optimize"]}}
                for r in rows]
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", required=True)
    parser.add_argument("--makespan-label", required=True)
    parser.add_argument("--binary", action="append", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    binaries = [b.split("=", 1) for b in args.binary]
    rows = []
    for plan in plans(args.plans):
        makespan = plan[args.makespan_label]["makespan_us"]
        row = {"model": plan["model"], "platform": plan["platform"], "makespan_us": makespan}
        for label, binary in binaries:
            value, seconds = bound(binary, plan["model"], plan["platform"])
            row[label] = {"bound_us": value, "gap": (makespan - value) / makespan, "heft_planning_seconds": round(seconds, 3)}
        rows.append(row)
        print(json.dumps(row), flush=True)
    json.dump(rows, open(args.out + ".json", "w"), indent=1)
    labels = [b[0] for b in binaries]
    head = ["platform", "model", "optimize makespan (us)"] + [f"bound {l} (us)" for l in labels] + [f"gap {l}" for l in labels] \
        + [f"heft plan s {l}" for l in labels]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in sorted(rows, key=lambda r: (r["platform"], r["model"])):
        lines.append("| " + " | ".join([r["platform"], r["model"], f"{r['makespan_us']:.1f}"]
                                       + [f"{r[l]['bound_us']:.1f}" for l in labels] + [f"{100 * r[l]['gap']:.1f}%" for l in labels]
                                       + [f"{r[l]['heft_planning_seconds']:.2f}" for l in labels]) + " |")
    means = ", ".join(f"{l} {100 * sum(r[l]['gap'] for r in rows) / len(rows):.1f}%" for l in labels)
    raised = sum(rows[i][labels[-1]]["bound_us"] > rows[i][labels[0]]["bound_us"] * (1 + 1e-6) for i in range(len(rows)))
    text = f"# Reported lower bound: {' vs '.join(labels)}\n\n`Scripts/lower_bound_gap.py` over the plans of `{args.plans}` " \
        + f"(makespans of `{args.makespan_label}`); bound from `plan --strategy heft --timings` of each binary " \
        + "(one sample of planning seconds on a shared machine).\n\n" \
        + f"Mean gap over {len(rows)} plans: {means}; bound raised on {raised}.\n\n" + "\n".join(lines) + "\n"
    open(args.out + ".md", "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
