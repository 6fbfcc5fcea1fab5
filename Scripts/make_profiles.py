#!/usr/bin/env python3
"""Measures a small model with real weights in ONNX Runtime and (when installed) OpenVINO, for the
`hetero-plan profile import` tests.

Usage: python3 Scripts/make_profiles.py OUT_DIR [--openvino]

Writes into OUT_DIR:
- model.onnx: Conv(8x3x3x3) -> Relu -> MaxPool -> Conv(16x8x3x3) -> Relu -> GlobalAveragePool ->
  Flatten -> Gemm(10), seeded random weights, every node named;
- ort_profile.json: ONNX Runtime's profiler output (SessionOptions.enable_profiling) over 5 runs on
  the CPU provider with graph optimisations off, so its node names are the model's;
- with --openvino: benchmark_detailed_counters_report.csv from OpenVINO's benchmark_app
  (-report_type detailed_counters, CPU, 4 iterations, sync API), renamed openvino_counters.csv.
Only tests use these; hetero-plan never runs onnxruntime or OpenVINO. Exit status 3 when numpy, onnx
or onnxruntime is missing. Tests/Fixtures/Profiles/ holds model.onnx and the openvino_counters.csv that
OpenVINO 2026.4.1's benchmark_app wrote for it (offline, on the CPU of the machine that made them).
"""
import glob
import os
import shutil
import subprocess
import sys

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    import onnxruntime
except ImportError as missing:  # exit 3: the tests skip instead of failing
    print(f"needs numpy, onnx and onnxruntime: {missing}", file=sys.stderr)
    sys.exit(3)


def build(path):
    rng = np.random.default_rng(14)

    def weight(name, shape):
        return numpy_helper.from_array((rng.standard_normal(shape) * 0.1).astype(np.float32), name)

    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "w2", "b2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["r2"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "w3", "b3"], ["y"], name="fc", transB=1),
    ]
    inits = [weight("w1", [8, 3, 3, 3]), weight("b1", [8]), weight("w2", [16, 8, 3, 3]), weight("b2", [16]),
             weight("w3", [10, 16]), weight("b3", [10])]
    graph = helper.make_graph(nodes, "profiled", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def ort_profile(model, out):
    options = onnxruntime.SessionOptions()
    options.enable_profiling = True
    options.profile_file_prefix = os.path.join(os.path.dirname(out), "ort")
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    x = np.random.default_rng(15).random([1, 3, 32, 32], dtype=np.float32)
    for _ in range(5):
        session.run(None, {"x": x})
    os.replace(session.end_profiling(), out)


def openvino_counters(model, directory):
    subprocess.run(["benchmark_app", "-m", model, "-d", "CPU", "-niter", "4", "-api", "sync", "-report_type",
                    "detailed_counters", "-report_folder", directory, "-hint", "latency"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    found = glob.glob(os.path.join(directory, "benchmark_detailed_counters_report.csv"))
    if not found:
        sys.exit("benchmark_app wrote no benchmark_detailed_counters_report.csv")
    shutil.move(found[0], os.path.join(directory, "openvino_counters.csv"))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    os.makedirs(directory, exist_ok=True)
    model = os.path.join(directory, "model.onnx")
    build(model)
    ort_profile(model, os.path.join(directory, "ort_profile.json"))
    if "--openvino" in sys.argv[2:]:
        openvino_counters(model, directory)


if __name__ == "__main__":
    main()
