#!/usr/bin/env python3
"""Generates the invalid ONNX models under Tests/Fixtures/ONNX/invalid that hetero-plan must refuse.

Each is a small model that is wrong in one way (issue 16): an attribute of the wrong type, an
input or output count outside the operator's schema, a missing required attribute, an unknown
attribute, an empty required input, an operator newer than the model's opset, an axis out of
range, no graph outputs, a string-typed graph input. Before writing, each model is confirmed
invalid or unplannable by onnx itself: `onnx.checker.check_model(full_check=True)` must reject
it, except for the two that ONNX allows but hetero-plan cannot plan (no graph outputs: nothing
to compute; a string input: no unit computes on strings), which are marked so.
Run from the repository root: python3 Scripts/make_invalid_fixtures.py
"""
import os

import onnx
from onnx import TensorProto, helper

OUT = "Tests/Fixtures/ONNX/invalid"


def model(nodes, inputs, outputs, initializers=(), opset=13):
    graph = helper.make_graph(nodes, "invalid", inputs, outputs, list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="make_invalid_fixtures")


def tensor(name, shape, elem_type=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem_type, shape)


def weight(name, shape):
    count = 1
    for d in shape:
        count *= d
    return helper.make_tensor(name, TensorProto.FLOAT, shape, [0.0] * count)


def conv(**attributes):
    node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv1", pads=[1, 1, 1, 1])
    for name, attribute in attributes.items():
        node.attribute.append(attribute(name))
    return model([node], [tensor("x", [1, 3, 8, 8])], [tensor("y", [1, 4, 8, 8])], [weight("w", [4, 3, 3, 3])])


def string_attribute(value):
    return lambda name: helper.make_attribute(name, value)


def save(m, name, onnx_accepts=False):
    try:
        onnx.checker.check_model(m, full_check=True)
        rejected = None
    except Exception as error:  # onnx's checker and shape inference raise several types
        rejected = str(error).strip().splitlines()[0]
    if onnx_accepts:
        assert rejected is None, f"{name}: onnx rejects it: {rejected}"
    else:
        assert rejected is not None, f"{name}: onnx accepts it"
    onnx.save(m, os.path.join(OUT, name))
    print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes; onnx: {rejected or 'accepted'}")


def main():
    os.makedirs(OUT, exist_ok=True)
    save(conv(strides=string_attribute("2,2")), "conv_strides_string.onnx")
    save(conv(kernel_shape=lambda name: helper.make_attribute(name, 3.0)), "conv_kernel_shape_float.onnx")
    x = tensor("x", [1, 10])
    save(model([helper.make_node("Relu", ["x", "x"], ["y"], name="relu1")], [x], [tensor("y", [1, 10])]),
         "relu_two_inputs.onnx")
    save(model([helper.make_node("Relu", ["x"], ["y", "z"], name="relu1")], [x], [tensor("y", [1, 10])]),
         "relu_two_outputs.onnx")
    save(model([helper.make_node("Softmax", ["x"], ["y"], name="softmax1", axis=17)], [x], [tensor("y", [1, 10])]),
         "softmax_axis_17.onnx")
    save(model([helper.make_node("Concat", ["x", "x"], ["y"], name="concat1")], [x], [tensor("y", [2, 10])]),
         "concat_without_axis.onnx")
    save(model([helper.make_node("Relu", ["x"], ["y"], name="relu1", alpha=0.5)], [x], [tensor("y", [1, 10])]),
         "relu_unknown_attribute.onnx")
    save(model([helper.make_node("Conv", ["x", ""], ["y"], name="conv1")], [tensor("x", [1, 3, 8, 8])], [tensor("y", [1, 4, 8, 8])]),
         "conv_empty_weight.onnx")
    save(model([helper.make_node("Gelu", ["x"], ["y"], name="gelu1")], [x], [tensor("y", [1, 10])]),
         "gelu_in_opset_13.onnx")
    save(model([helper.make_node("Relu", ["x"], ["y"], name="relu1")], [x], []), "no_outputs.onnx", onnx_accepts=True)
    save(model([helper.make_node("Identity", ["text"], ["y"], name="identity1")],
               [tensor("text", [1, 4], TensorProto.STRING)], [tensor("y", [1, 4], TensorProto.STRING)]),
         "string_input.onnx", onnx_accepts=True)


if __name__ == "__main__":
    main()
