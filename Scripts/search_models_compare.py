#!/usr/bin/env python3
"""Plan quality and search effort of two or more hetero-plan binaries on the bundled models (issue 13).

For every model in Models/ and platform given, runs `hetero-plan plan MODEL --platform P --no-simulate
--format json` with each binary (label=path, extra options after the path separated by spaces are
passed on, e.g. "div20=.build/release/hetero-plan --elite-budget-divisor 20") and records the
makespan (`summary.makespan_us`), the refinement's evaluations (the `refinement` strategy decision)
and the user CPU seconds of the run. Writes OUT.json and OUT.md (ratios against the first binary).

Rows already in OUT.json keep the figures of the labels they have (so binaries can be measured one
after the other).

usage: search_models_compare.py --platform Platforms/meteor-lake.json ... \
         --binary "before=.build-base/hetero-plan" --binary "after=.build/release/hetero-plan" --out Results/x
"""
import argparse, glob, json, os, re, resource, subprocess


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    user = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
    document = json.loads(out)
    evaluations = None
    for decision in document["decisions"]:
        if decision.get("subject") == "refinement":
            match = re.match(r"(\d+) schedules evaluated", decision["reason"])
            if match:
                evaluations = int(match.group(1))
    return document["summary"]["makespan_us"], evaluations, round(user, 2)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--platform", action="append", required=True)
    parser.add_argument("--binary", action="append", required=True, help="label=path [options...]")
    parser.add_argument("--models", default="Models/*.onnx")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    binaries = []
    for spec in args.binary:
        label, rest = spec.split("=", 1)
        binaries.append((label, rest.split()))
    # Rows already in OUT.json keep the figures of labels they have (a binary measured earlier).
    cached = {(r["model"], r["platform"]): r for r in json.load(open(args.out + ".json"))} if os.path.exists(args.out + ".json") else {}
    rows = []
    for platform in args.platform:
        for model in sorted(glob.glob(args.models)):
            key = (os.path.basename(model), os.path.basename(platform)[:-5])
            row = cached.get(key, {"model": key[0], "platform": key[1]})
            for label, command in binaries:
                if label in row:
                    continue
                makespan, evaluations, user = run([command[0], "plan", model, "--platform", platform, "--no-simulate",
                                                   "--format", "json"] + command[1:])
                row[label] = {"makespan_us": makespan, "evaluations": evaluations, "user_s": user}
            rows.append(row)
            print(json.dumps(row), flush=True)
            json.dump(rows, open(args.out + ".json", "w"), indent=1)
    labels = [b[0] for b in binaries]
    first = labels[0]
    head = ["model", "platform"] + [f"{l} (us)" for l in labels] + [f"{l} / {first}" for l in labels[1:]] \
        + [f"evaluations {l}" for l in labels] + [f"user s {l}" for l in labels]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["model"], r["platform"]] + [f"{r[l]['makespan_us']:.3f}" for l in labels] \
            + [f"{r[l]['makespan_us'] / r[first]['makespan_us']:.4f}" for l in labels[1:]] \
            + [str(r[l]["evaluations"]) for l in labels] + [f"{r[l]['user_s']:.2f}" for l in labels]
        lines.append("| " + " | ".join(cells) + " |")
    summary = []
    for l in labels[1:]:
        better = sum(r[l]["makespan_us"] < r[first]["makespan_us"] - 1e-6 for r in rows)
        worse = sum(r[l]["makespan_us"] > r[first]["makespan_us"] + 1e-6 for r in rows)
        evals = [r[l]["evaluations"] / r[first]["evaluations"] for r in rows if r[l]["evaluations"] and r[first]["evaluations"]]
        summary.append(f"- {l} against {first}: better on {better}, worse on {worse} of {len(rows)}; evaluations "
                       f"{sum(r[l]['evaluations'] or 0 for r in rows)} vs {sum(r[first]['evaluations'] or 0 for r in rows)} in all "
                       f"(mean ratio {sum(evals) / max(1, len(evals)):.3f})")
    text = "# Bundled models: " + ", ".join(f"`{l}` = `{' '.join(c)}`" for l, c in binaries) + "\n\n" \
        + "`Scripts/search_models_compare.py`, `plan MODEL --platform P --no-simulate` (release builds; user seconds from " \
        + "the run's rusage, one sample on a shared machine).\n\n" + "\n".join(summary) + "\n\n" + "\n".join(lines) + "\n"
    open(args.out + ".md", "w").write(text)
    print(text)


if __name__ == "__main__":
    main()
