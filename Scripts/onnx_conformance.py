#!/usr/bin/env python3
"""ONNX node conformance for hetero-plan's importer and shape inference.

Generates the node test models of the installed `onnx` package (onnx.backend.test.case.node,
the same cases onnx's backend test suite runs) and runs `hetero-plan inspect --format json` on
each, counting accepted and rejected models by cause and comparing every accepted model's
inferred output shapes and element types with the expected outputs of the test's data set.

Preparation of each model, the same for every build measured:
- small integer graph inputs (<= 64 elements: shapes, axes, pads, repeats, k, ...) become
  initializers holding the test's values, as an exported model would carry them;
- every other graph input gets `--input-shape` from the test's input data (zero sizes included).

Out of scope (counted separately, not in the denominator): models using sequence, optional,
map or string types, training operators, and non-default domains (ai.onnx.ml, preview).

Usage:
  python3 Scripts/onnx_conformance.py --binary .build/debug/hetero-plan [--clamp-opset 21]
        [--results Results/onnx-conformance] [--jobs 2]

`--clamp-opset N` rewrites the default-domain opset import down to N when it is higher (how the
baseline of issue 12 was measured); without it the models are inspected as onnx stamps them.
Needs Python with `onnx` and `numpy`; hetero-plan itself never runs Python.
"""
import argparse
import collections
import concurrent.futures
import warnings
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
import onnx.backend.test.case.node as node_cases
from onnx import helper, numpy_helper

# ONNX TensorProto.DataType codes -> hetero-plan element type names (ElementType+ONNX.swift).
ELEMENT_TYPES = {
    1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64", 8: "string", 9: "bool",
    10: "float16", 11: "float64", 12: "uint32", 13: "uint64", 14: "complex64", 15: "complex128", 16: "bfloat16",
    17: "float8e4m3fn", 18: "float8e4m3fnuz", 19: "float8e5m2", 20: "float8e5m2fnuz", 21: "uint4", 22: "int4",
    23: "float4e2m1", 24: "float8e8m0", 25: "uint2", 26: "int2", 27: "float6e2m3", 28: "float6e3m2",
}


def value_kind(value_info):
    t = value_info.type
    kind = t.WhichOneof("value")
    if kind != "tensor_type":
        return kind
    if t.tensor_type.elem_type == onnx.TensorProto.STRING:
        return "string"
    return "tensor"


def out_of_scope(model):
    domains = {n.domain for n in model.graph.node}
    if domains - {"", "ai.onnx"}:
        return "domain " + ",".join(sorted(d for d in domains if d not in ("", "ai.onnx")))
    for v in list(model.graph.input) + list(model.graph.output):
        kind = value_kind(v)
        if kind != "tensor":
            return f"{kind} type"
    for n in model.graph.node:
        if n.op_type in ("Gradient", "Momentum", "Adagrad", "Adam"):
            return "training operator"
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR and a.t.data_type == onnx.TensorProto.STRING:
                return "string type"
    return None


def expected(value):
    """(shape, element type name) of an expected output given as an array or a TensorProto."""
    if isinstance(value, np.generic):
        value = np.asarray(value)
    if isinstance(value, onnx.TensorProto):
        return list(value.dims), ELEMENT_TYPES.get(value.data_type, str(value.data_type))
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return list(value.shape), "string"
        return list(value.shape), ELEMENT_TYPES.get(helper.np_dtype_to_tensor_dtype(value.dtype), str(value.dtype))
    return None, None


# Float inputs that are parameters rather than data (scales, bounds, depth, window sizes): folded
# like small integer inputs when every consumer reads them at one of these positions.
FLOAT_PARAMETERS = {"Resize": {1, 2}, "Upsample": {1}, "Range": {0, 1, 2}, "OneHot": {1}, "MelWeightMatrix": {0, 1, 2, 3, 4}}


def is_parameter(model, name):
    uses = [(n.op_type, i) for n in model.graph.node for i, x in enumerate(n.input) if x == name]
    return bool(uses) and all(i in FLOAT_PARAMETERS.get(op, ()) for op, i in uses)


