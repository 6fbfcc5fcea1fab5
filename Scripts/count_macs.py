#!/usr/bin/env python3
"""Independent MAC count for an ONNX model, to check `hetero-plan inspect` against.

Shapes come from running the model in onnxruntime (every top-level tensor made an output) on
zero-filled inputs (attention masks one-filled) of the shapes given as NAME=d0,d1,... arguments (NAME:=value gives a scalar
input its value, e.g. sr:=16000); onnxruntime is a test-only oracle here; MACs use the textbook formulas (Conv:
output elements x Cin/group x kernel, the same for ONNX Runtime's FusedConv and the NCHWc
(com.microsoft.nchwc) Conv, whose executed shapes are the blocked ones, channels rounded up to the
block, and whose ReorderInput/ReorderOutput and pools have no MACs; ConvTranspose: input elements x Cout/group x kernel;
Gemm, FusedGemm, QGemm, MatMul(Integer), QLinearMatMul, FusedMatMul: output elements x K, batch
dimensions broadcast; MatMulNBits: output elements x K (the attribute K); LSTM/GRU/RNN/DynamicQuantizeLSTM: steps x batch x (|W| + |R|);
attention (ONNX Attention, com.microsoft Attention/MultiHeadAttention/GroupQueryAttention):
batch x query heads x query length x key length x (QK head size + V head size), the key length
being the present key's when the operator returns one, plus the contrib Attention's input
projection; GroupQueryAttention's head size from its output, its query being packed QKV when key
and value are omitted, as onnxruntime-genai builds it; Einsum: the product of every index's size). Top-level graph only (control-flow bodies
are not counted).

Usage: python3 Scripts/count_macs.py MODEL.onnx [NAME=d0,d1,...]... [--shapes=FILE]
(--shapes=FILE also writes every executed tensor's shape and numpy element type as JSON.)
"""
import sys

import numpy as np
import onnx


def attention_macs(node, attributes, get, outputs):
    """Q·Kᵀ and P·V of scaled dot-product attention from the executed shapes."""
    contrib = node.domain == "com.microsoft"
    q = get(0)
    projection = 0
    if contrib and node.op_type == "Attention":
        # input [B, S, hidden] x weights [hidden, q + k + v hidden sizes]; heads from num_heads.
        w = get(1)
        projection = int(np.prod(q)) * w[1]
        heads = attributes["num_heads"]
        batch, query_length = q[0], q[1]
        qk_head = v_head = w[1] // 3 // heads
        key_length = outputs[1][3] if len(outputs) > 1 and outputs[1] else query_length
        return projection + batch * heads * query_length * key_length * (qk_head + v_head)
    if contrib and node.op_type == "GroupQueryAttention":
        # docs/ContribOperators.md: query [B, S, num_heads x head] or packed QKV
        # [B, S, (num_heads + 2 kv_num_heads) x head] with key/value omitted; the output is
        # [B, S, num_heads x head]; present key [B, kv_num_heads, total, head].
        y = outputs[0]
        heads = attributes["num_heads"]
        head = y[2] // heads
        key_length = outputs[1][2] if len(outputs) > 1 and outputs[1] else q[1]
        return q[0] * heads * q[1] * key_length * (head + head)
    k, v = get(1), get(2)
    if len(q) == 4:  # [B, heads, S, head size]
        batch, heads, query_length, qk_head = q
        v_head = v[-1]
    else:  # [B, S, heads x head size]
        heads = attributes.get("num_heads" if contrib else "q_num_heads")
        kv_heads = attributes.get("kv_num_heads", heads)
        batch, query_length = q[0], q[1]
        qk_head = q[2] // heads
        v_head = v[-1] // kv_heads if len(v) == 3 else v[-1]
    key_length = k[-2] if len(k) == 4 else k[1]
    present = outputs[1] if len(outputs) > 1 else None
    if present and len(present) == 4:
        key_length = present[2]
    return batch * heads * query_length * key_length * (qk_head + v_head)


