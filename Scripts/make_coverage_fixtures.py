#!/usr/bin/env python3
"""Generates the small ONNX fixtures under Tests/Fixtures/ONNX used by the coverage tests.

Each model is checked with onnx's own shape inference (`infer_shapes(data_prop=True)`) as an
oracle before it is written; the expected shapes asserted here are the ones the Swift tests use.
Run from the repository root: python3 Scripts/make_coverage_fixtures.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = "Tests/Fixtures/ONNX"


def save(model, name, expected):
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, data_prop=True, strict_mode=True)
    shapes = {}
    for value in list(inferred.graph.value_info) + list(inferred.graph.output):
        dims = value.type.tensor_type.shape.dim
        shapes[value.name] = [d.dim_value if d.HasField("dim_value") else d.dim_param for d in dims]
    for tensor, shape in expected.items():
        assert shapes.get(tensor) == shape, f"{name}: onnx infers {tensor} {shapes.get(tensor)}, expected {shape}"
    onnx.save(model, os.path.join(OUT, name))
    print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes, {expected}")


def stft_pad():
    """PyTorch's STFT export: reflect pads computed from constants only."""
    nodes = [
        helper.make_node("Constant", [], ["head"], value=numpy_helper.from_array(np.array([0, 3], dtype=np.int64))),
        helper.make_node("Constant", [], ["zeros_shape"], value=numpy_helper.from_array(np.array([4], dtype=np.int64))),
        helper.make_node("ConstantOfShape", ["zeros_shape"], ["zeros"], value=numpy_helper.from_array(np.array([0], dtype=np.int64))),
        helper.make_node("Concat", ["head", "zeros"], ["pairs_flat"], axis=0),
        helper.make_node("Constant", [], ["pair_shape"], value=numpy_helper.from_array(np.array([-1, 2], dtype=np.int64))),
        helper.make_node("Reshape", ["pairs_flat", "pair_shape"], ["pairs"]),
        helper.make_node("Constant", [], ["s_start"], value=numpy_helper.from_array(np.array([-1], dtype=np.int64))),
        helper.make_node("Constant", [], ["s_end"], value=numpy_helper.from_array(np.array([-(2**63) + 1], dtype=np.int64))),
        helper.make_node("Constant", [], ["s_axes"], value=numpy_helper.from_array(np.array([0], dtype=np.int64))),
        helper.make_node("Constant", [], ["s_steps"], value=numpy_helper.from_array(np.array([-1], dtype=np.int64))),
        helper.make_node("Slice", ["pairs", "s_start", "s_end", "s_axes", "s_steps"], ["reversed"]),
        helper.make_node("Transpose", ["reversed"], ["columns"], perm=[1, 0]),
        helper.make_node("Constant", [], ["flat_shape"], value=numpy_helper.from_array(np.array([-1], dtype=np.int64))),
        helper.make_node("Reshape", ["columns", "flat_shape"], ["pads_flat"]),
        helper.make_node("Cast", ["pads_flat"], ["pads"], to=TensorProto.INT64),
        helper.make_node("Pad", ["x", "pads"], ["padded"], mode="reflect"),
        helper.make_node("Relu", ["padded"], ["y"]),
    ]
    graph = helper.make_graph(nodes, "stft_pad", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 19])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    save(model, "stft_pad.onnx", {"y": [1, 1, 19]})


def kv_cache_attention():
    """A decoder attention block with a KV cache (opset 23 Attention); past length is symbolic."""
    rng = np.random.default_rng(0)
    wq = numpy_helper.from_array(rng.standard_normal((64, 64)).astype(np.float32), "wq")
    wk = numpy_helper.from_array(rng.standard_normal((64, 16)).astype(np.float32), "wk")
    wv = numpy_helper.from_array(rng.standard_normal((64, 16)).astype(np.float32), "wv")
    wo = numpy_helper.from_array(rng.standard_normal((64, 64)).astype(np.float32), "wo")
    nodes = [
        helper.make_node("MatMul", ["x", "wq"], ["q"]),
        helper.make_node("MatMul", ["x", "wk"], ["k"]),
        helper.make_node("MatMul", ["x", "wv"], ["v"]),
        helper.make_node("Attention", ["q", "k", "v", "", "past_key", "past_value"], ["attn", "present_key", "present_value"],
                         q_num_heads=4, kv_num_heads=1),
        helper.make_node("MatMul", ["attn", "wo"], ["y"]),
    ]
    f = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes, "kv_cache_attention",
        [helper.make_tensor_value_info("x", f, [1, "seq", 64]), helper.make_tensor_value_info("past_key", f, [1, 1, "past", 16]),
         helper.make_tensor_value_info("past_value", f, [1, 1, "past", 16])],
        [helper.make_tensor_value_info("y", f, [1, "seq", 64]), helper.make_tensor_value_info("present_key", f, [1, 1, "total", 16]),
         helper.make_tensor_value_info("present_value", f, [1, 1, "total", 16])],
        initializer=[wq, wk, wv, wo])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 23)])
    save(model, "kv_cache_attention.onnx", {"y": [1, "seq", 64]})