def prepare(case, directory, clamp_opset, fold_small_inputs=True):
    model = onnx.ModelProto()
    model.CopyFrom(case.model)
    if clamp_opset:
        for opset in model.opset_import:
            if opset.domain in ("", "ai.onnx") and opset.version > clamp_opset:
                opset.version = clamp_opset
    inputs, outputs = case.data_sets[0] if case.data_sets else ([], [])
    shapes = []
    constants = []
    runtime_inputs = [i for i in model.graph.input if i.name not in {t.name for t in model.graph.initializer}]
    for info, value in zip(runtime_inputs, inputs):
        if not isinstance(value, np.ndarray):
            continue
        small = value.size <= 64 and (value.dtype.kind in "iub" or (value.dtype.kind == "f" and is_parameter(model, info.name)))
        if fold_small_inputs and small:
            constants.append(numpy_helper.from_array(value, info.name))
        else:
            shapes.append((info.name, list(value.shape)))
    for tensor in constants:
        model.graph.initializer.append(tensor)
    path = os.path.join(directory, case.name + ".onnx")
    onnx.save(model, path)
    return path, shapes, [(info.name, *expected(value)) for info, value in zip(model.graph.output, outputs)]


# Operators whose output size depends on input values: hetero-plan gives the largest size the
# operator allows unless the values are known (see ShapeInference+DataDependent.swift).
DATA_DEPENDENT = {"NonZero", "Compress", "Unique", "NonMaxSuppression"}

CAUSES = [
    (r"has no shape rule", "no shape rule"),
    (r"opset \d+ is not supported", "opset"),
    (r"must be a constant known at load time", "runtime shape/axes/pads input"),
    (r"not a positive integer|zero", "zero-size dimension"),
    (r"operator domain", "domain"),
    (r"element type", "element type"),
    (r"overflow", "overflow"),
]


def classify(message):
    for pattern, cause in CAUSES:
        if re.search(pattern, message):
            return cause
    return "other"


