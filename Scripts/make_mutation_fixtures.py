#!/usr/bin/env python3
"""Writes the ONNX regression fixtures of the mutation run (Tests/Fixtures/Mutations/*.onnx):
one small model per overflow the run found or that reading its shape rules showed, each of which
made `hetero-plan inspect` trap before it was fixed (MutationRegressionTests checks that each is
now refused with exit 2 naming the file, the node and what overflowed).

Usage: python3 Scripts/make_mutation_fixtures.py [OUT_DIR]   (default Tests/Fixtures/Mutations)
"""
import os
import sys

import onnx
from onnx import TensorProto, helper

BIG = 1 << 62


def model(name, nodes, inputs, outputs, initializers=(), opset=17):
    graph = helper.make_graph(nodes, name, inputs, outputs, list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], ir_version=8)


def tensor(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def fixtures():
    x4 = tensor("x", [1, 4, 8, 8])
    yield "lstm_hidden_size", model("lstm_hidden_size", [
        helper.make_node("LSTM", ["x", "w", "r"], ["y"], name="lstm", hidden_size=BIG)],
        [tensor("x", [5, 1, 3])], [tensor("y", None)],
        [helper.make_tensor("w", TensorProto.FLOAT, [1, 8, 3], [0.0] * 24),
         helper.make_tensor("r", TensorProto.FLOAT, [1, 8, 2], [0.0] * 16)])
    yield "conv_dilation", model("conv_dilation", [
        helper.make_node("Conv", ["x", "w"], ["y"], name="conv", dilations=[BIG, 1])],
        [x4], [tensor("y", None)], [helper.make_tensor("w", TensorProto.FLOAT, [2, 4, 3, 3], [0.0] * 72)])
    yield "conv_pads", model("conv_pads", [
        helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[BIG, 0, BIG, 0])],
        [x4], [tensor("y", None)], [helper.make_tensor("w", TensorProto.FLOAT, [2, 4, 3, 3], [0.0] * 72)])
    yield "conv_transpose_stride", model("conv_transpose_stride", [
        helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="deconv", strides=[BIG, 1])],
        [x4], [tensor("y", None)], [helper.make_tensor("w", TensorProto.FLOAT, [4, 2, 3, 3], [0.0] * 72)])
    yield "pool_stride_ceil", model("pool_stride_ceil", [
        helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2], strides=[(1 << 63) - 1, 1], ceil_mode=1)],
        [x4], [tensor("y", None)])
    yield "depth_to_space_blocksize", model("depth_to_space_blocksize", [
        helper.make_node("DepthToSpace", ["x"], ["y"], name="d2s", blocksize=1 << 32)],
        [x4], [tensor("y", None)])
    yield "split_num_outputs", model("split_num_outputs", [
        helper.make_node("Split", ["x"], ["a", "b"], name="split", axis=1, num_outputs=BIG)],
        [x4], [tensor("a", None), tensor("b", None)], opset=18)
    yield "slice_step_min", model("slice_step_min", [
        helper.make_node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"], name="slice")],
        [x4], [tensor("y", None)],
        [helper.make_tensor(n, TensorProto.INT64, [1], [v]) for n, v in
         [("starts", 0), ("ends", 8), ("axes", 2), ("steps", -(1 << 63))]])
    yield "pad_sum", model("pad_sum", [
        helper.make_node("Pad", ["x", "pads"], ["y"], name="pad")],
        [x4], [tensor("y", None)],
        [helper.make_tensor("pads", TensorProto.INT64, [8], [0, 0, BIG, 0, 0, 0, BIG, 0])])
    yield "resize_sizes_ratio", model("resize_sizes_ratio", [
        helper.make_node("Resize", ["x", "", "", "sizes"], ["y"], name="resize", keep_aspect_ratio_policy="not_smaller",
                         axes=[2, 3])],
        [x4], [tensor("y", None)], [helper.make_tensor("sizes", TensorProto.INT64, [2], [(1 << 63) - 1, 8])], opset=18)
    yield "lrn_size", model("lrn_size", [
        helper.make_node("LRN", ["x"], ["y"], name="lrn", size=(1 << 63) - 1)],
        [x4], [tensor("y", None)])
    yield "roialign_sampling_ratio", model("roialign_sampling_ratio", [
        helper.make_node("RoiAlign", ["x", "rois", "batch"], ["y"], name="roi", sampling_ratio=1 << 32)],
        [x4, tensor("rois", [1, 4]), tensor("batch", [1], TensorProto.INT64)], [tensor("y", None)])


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "Mutations")
    os.makedirs(directory, exist_ok=True)
    for name, proto in fixtures():
        onnx.save(proto, os.path.join(directory, name + ".onnx"))


if __name__ == "__main__":
    main()