def einsum_macs(equation, shapes):
    """One MAC per point of the joint index space of a two-or-more-operand Einsum."""
    terms = equation.replace(" ", "").split("->")[0].split(",")
    if len(terms) < 2:
        return 0
    sizes = {}
    for term, shape in zip(terms, shapes):
        if "..." in term:
            head, tail = term.split("...")
            ellipsis = shape[len(head):len(shape) - len(tail)]
            for axis, size in enumerate(ellipsis):
                sizes[f"...{len(ellipsis) - axis}"] = max(sizes.get(f"...{len(ellipsis) - axis}", 1), size)
            term = head + tail
            shape = shape[:len(head)] + shape[len(shape) - len(tail):]
        for letter, size in zip(term, shape):
            sizes[letter] = max(sizes.get(letter, 1), size)
    return int(np.prod(list(sizes.values())))


def main():
    model = onnx.load(sys.argv[1])
    arguments = [arg for arg in sys.argv[2:] if not arg.startswith("--shapes=")]
    shapes_file = next((arg.split("=", 1)[1] for arg in sys.argv[2:] if arg.startswith("--shapes=")), None)
    fixed = dict(arg.split("=", 1) for arg in arguments)
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
                 "tensor(int32)": np.int32, "tensor(bool)": np.bool_,
                 "tensor(uint8)": np.uint8, "tensor(int8)": np.int8, "tensor(double)": np.float64}[value.type]
        if value.name in values:
            feeds[value.name] = np.array(int(values[value.name]), dtype=dtype)
        else:
            dims = [int(d) for d in fixed[value.name].split(",")] if value.name in fixed else [d if isinstance(d, int) else 1 for d in value.shape]
            # Masks all ones (every position attended: onnxruntime-genai derives seqlens_k from the
            # mask's sum), everything else zeros.
            feeds[value.name] = (np.ones if "mask" in value.name else np.zeros)(dims, dtype=dtype)
    results = session.run(None, feeds)
    shapes = {o.name: list(r.shape) for o, r in zip(session.get_outputs(), results)}
    if shapes_file:  # every executed tensor's shape and element type, for comparison with inspect's
        import json

        with open(shapes_file, "w") as f:
            json.dump({o.name: {"shape": list(r.shape), "element_type": str(r.dtype)}
                       for o, r in zip(session.get_outputs(), results)}, f)
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
        elif node.op_type in ("Gemm", "FusedGemm", "QGemm"):
            a = get(0)
            total += int(np.prod(out)) * (a[0] if attributes.get("transA", 0) else a[1])
        elif node.op_type in ("FusedConv", "NhwcConv", "QLinearConv"):
            w = get(3 if node.op_type == "QLinearConv" else 1)
            total += int(np.prod(out)) * w[1] * int(np.prod(w[2:]))
        elif node.op_type in ("MatMul", "MatMulInteger", "QLinearMatMul", "MatMulNBits"):
            a = get(0)
            total += int(np.prod(out)) * a[-1]
        elif node.op_type == "FusedMatMul":
            a = get(0)
            total += int(np.prod(out)) * (a[-2] if attributes.get("transA", 0) else a[-1])
        elif node.op_type in ("Attention", "MultiHeadAttention", "GroupQueryAttention"):
            total += attention_macs(node, attributes, get, [shapes.get(o) for o in node.output])
        elif node.op_type == "Einsum":
            total += einsum_macs(attributes["equation"], [get(i) for i in range(len(node.input))])
        elif node.op_type in ("LSTM", "GRU", "RNN", "DynamicQuantizeLSTM"):
            x = get(0)
            total += x[0] * x[1] * (int(np.prod(get(1))) + int(np.prod(get(2))))
        elif node.op_type in ("If", "Loop", "Scan"):
            print(f"warning: {node.op_type} \"{node.name}\" body not counted", file=sys.stderr)
    print(total)


if __name__ == "__main__":
    main()