def lstm_recognizer():
    """An OCR-style recogniser head: bidirectional LSTM over 20 steps, then a classifier."""
    rng = np.random.default_rng(1)
    w = numpy_helper.from_array(rng.standard_normal((2, 128, 24)).astype(np.float32), "w")
    r = numpy_helper.from_array(rng.standard_normal((2, 128, 32)).astype(np.float32), "r")
    b = numpy_helper.from_array(rng.standard_normal((2, 256)).astype(np.float32), "b")
    fc = numpy_helper.from_array(rng.standard_normal((64, 37)).astype(np.float32), "fc")
    nodes = [
        helper.make_node("LSTM", ["x", "w", "r", "b"], ["y", "y_h", "y_c"], hidden_size=32, direction="bidirectional"),
        helper.make_node("Transpose", ["y"], ["y_t"], perm=[0, 2, 1, 3]),
        helper.make_node("Constant", [], ["shape"], value=numpy_helper.from_array(np.array([20, 1, 64], dtype=np.int64))),
        helper.make_node("Reshape", ["y_t", "shape"], ["features"]),
        helper.make_node("MatMul", ["features", "fc"], ["logits"]),
    ]
    graph = helper.make_graph(nodes, "lstm_recognizer", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [20, 1, 24])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [20, 1, 37])], initializer=[w, r, b, fc])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    save(model, "lstm_recognizer.onnx", {"y": [20, 2, 1, 32], "logits": [20, 1, 37]})


def control_flow():
    """If on a run-time condition (then: a 16x16 MatMul, else: Relu), and a Loop of 4 MatMuls."""
    f = TensorProto.FLOAT
    rng = np.random.default_rng(2)
    w = numpy_helper.from_array(rng.standard_normal((16, 16)).astype(np.float32), "w")
    then_graph = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["t_out"])], "then", [],
                                   [helper.make_tensor_value_info("t_out", f, [2, 16])])
    else_graph = helper.make_graph([helper.make_node("Relu", ["x"], ["e_out"])], "else", [],
                                   [helper.make_tensor_value_info("e_out", f, [2, 16])])
    body = helper.make_graph(
        [helper.make_node("MatMul", ["state_in", "w"], ["state_out"]), helper.make_node("Identity", ["cond_in"], ["cond_out"]),
         helper.make_node("Relu", ["state_out"], ["step"])],
        "body",
        [helper.make_tensor_value_info("i", TensorProto.INT64, []), helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("state_in", f, [2, 16])],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []), helper.make_tensor_value_info("state_out", f, [2, 16]),
         helper.make_tensor_value_info("step", f, [2, 16])])
    trips = numpy_helper.from_array(np.array(4, dtype=np.int64), "trips")
    nodes = [
        helper.make_node("If", ["flag"], ["chosen"], then_branch=then_graph, else_branch=else_graph),
        helper.make_node("Loop", ["trips", "", "chosen"], ["final", "steps"], body=body),
    ]
    graph = helper.make_graph(nodes, "control_flow",
                              [helper.make_tensor_value_info("x", f, [2, 16]), helper.make_tensor_value_info("flag", TensorProto.BOOL, [])],
                              [helper.make_tensor_value_info("final", f, [2, 16]), helper.make_tensor_value_info("steps", f, [4, 2, 16])],
                              initializer=[w, trips])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 16)])
    save(model, "control_flow.onnx", {"final": [2, 16], "steps": [4, 2, 16]})
    # The same with the condition a constant (false): the If folds to its else branch.
    graph.input.pop()
    graph.initializer.append(numpy_helper.from_array(np.array(False), "flag"))
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 16)]), "if_constant.onnx", {"final": [2, 16]})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    stft_pad()
    kv_cache_attention()
    lstm_recognizer()
    control_flow()
