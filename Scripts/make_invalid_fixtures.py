#!/usr/bin/env python3
"""Generates the invalid ONNX models under Tests/Fixtures/ONNX/invalid that hetero-plan must refuse.

Each is a small model that is wrong in one way (issue 16): an attribute of the wrong type, an
input or output count outside the operator's schema, a missing required attribute, an unknown
attribute, an empty required input, an operator newer than the model's opset, an axis out of
range, no graph outputs, a string-typed graph input; and nodes wrong in those ways inside a Loop
body and an If branch (run-time and constant conditions). Before writing, each model is confirmed
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
    control_flow_fixtures()


def control_flow_fixtures():
    """Invalid nodes inside control-flow bodies (issue 16): the schema check runs on every body."""
    x = tensor("x", [1, 10])
    # Loop with a constant trip count whose body's Relu has two inputs.
    body = helper.make_graph(
        [helper.make_node("Relu", ["x_in", "x_in"], ["x_out"], name="relu_in_body"),
         helper.make_node("Identity", ["cond_in"], ["cond_out"], name="keep_going")],
        "loop_body",
        [tensor("i", [], TensorProto.INT64), tensor("cond_in", [], TensorProto.BOOL), tensor("x_in", [1, 10])],
        [tensor("cond_out", [], TensorProto.BOOL), tensor("x_out", [1, 10])])
    loop = helper.make_node("Loop", ["trips", "always", "x"], ["y"], name="loop1", body=body)
    trips = helper.make_tensor("trips", TensorProto.INT64, [], [3])
    always = helper.make_tensor("always", TensorProto.BOOL, [], [True])
    save(model([loop], [x], [tensor("y", [1, 10])], [trips, always]), "loop_body_relu_two_inputs.onnx")
    # If on a run-time condition whose else_branch has a Conv with a STRING stride.
    image = tensor("image", [1, 3, 8, 8])
    then_branch = helper.make_graph([helper.make_node("Relu", ["image"], ["then_out"], name="relu_then")], "then",
                                    [], [tensor("then_out", [1, 3, 8, 8])])
    conv = helper.make_node("Conv", ["image", "w"], ["else_out"], name="conv_else", pads=[1, 1, 1, 1])
    conv.attribute.append(helper.make_attribute("strides", "1,1"))
    else_branch = helper.make_graph([conv], "else", [], [tensor("else_out", [1, 3, 8, 8])])
    branch = helper.make_node("If", ["flag"], ["y"], name="if1", then_branch=then_branch, else_branch=else_branch)
    save(model([branch], [tensor("flag", [], TensorProto.BOOL), image], [tensor("y", [1, 3, 8, 8])], [weight("w", [3, 3, 3, 3])]),
         "if_else_branch_conv_strides_string.onnx")
    # If with a constant condition (folded to its then_branch), whose Softmax axis is out of range
    # for ONNX's checker and whose Concat lacks its required axis.
    then_branch = helper.make_graph([helper.make_node("Concat", ["x", "x"], ["then_out"], name="concat_then")], "then",
                                    [], [tensor("then_out", [2, 10])])
    else_branch = helper.make_graph([helper.make_node("Concat", ["x", "x"], ["else_out"], name="concat_else", axis=0)], "else",
                                    [], [tensor("else_out", [2, 10])])
    branch = helper.make_node("If", ["yes"], ["y"], name="if_folded", then_branch=then_branch, else_branch=else_branch)
    yes = helper.make_tensor("yes", TensorProto.BOOL, [], [True])
    save(model([branch], [x], [tensor("y", [2, 10])], [yes]), "if_constant_then_concat_without_axis.onnx")


if __name__ == "__main__":
    main()
