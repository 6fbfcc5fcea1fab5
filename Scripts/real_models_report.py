#!/usr/bin/env python3
"""Runs hetero-plan on the models `Scripts/make_real_models.py` exports and checks their MACs.

For every case below (a model and the shapes of its inputs; the LLM decoders twice: prefill with
past length 0, and a decode step with a positive past length) it runs
1. `hetero-plan inspect --format json`, timed (wall clock, best of --repeat runs);
2. `Scripts/count_macs.py` (shapes from onnxruntime executing the model, textbook formulas) and
   compares its MACs with inspect's;
3. `hetero-plan plan --platform P --format json` on each platform (strategy optimize, which also
   runs the plan on the simulator), reporting the planned makespan and the simulated one.

Usage: python3 Scripts/real_models_report.py --binary .build/release/hetero-plan [--set exporters|ort]
         [--models /tmp/real-models] [--ort-models /tmp/ort-models] [--platforms meteor-lake snapdragon-8gen2] [--only CASE ...]
Writes a JSON record per case to stdout and a markdown table to --table (default: stdout only);
`--from-records FILE --table T.md` writes the table again from saved records. Each record also
counts the tensors whose inferred shape and element type equal onnxruntime's executed ones.
Needs Python with onnx, onnxruntime and numpy; hetero-plan itself never runs Python.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def decoder_shapes(layers, kv_heads, head_dim, past, sequence):
    shapes = {"input_ids": [1, sequence], "attention_mask": [1, past + sequence], "position_ids": [1, sequence]}
    for layer in range(layers):
        for kind in ("key", "value"):
            shapes[f"past_key_values.{layer}.{kind}"] = [1, kv_heads, past, head_dim]
    return shapes


def whisper_decoder_shapes(past, sequence, layers=4, heads=6, head_dim=64):
    shapes = {"input_ids": [1, sequence], "encoder_hidden_states": [1, 1500, 384]}
    for layer in range(layers):
        for kind in ("key", "value"):
            shapes[f"past_key_values.{layer}.decoder.{kind}"] = [1, heads, past, head_dim]
    return shapes


def genai_shapes(past, sequence, layers=2, kv_heads=2, head_dim=64, position_ids=False):
    """onnxruntime-genai's decoder inputs: position_ids only when rotary is a separate
    RotaryEmbedding (the DirectML build), not inside GroupQueryAttention (the CPU build)."""
    shapes = decoder_shapes(layers, kv_heads, head_dim, past, sequence)
    if not position_ids:
        del shapes["position_ids"]
    return shapes


BERT_INPUTS = {"input_ids": [1, 128], "attention_mask": [1, 128], "token_type_ids": [1, 128]}
IMAGE = [1, 3, 224, 224]

# Models as ONNX Runtime's own tools emit them (`Scripts/make_ort_models.py`, in --ort-models):
# case name -> (model file, input shapes).
ORT_CASES = {
    "bert_mini_ortopt": ("bert_mini_ortopt.onnx", BERT_INPUTS),
    "bert_mini_ts_ortopt": ("bert_mini_ts_ortopt.onnx", BERT_INPUTS),
    "bert_mini_ts_ortopt_fp16": ("bert_mini_ts_ortopt_fp16.onnx", BERT_INPUTS),
    "bert_mini_ts_ortopt_mha": ("bert_mini_ts_ortopt_mha.onnx", BERT_INPUTS),
    "distilbert_ortopt": ("distilbert_ortopt.onnx", {"input_ids": [1, 128], "attention_mask": [1, 128]}),
    "gpt2_ortopt decode": ("gpt2_ortopt.onnx", decoder_shapes(2, 12, 64, 127, 1)),
    "gpt2_ortopt_fp16 decode": ("gpt2_ortopt_fp16.onnx", decoder_shapes(2, 12, 64, 127, 1)),
    "llama_ortopt prefill": ("llama_ortopt.onnx", decoder_shapes(2, 2, 64, 0, 16)),
    "genai_llama_int4_cpu prefill": ("genai_llama_int4_cpu/model.onnx", genai_shapes(0, 16)),
    "genai_llama_int4_cpu decode": ("genai_llama_int4_cpu/model.onnx", genai_shapes(127, 1)),
    "genai_llama_int4_dml_b128 prefill": ("genai_llama_int4_dml_b128/model.onnx", genai_shapes(0, 16, position_ids=True)),
    "genai_llama_int4_dml_b128 decode": ("genai_llama_int4_dml_b128/model.onnx", genai_shapes(127, 1, position_ids=True)),
    "genai_llama_fp32_cpu decode": ("genai_llama_fp32_cpu/model.onnx", genai_shapes(127, 1)),
    "llama_nbits32 prefill": ("llama_nbits32.onnx", decoder_shapes(2, 2, 64, 0, 16)),
    "llama_nbits32 decode": ("llama_nbits32.onnx", decoder_shapes(2, 2, 64, 127, 1)),
    "gpt2_nbits128 decode": ("gpt2_nbits128.onnx", decoder_shapes(2, 12, 64, 127, 1)),
    "bert_mini_dynamic": ("bert_mini_dynamic.onnx", BERT_INPUTS),
    "gpt2_dynamic decode": ("gpt2_dynamic.onnx", decoder_shapes(2, 12, 64, 127, 1)),
    "resnet50_qoperator": ("resnet50_qoperator.onnx", {"gpu_0/data_0": IMAGE}),
    "squeezenet_qoperator": ("squeezenet_qoperator.onnx", {"data_0": IMAGE}),
    "resnet50_ort_extended": ("resnet50_ort_extended.onnx", {"gpu_0/data_0": IMAGE}),
    "resnet50_ort_all": ("resnet50_ort_all.onnx", {"gpu_0/data_0": IMAGE}),
    "bert_mini_ts_ort_extended": ("bert_mini_ts_ort_extended.onnx", BERT_INPUTS),
    "gpt2_ort_extended decode": ("gpt2_ort_extended.onnx", decoder_shapes(2, 12, 64, 127, 1)),
    "llama_ort_extended prefill": ("llama_ort_extended.onnx", decoder_shapes(2, 2, 64, 0, 16)),
}

# case name -> (model file, input shapes)
CASES = {
    "yolov8n": ("yolov8n.onnx", {"images": [1, 3, 640, 640]}),
    "yolo11n": ("yolo11n.onnx", {"images": [1, 3, 640, 640]}),
    "yolov5nu": ("yolov5nu.onnx", {"images": [1, 3, 640, 640]}),
    "gru_kws": ("gru_kws.onnx", {"mel": [1, 1, 40, 101]}),
    "lstm_lm": ("lstm_lm.onnx", {"tokens": [35, 1], "h0": [2, 1, 512], "c0": [2, 1, 512]}),
    "bert_mini": ("bert_mini.onnx", {"input_ids": [1, 128], "attention_mask": [1, 128], "token_type_ids": [1, 128]}),
    "distilbert": ("distilbert_base.onnx", {"input_ids": [1, 128], "attention_mask": [1, 128]}),
    "whisper_tiny_encoder": ("whisper_tiny_encoder.onnx", {"input_features": [1, 80, 3000]}),
    "whisper_tiny_decoder prefill": ("whisper_tiny_decoder_with_past.onnx", whisper_decoder_shapes(0, 4)),
    "whisper_tiny_decoder decode": ("whisper_tiny_decoder_with_past.onnx", whisper_decoder_shapes(63, 1)),
    "llama_gqa prefill": ("llama_gqa_with_past.onnx", decoder_shapes(2, 2, 64, 0, 16)),
    "llama_gqa decode": ("llama_gqa_with_past.onnx", decoder_shapes(2, 2, 64, 127, 1)),
    "llama_sdpa_dynamo prefill": ("llama_sdpa_dynamo_with_past.onnx", decoder_shapes(2, 2, 64, 0, 16)),
    "llama_sdpa_dynamo decode": ("llama_sdpa_dynamo_with_past.onnx", decoder_shapes(2, 2, 64, 127, 1)),
    "llama_op23 prefill": ("llama_op23_with_past.onnx", decoder_shapes(2, 2, 64, 0, 16)),
    "llama_op23 decode": ("llama_op23_with_past.onnx", decoder_shapes(2, 2, 64, 127, 1)),
    "gpt2 prefill": ("gpt2_with_past.onnx", decoder_shapes(2, 12, 64, 0, 16)),
    "gpt2 decode": ("gpt2_with_past.onnx", decoder_shapes(2, 12, 64, 127, 1)),
}


def shape_arguments(shapes):
    arguments = []
    for name, dims in shapes.items():
        arguments += ["--input-shape", f"{name}={','.join(map(str, dims))}"]
    return arguments


def run(command):
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    return result, time.perf_counter() - started


NUMPY_TYPES = {"float32": "float32", "float16": "float16", "float64": "float64", "int64": "int64", "int32": "int32",
               "int8": "int8", "uint8": "uint8", "int16": "int16", "uint16": "uint16", "bool": "bool"}


def compare_shapes(tensors, executed):
    """Every tensor both inspect and onnxruntime report (ORT's executed outputs of every node):
    how many have the same shape and element type, and the first few that differ."""
    compared, differing = 0, []
    for tensor in tensors:
        run = executed.get(tensor["name"])
        if run is None:
            continue
        compared += 1
        if tensor["shape"] != run["shape"] or tensor["element_type"] != NUMPY_TYPES.get(run["element_type"], run["element_type"]):
            differing.append(f"{tensor['name']}: {tensor['shape']} {tensor['element_type']} vs onnxruntime "
                             f"{run['shape']} {run['element_type']}")
    return {"tensors_compared": compared, "tensors_differing": len(differing), "differences": differing[:5]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--models", default="/tmp/real-models")
    parser.add_argument("--platforms", nargs="*", default=["meteor-lake", "snapdragon-8gen2"])
    parser.add_argument("--ort-models", default="/tmp/ort-models")
    parser.add_argument("--set", choices=["exporters", "ort"], default="exporters",
                        help="exporters: make_real_models.py's exports; ort: make_ort_models.py's models")
    parser.add_argument("--only", nargs="*", choices=sorted(CASES) + sorted(ORT_CASES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--table")
    parser.add_argument("--from-records", help="write --table from the JSON records of an earlier run (its stdout)")
    args = parser.parse_args()
    if args.from_records:
        with open(args.from_records) as f:
            write_table([json.loads(line) for line in f if line.strip()], args.platforms, args.table)
        return
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    cases, directory = (ORT_CASES, args.ort_models) if args.set == "ort" else (CASES, args.models)
    for case in args.only or cases:
        file, shapes = cases[case]
        path = os.path.join(directory, file)
        if not os.path.exists(path):
            print(f"skip {case}: {path} missing (run Scripts/make_real_models.py)", file=sys.stderr)
            continue
        record = {"case": case, "model": file, "inputs": shapes, "bytes": os.path.getsize(path)}
        timings = []
        for _ in range(args.repeat):
            result, seconds = run([args.binary, "inspect", path, "--format", "json"] + shape_arguments(shapes))
            timings.append(seconds)
            if result.returncode != 0:
                break
        if result.returncode != 0:
            record["inspect_error"] = result.stderr.strip()
            print(json.dumps(record), flush=True)
            rows.append(record)
            continue
        report = json.loads(result.stdout)
        record["inspect_s"] = min(timings)
        record["macs"] = report["macs"]
        record["operators"] = sum(report["operators_by_type"].values())
        shapes_file = os.path.join(tempfile.mkdtemp(), "shapes.json")
        counted = subprocess.run([sys.executable, os.path.join(here, "count_macs.py"), path, f"--shapes={shapes_file}"]
                                 + [f"{n}={','.join(map(str, d))}" for n, d in shapes.items()],
                                 capture_output=True, text=True)
        if counted.returncode == 0:
            record.update(compare_shapes(report["tensors"], json.load(open(shapes_file))))
        shutil.rmtree(os.path.dirname(shapes_file), ignore_errors=True)
        record["independent_macs"] = int(counted.stdout.split()[-1]) if counted.returncode == 0 else None
        if counted.returncode != 0:
            record["count_error"] = counted.stderr.strip()[-400:]
        for platform in args.platforms:
            platform_path = os.path.join(here, "..", "Platforms", f"{platform}.json")
            result, seconds = run([args.binary, "plan", path, "--platform", platform_path, "--format", "json"]
                                  + shape_arguments(shapes))
            if result.returncode != 0:
                record[platform] = {"error": result.stderr.strip()[-400:], "exit": result.returncode}
                continue
            summary = json.loads(result.stdout)["summary"]
            record[platform] = {"makespan_us": summary["makespan_us"], "simulated_us": summary["simulated_makespan_us"],
                                "plan_s": seconds}
        print(json.dumps(record), flush=True)
        rows.append(record)
    if args.table:
        write_table(rows, args.platforms, args.table)


def write_table(rows, platforms, destination):
    shapes = any("tensors_compared" in row for row in rows)
    header = "| case | inputs | operators | MACs (hetero-plan) | MACs (independent) | diff | " + " | ".join(
        f"{p}: plan / simulated (us)" for p in platforms) + " | inspect (s) |" + (" tensors equal to ORT's |" if shapes else "")
    lines = [header, "|" + "---|" * (7 + len(platforms) + shapes)]
    for row in rows:
        inputs = " ".join(f"{n}={'x'.join(map(str, d))}" for n, d in row["inputs"].items() if not n.startswith("past_key_values.1"))
        if "inspect_error" in row:
            lines.append(f"| {row['case']} | {inputs} | refused: {row['inspect_error']} |" + " |" * (4 + len(platforms) + shapes))
            continue
        independent = row.get("independent_macs")
        diff = "–" if not independent else f"{100 * (row['macs'] - independent) / independent:+.3f}%"
        cells = []
        for platform in platforms:
            entry = row.get(platform, {})
            cells.append(f"exit {entry['exit']}" if "error" in entry else f"{entry['makespan_us']:,.1f} / {entry['simulated_us']:,.1f}")
        equal = f" {row['tensors_compared'] - row['tensors_differing']} of {row['tensors_compared']} |" if shapes else ""
        lines.append(f"| {row['case']} | {inputs} | {row['operators']} | {row['macs']:,} | "
                     f"{independent:,} | {diff} | " + " | ".join(cells) + f" | {row['inspect_s']:.2f} |" + equal)
    with open(destination, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
