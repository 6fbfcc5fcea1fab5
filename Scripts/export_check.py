#!/usr/bin/env python3
"""Checks `hetero-plan export --onnx` with ONNX Runtime (tests and manual runs only; the tool never
imports Python).

  python3 Scripts/export_check.py make DIR
      writes two small models with real (seeded random) weights to DIR: cnn.onnx (convolutions,
      a two-branch Concat, Gemm, Softmax) and mlp.onnx (MatMul/Add/Relu with a residual,
      LayerNormalization, a Reshape whose shape is folded shape arithmetic, a Constant scale,
      Transpose, Softmax).
  python3 Scripts/export_check.py run MODEL EXPORT_DIR
      runs MODEL and the exported subgraphs in manifest order on the same seeded inputs and prints
      one JSON line: subgraphs run, units, the largest absolute difference per model output;
      exit 0 when every output is within 1e-5, 1 otherwise.
Exit 3 when onnx, onnxruntime or numpy cannot be imported (the test skips then).
"""
import json
import os
import sys

try:
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper
except ImportError as error:  # pragma: no cover
    print(f"export_check: cannot import {error.name}: {error}", file=sys.stderr)
    sys.exit(3)

TOLERANCE = 1e-5


def weight(rng, name, shape, scale=0.3):
    return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)


def cnn():
    rng = np.random.default_rng(1)
    inits = [weight(rng, "w1", [8, 3, 3, 3]), weight(rng, "b1", [8]), weight(rng, "w2", [8, 8, 1, 1]),
             weight(rng, "wa", [4, 8, 1, 1]), weight(rng, "wb", [4, 8, 3, 3]), weight(rng, "bb", [4]),
             weight(rng, "wg", [10, 8]), weight(rng, "bg", [10])]
    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("Conv", ["r1", "w2"], ["c2"], name="conv2"),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("Add", ["r1", "r2"], ["s2"], name="residual"),
        helper.make_node("MaxPool", ["s2"], ["p2"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p2", "wa"], ["ca"], name="branch_a"),
        helper.make_node("Relu", ["ca"], ["ra"], name="relu_a"),
        helper.make_node("Conv", ["p2", "wb", "bb"], ["cb"], name="branch_b", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["cb"], ["rb"], name="relu_b"),
        helper.make_node("Concat", ["ra", "rb"], ["cat"], name="concat", axis=1),
        helper.make_node("GlobalAveragePool", ["cat"], ["gap"], name="gap"),
        helper.make_node("Flatten", ["gap"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "wg", "bg"], ["logits"], name="fc", transB=1),
        helper.make_node("Softmax", ["logits"], ["prob"], name="softmax", axis=1),
    ]
    graph = helper.make_graph(nodes, "export_cnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                              [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [1, 10]),
                               helper.make_tensor_value_info("ra", TensorProto.FLOAT, [1, 4, 8, 8])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def mlp():
    rng = np.random.default_rng(2)
    inits = [weight(rng, "w1", [32, 64]), weight(rng, "b1", [64]), weight(rng, "w2", [64, 32]),
             weight(rng, "gamma", [32], 1.0), weight(rng, "beta", [32]),
             numpy_helper.from_array(np.array([0], dtype=np.int64), "zero"),
             numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
             numpy_helper.from_array(np.array([4, 8], dtype=np.int64), "heads")]
    scale = numpy_helper.from_array((rng.standard_normal([8]) * 0.5).astype(np.float32), "scale_value")
    nodes = [
        helper.make_node("MatMul", ["x", "w1"], ["h1"], name="fc1"),
        helper.make_node("Add", ["h1", "b1"], ["h1b"], name="fc1_bias"),
        helper.make_node("Relu", ["h1b"], ["a1"], name="act1"),
        helper.make_node("MatMul", ["a1", "w2"], ["h2"], name="fc2"),
        helper.make_node("Add", ["h2", "x"], ["res"], name="residual"),
        helper.make_node("LayerNormalization", ["res", "gamma", "beta"], ["ln"], name="norm", axis=-1),
        helper.make_node("Shape", ["x"], ["x_shape"], name="shape_of_x"),
        helper.make_node("Gather", ["x_shape", "zero"], ["batch"], name="batch_dim", axis=0),
        helper.make_node("Gather", ["x_shape", "one"], ["tokens"], name="token_dim", axis=0),
        helper.make_node("Concat", ["batch", "tokens", "heads"], ["split_shape"], name="split_shape", axis=0),
        helper.make_node("Reshape", ["ln", "split_shape"], ["heads4"], name="split_heads"),
        helper.make_node("Constant", [], ["scale"], name="scale", value=scale),
        helper.make_node("Mul", ["heads4", "scale"], ["scaled"], name="scale_heads"),
        helper.make_node("Transpose", ["scaled"], ["t"], name="to_heads", perm=[0, 2, 1, 3]),
        helper.make_node("Softmax", ["t"], ["attn"], name="softmax", axis=-1),
        helper.make_node("ReduceMean", ["attn"], ["pooled"], name="pool", axes=[2], keepdims=0),
    ]
    graph = helper.make_graph(nodes, "export_mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 16, 32])],
                              [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, [2, 4, 8]),
                               helper.make_tensor_value_info("ln", TensorProto.FLOAT, [2, 16, 32])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def make(directory):
    os.makedirs(directory, exist_ok=True)
    for name, model in (("cnn.onnx", cnn()), ("mlp.onnx", mlp())):
        onnx.checker.check_model(model, full_check=True)
        onnx.save(model, os.path.join(directory, name))


def session(path):
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def run(model_path, export_dir):
    with open(os.path.join(export_dir, "manifest.json")) as handle:
        manifest = json.load(handle)
    original = session(model_path)
    rng = np.random.default_rng(7)
    feeds = {}
    for value in original.get_inputs():
        feeds[value.name] = rng.standard_normal(value.shape).astype(np.float32)
    reference = dict(zip([o.name for o in original.get_outputs()], original.run(None, feeds)))
    values = dict(feeds)
    units = []
    for subgraph in manifest["subgraphs"]:
        part = session(os.path.join(export_dir, subgraph["file"]))
        inputs = {value.name: values[value.name] for value in part.get_inputs()}
        assert sorted(inputs) == sorted(subgraph["inputs"]), (subgraph["name"], sorted(inputs), subgraph["inputs"])
        outputs = part.run(None, inputs)
        values.update(zip([o.name for o in part.get_outputs()], outputs))
        units.append(subgraph["unit"])
    differences = {name: float(np.max(np.abs(values[name] - expected))) for name, expected in reference.items()}
    print(json.dumps({"subgraphs": len(manifest["subgraphs"]), "units": sorted(set(units)), "max_abs_diff": differences}))
    return 0 if all(d <= TOLERANCE for d in differences.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        make(sys.argv[2])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "run":
        sys.exit(run(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
