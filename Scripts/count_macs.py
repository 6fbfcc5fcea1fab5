#!/usr/bin/env python3
"""Independent MAC count for an ONNX model, to check `hetero-plan inspect` against.

Shapes come from running the model in onnxruntime (every top-level tensor made an output) on
zero-filled inputs of the shapes given as NAME=d0,d1,... arguments (NAME:=value gives a scalar
input its value, e.g. sr:=16000); onnxruntime is a test-only oracle here; MACs use the textbook formulas (Conv:
output elements x Cin/group x kernel; ConvTranspose: input elements x Cout/group x kernel;
Gemm/MatMul(Integer): output elements x K; LSTM/GRU/RNN/DynamicQuantizeLSTM: steps x batch x (|W| + |R|)). Top-level graph
only (control-flow bodies are not counted).

Usage: python3 Scripts/count_macs.py MODEL.onnx [NAME=d0,d1,...]...
"""
import sys

import numpy as np
import onnx


def main():
    model = onnx.load(sys.argv[1])
    fixed = dict(arg.split("=", 1) for arg in sys.argv[2:])
    for value in model.graph.input:
        if value.name in fixed and not value.name.endswith(":"):
            dims = [int(d) for d in fixed[value.name].split(",")]
            shape = value.type.tensor_type.shape
            del shape.dim[:]
            for d in dims:
                shape.dim.add().dim_value = d
    import onnxruntime

    values = {k[:-1]: v for k, v in fixed.items() if k.endswith(":")}
    known = {o.name for o in model.graph.output}
    for node in model.graph.node:
        for name in node.output:
            if name and name not in known:
                model.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
                known.add(name)
    session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    feeds = {}
    for value in session.get_inputs():
        dtype = {"tensor(float)": np.float32, "tensor(int64)": np.int64, "tensor(float16)": np.float16,
                 "tensor(int32)": np.int32, "tensor(bool)": np.bool_}[value.type]
        if value.name in values:
            feeds[value.name] = np.array(int(values[value.name]), dtype=dtype)
        else:
            dims = [int(d) for d in fixed[value.name].split(",")] if value.name in fixed else [d if isinstance(d, int) else 1 for d in value.shape]
            feeds[value.name] = np.zeros(dims, dtype=dtype)
    results = session.run(None, feeds)
    shapes = {o.name: list(r.shape) for o, r in zip(session.get_outputs(), results)}
    shapes.update({k: list(v.shape) for k, v in feeds.items()})
    for tensor in model.graph.initializer:
        shapes[tensor.name] = list(tensor.dims)
    inferred = model
    total = 0
    for node in inferred.graph.node:
        attributes = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        get = lambda i: shapes.get(node.input[i]) if i < len(node.input) and node.input[i] else None
        out = shapes.get(node.output[0]) if node.output else None
        if node.op_type in ("Conv", "ConvInteger"):
            w = get(1)
            total += int(np.prod(out)) * w[1] * int(np.prod(w[2:]))
        elif node.op_type == "ConvTranspose":
            w = get(1)
            total += int(np.prod(get(0))) * w[1] * int(np.prod(w[2:]))
        elif node.op_type == "Gemm":
            a = get(0)
            total += int(np.prod(out)) * (a[0] if attributes.get("transA", 0) else a[1])
        elif node.op_type in ("MatMul", "MatMulInteger"):
            total += int(np.prod(out)) * get(0)[-1]
        elif node.op_type in ("LSTM", "GRU", "RNN", "DynamicQuantizeLSTM"):
            x = get(0)
            total += x[0] * x[1] * (int(np.prod(get(1))) + int(np.prod(get(2))))
        elif node.op_type in ("If", "Loop", "Scan"):
            print(f"warning: {node.op_type} \"{node.name}\" body not counted", file=sys.stderr)
    print(total)


if __name__ == "__main__":
    main()