def run_case(binary, case, directory, clamp_opset):
    model = case.model
    ops = sorted({n.op_type for n in model.graph.node})
    scope = out_of_scope(model)
    if scope:
        return {"name": case.name, "ops": ops, "status": "out of scope", "cause": scope}
    for fold in (True, False):
        # A model whose every input is small and integer folds to constants entirely ("no operators");
        # it is then inspected again with its inputs left as run-time inputs.
        path, shapes, expected = prepare(case, directory, clamp_opset, fold_small_inputs=fold)
        command = [binary, "inspect", path, "--format", "json"]
        for name, shape in shapes:
            if shape:
                command += ["--input-shape", f"{name}={','.join(str(d) for d in shape)}"]
        try:
            started = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)
            seconds = time.perf_counter() - started
        except subprocess.TimeoutExpired:
            return {"name": case.name, "ops": ops, "status": "rejected", "cause": "timeout", "message": "timeout"}
        if "the graph has no operators" not in result.stderr:
            break
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        status = "crashed" if result.returncode not in (1, 2) else "rejected"
        return {"name": case.name, "ops": ops, "status": status, "cause": classify(message) if status == "rejected" else f"signal/exit {result.returncode}", "message": message,
                "seconds": seconds, "command": command}
    report = json.loads(result.stdout)
    tensors = {t["name"]: t for t in report.get("tensors", [])}
    mismatches = []
    bounded = []
    if tensors:
        for name, shape, element in expected:
            got = tensors.get(name)
            if got is None or shape is None:
                mismatches.append(f"{name}: not reported")
                continue
            if (got["element_type"] == element and len(got["shape"]) == len(shape) and set(ops) & DATA_DEPENDENT
                    and all(g >= e for g, e in zip(got["shape"], shape))):
                if got["shape"] != shape:
                    bounded.append(f"{name}: upper bound {got['shape']} for {shape}")
                continue
            if got["shape"] != shape or got["element_type"] != element:
                mismatches.append(f"{name}: got {got['shape']} {got['element_type']}, expected {shape} {element}")
    return {"name": case.name, "ops": ops, "status": "accepted", "checked": bool(tensors), "mismatches": mismatches, "bounded": bounded,
            "seconds": seconds, "command": command}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/hetero-plan")
    parser.add_argument("--clamp-opset", type=int, default=0)
    parser.add_argument("--results", default="")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--filter", default="")
    parser.add_argument("--show", type=int, default=40, help="mismatches to print")
    parser.add_argument("--time-slowest", type=int, default=0, metavar="N",
                        help="re-run the N slowest inspections one at a time (best of 3) and print their times")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    cases = [c for c in node_cases.collect_testcases(None) if args.filter in c.name]
    with tempfile.TemporaryDirectory() as directory:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda c: run_case(args.binary, c, directory, args.clamp_opset), cases))
        # Times measured with --jobs > 1 share the machine; the slowest are timed again alone.
        slowest = sorted((r for r in results if "seconds" in r), key=lambda r: -r["seconds"])[:args.time_slowest]
        for r in slowest:
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                subprocess.run(r["command"], capture_output=True, timeout=60)
                best = min(best, time.perf_counter() - started)
            r["seconds_alone"] = best
    for r in results:
        r.pop("command", None)

    counts = collections.Counter(r["status"] for r in results)
    causes = collections.Counter((r["status"], r["cause"]) for r in results if r["status"] != "accepted")
    in_scope = [r for r in results if r["status"] != "out of scope"]
    accepted = [r for r in in_scope if r["status"] == "accepted"]
    checked = [r for r in accepted if r.get("checked")]
    wrong = [r for r in checked if r["mismatches"]]
    print(f"onnx {onnx.__version__} (opset {onnx.defs.onnx_opset_version()}), {len(results)} node tests")
    print(f"in scope: {len(in_scope)}; accepted {len(accepted)} ({100 * len(accepted) / max(1, len(in_scope)):.1f}%), "
          f"rejected {counts['rejected']}, crashed {counts['crashed']}; out of scope {counts['out of scope']}")
    bounded = [r for r in checked if r.get("bounded") and not r["mismatches"]]
    print(f"shape/type checked: {len(checked)}; equal: {len(checked) - len(wrong) - len(bounded)}; "
          f"upper bounds of data-dependent sizes: {len(bounded)}; mismatching: {len(wrong)}")
    for (status, cause), count in sorted(causes.items(), key=lambda item: -item[1]):
        print(f"  {status:12} {count:5}  {cause}")
    no_rule = collections.Counter()
    for r in results:
        if r.get("cause") == "no shape rule":
            match = re.search(r'operator type "([^"]+)"', r["message"])
            no_rule[match.group(1) if match else "?"] += 1
    if no_rule:
        print("  no shape rule for: " + ", ".join(f"{op} ({n})" for op, n in no_rule.most_common()))
    for r in sorted((r for r in results if "seconds_alone" in r), key=lambda r: -r["seconds_alone"]):
        print(f"  inspect {r['seconds_alone']:.3f} s alone ({r['seconds']:.3f} s in the run): {r['name']} ({r['status']})")
    for r in wrong[:args.show]:
        print(f"  MISMATCH {r['name']}: {'; '.join(r['mismatches'])}")

    if args.results:
        per_op = collections.defaultdict(collections.Counter)
        for r in in_scope:
            for op in r["ops"]:
                per_op[op]["tests"] += 1
                per_op[op]["accepted"] += r["status"] == "accepted"
                per_op[op]["shape ok"] += r["status"] == "accepted" and r.get("checked", False) and not r["mismatches"]
        os.makedirs(os.path.dirname(args.results) or ".", exist_ok=True)
        with open(args.results + ".json", "w") as f:
            json.dump({"onnx": onnx.__version__, "opset": onnx.defs.onnx_opset_version(), "clamp_opset": args.clamp_opset,
                       "results": sorted(results, key=lambda r: r["name"])}, f, indent=1, sort_keys=True)
        with open(args.results + ".md", "w") as f:
            f.write(f"# ONNX node conformance (onnx {onnx.__version__}, opset {onnx.defs.onnx_opset_version()})\n\n")
            f.write(f"Generated by `Scripts/onnx_conformance.py`. In scope: {len(in_scope)} of {len(results)} tests; "
                    f"accepted {len(accepted)} ({100 * len(accepted) / max(1, len(in_scope)):.1f}%); "
                    f"output shapes and types equal to the expected outputs in {len(checked) - len(wrong) - len(bounded)} of {len(checked)} checked, "
                    f"upper bounds (data-dependent sizes, by policy) in {len(bounded)}, wrong in {len(wrong)}.\n\n")
            f.write("| operator | tests | accepted | shapes equal |\n|---|---:|---:|---:|\n")
            for op in sorted(per_op):
                c = per_op[op]
                f.write(f"| {op} | {c['tests']} | {c['accepted']} | {c['shape ok']} |\n")
            f.write("\n## Rejected\n\n| test | cause | message |\n|---|---|---|\n")
            for r in sorted(results, key=lambda r: r["name"]):
                if r["status"] in ("rejected", "crashed"):
                    f.write(f"| {r['name']} | {r['cause']} | {r.get('message', '').replace('|', '/')[:200]} |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
