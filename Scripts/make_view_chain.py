#!/usr/bin/env python3
"""Writes a copy of an ONNX model with a chain of N Identity nodes inserted after one tensor.

The chain's nodes are aliases of their input (they own no buffer), so the model with the chain
must plan with the same DRAM peak as the model without it. Used by Results/view-chain.md.

    python3 Scripts/make_view_chain.py Models/light_squeezenet.onnx OUT.onnx --count 20000 [--after TENSOR]

Without --after the chain goes after the first Conv's output; every reader of that tensor then
reads the chain's last tensor instead.
"""
import argparse

import onnx
from onnx import helper


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--after", help="tensor the chain starts from (default: the first Conv's output)")
    args = parser.parse_args()
    model = onnx.load(args.model)
    graph = model.graph
    after = args.after or next(node.output[0] for node in graph.node if node.op_type == "Conv")
    readers = [node for node in graph.node if after in node.input]
    chain = []
    previous = after
    for index in range(args.count):
        name = f"{after}_view_{index}"
        chain.append(helper.make_node("Identity", [previous], [name], name=f"view_chain_{index}"))
        previous = name
    for node in readers:
        for position, name in enumerate(node.input):
            if name == after:
                node.input[position] = previous
    for output in graph.output:
        if output.name == after:
            output.name = previous
    position = max(i for i, node in enumerate(graph.node) if after in node.output) + 1
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes[:position] + chain + nodes[position:])
    onnx.save(model, args.output)


if __name__ == "__main__":
    main()
