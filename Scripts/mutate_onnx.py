#!/usr/bin/env python3
"""Seeded structural mutations of ONNX models, for the mutation run of the ONNX reader
(Tests/CLITests/MutationTests.swift, testONNXModelMutations).

Usage: python3 Scripts/mutate_onnx.py OUT_DIR --seed S --cases N SEED_MODEL...

Writes OUT_DIR/case-K.onnx for K in 0..<N (model K is a mutant of SEED_MODEL[K % len]), any
side files a case needs (external data), and OUT_DIR/cases.json: a list of
{"file": "case-K.onnx", "seed": SEED_MODEL, "mutations": ["..."]}. The same seed, count and
models give the same files on every machine (one random.Random(seed); no wall clock, no hash
randomisation: every choice is made from sorted or indexed lists).

Each case applies one to three mutations, chosen among:
- dimensions: a graph input's, an initializer's, or a value in a small int64 initializer (the
  shapes the bundled "light" models feed to ConstantOfShape) set to 0, -1, 2^31, 2^40, 2^62 or
  Int64.max;
- attributes: the type changed (INT to FLOAT, STRING, TENSOR, GRAPH, ...), the value set to an
  extreme, an integer attribute a shape rule reads (size, hidden_size, strides, pads, ...) added
  with extreme values, the attribute dropped or duplicated;
- node wiring: an input dropped, duplicated, renamed to a dangling name or to a later node's
  output (a cycle); an output dropped or duplicated; the operator type swapped for another one
  of the model; the node's name duplicated;
- initializers: dims huge or negative, raw_data shortened or lengthened, data_type changed to a
  wrong or unknown code, duplicated, external data pointing at a missing file, an absolute path,
  a `..` path, or a real file with an offset or length past its end;
- the file: truncated at a random offset, random bytes flipped, an empty graph;
- the header: ir_version 0, an opset of 0, 6, 29 or 2^40, no default-domain opset;
- nested subgraphs: a node wrapped in If branches nested up to 30 deep (the Python protobuf
  runtime parses at most 100 message levels), or a Loop whose body
  holds another Loop, with mismatched body inputs.
The byte-level mutations (truncation, flips) are applied last, to the serialized file.

Half of the cases are instead gentle: one or two changes that keep the model loadable, so that
`plan` and the simulator run on it with sizes and geometries the seeds do not have: a static
graph-input dimension (not the channel axis) changed to another positive size (+1, x2, /2, +16,
2 or 3), a Conv's or
pooling's strides, pads or dilations set to other small values, a unary activation swapped for
another.
"""
import argparse
import copy
import json
import os
import random
import sys

try:
    import onnx
    from onnx import AttributeProto, TensorProto, helper, numpy_helper
except ImportError:
    print("mutate_onnx.py needs the onnx package", file=sys.stderr)
    sys.exit(3)

EXTREMES = [0, -1, 1 << 31, 1 << 40, 1 << 62, (1 << 63) - 1]
DATA_TYPES = [0, 8, 16, 17, 23, 99, -5, TensorProto.INT4, TensorProto.COMPLEX128, TensorProto.BOOL]


class Mutator:
    def __init__(self, rng, directory, index):
        self.rng = rng
        self.directory = directory
        self.index = index
        self.done = []

    def choice(self, items):
        return items[self.rng.randrange(len(items))] if items else None

    # -- model-level mutations: each returns False when it does not apply to the model --

    def all_nodes(self, graph):
        """Nodes of the graph and of its subgraphs, with the graph holding each."""
        found = []
        for node in graph.node:
            found.append((graph, node))
            for attribute in node.attribute:
                if attribute.type == AttributeProto.GRAPH:
                    found += self.all_nodes(attribute.g)
        return found

    def node_where(self, model, predicate):
        """A random node, of the graph or a subgraph, satisfying predicate (None if there is none)."""
        picked = self.choice([(g, n) for g, n in self.all_nodes(model.graph) if predicate(n)])
        return None if picked is None else picked[1]

    def input_dimension(self, model):
        inputs = [i for i in model.graph.input if i.type.tensor_type.HasField("shape") and i.type.tensor_type.shape.dim]
        target = self.choice(inputs)
        if target is None:
            return False
        dims = target.type.tensor_type.shape.dim
        axis = self.rng.randrange(len(dims))
        value = self.choice(EXTREMES)
        dims[axis].ClearField("dim_param")
        dims[axis].dim_value = value
        self.done.append(f"input {target.name} dim {axis} -> {value}")
        return True

    def initializer_dimension(self, model):
        target = self.choice([t for t in model.graph.initializer if t.dims])
        if target is None:
            return False
        axis = self.rng.randrange(len(target.dims))
        value = self.choice(EXTREMES)
        target.dims[axis] = value
        self.done.append(f"initializer {target.name} dim {axis} -> {value}")
        return True

    def shape_value(self, model):
        """A value of a small int64 initializer (a shape, axes, pads, a trip count)."""
        def values_of(tensor):
            try:
                return numpy_helper.to_array(tensor).astype("int64").copy()
            except Exception:  # an earlier mutation broke it
                return None
        small = [t for t in model.graph.initializer if t.data_type == TensorProto.INT64 and t.data_location != TensorProto.EXTERNAL
                 and values_of(t) is not None and 0 < values_of(t).size <= 8]
        target = self.choice(small)
        if target is None:
            return False
        values = values_of(target)
        flat = values.reshape(-1)
        position = self.rng.randrange(len(flat))
        value = self.choice(EXTREMES)
        flat[position] = value
        target.CopyFrom(numpy_helper.from_array(values, target.name))
        self.done.append(f"int64 initializer {target.name}[{position}] -> {value}")
        return True

    def attribute_type(self, model):
        node = self.node_where(model, lambda n: n.attribute)
        if node is None:
            return False
        attribute = node.attribute[self.rng.randrange(len(node.attribute))]
        new_type = self.choice([AttributeProto.FLOAT, AttributeProto.INT, AttributeProto.STRING, AttributeProto.TENSOR,
                                AttributeProto.GRAPH, AttributeProto.FLOATS, AttributeProto.INTS, AttributeProto.STRINGS,
                                AttributeProto.UNDEFINED])
        name = attribute.name
        attribute.Clear()
        attribute.name = name
        attribute.type = new_type
        if new_type == AttributeProto.FLOAT:
            attribute.f = self.choice([0.0, -1.0, 1e30, float("nan"), float("inf")])
        elif new_type == AttributeProto.INT:
            attribute.i = self.choice(EXTREMES)
        elif new_type == AttributeProto.STRING:
            attribute.s = self.choice([b"", b"x", "é".encode() * 50])
        elif new_type == AttributeProto.TENSOR:
            attribute.t.CopyFrom(helper.make_tensor("t", TensorProto.INT64, [2], [1, 2]))
        elif new_type == AttributeProto.GRAPH:
            attribute.g.CopyFrom(helper.make_graph([], "empty", [], []))
        elif new_type == AttributeProto.FLOATS:
            attribute.floats.extend([0.5] * self.rng.randrange(0, 5))
        elif new_type == AttributeProto.INTS:
            attribute.ints.extend([self.choice(EXTREMES) for _ in range(self.rng.randrange(0, 5))])
        elif new_type == AttributeProto.STRINGS:
            attribute.strings.extend([b"a", b"b"])
        self.done.append(f"node {node.name or node.op_type} attribute {name} -> type {new_type}")
        return True

    def attribute_value(self, model):
        node = self.node_where(model, lambda n: any(a.type in (AttributeProto.INT, AttributeProto.INTS) for a in n.attribute))
        if node is None:
            return False
        attribute = self.choice([a for a in node.attribute if a.type in (AttributeProto.INT, AttributeProto.INTS)])
        value = self.choice(EXTREMES + [-(1 << 62), 3])
        if attribute.type == AttributeProto.INT:
            attribute.i = value
        elif attribute.ints:
            attribute.ints[self.rng.randrange(len(attribute.ints))] = value
        elif self.rng.random() < 0.5:
            attribute.ints.append(value)
        else:
            return False
        self.done.append(f"node {node.name or node.op_type} attribute {attribute.name} value -> {value}")
        return True

    # Integer attributes shape rules and work figures read, across operator types.
    INTEGER_ATTRIBUTES = ["axis", "size", "hidden_size", "blocksize", "group", "num_outputs", "sampling_ratio", "num_heads",
                          "kv_num_heads", "q_num_heads", "batch_dims", "keepdims", "ceil_mode", "output_height", "output_width",
                          "k", "depth", "window_size", "onesided", "layout", "transA", "transB", "mode"]
    INTEGER_LIST_ATTRIBUTES = ["kernel_shape", "strides", "pads", "dilations", "output_padding", "output_shape", "axes", "perm",
                               "split", "shape", "sizes", "starts", "ends", "qkv_hidden_sizes"]

    def attribute_added(self, model):
        """An integer attribute a rule may read, set (or overwritten) to an extreme on a random node."""
        node = self.node_where(model, lambda n: True)
        if node is None:
            return False
        listed = self.rng.random() < 0.5
        name = self.choice(self.INTEGER_LIST_ATTRIBUTES if listed else self.INTEGER_ATTRIBUTES)
        kept = [a for a in node.attribute if a.name != name]
        del node.attribute[:]
        node.attribute.extend(kept)
        if listed:
            values = [self.choice(EXTREMES + [1, 2, -(1 << 62)]) for _ in range(self.rng.randrange(1, 5))]
            node.attribute.append(helper.make_attribute(name, values))
        else:
            values = self.choice(EXTREMES + [-(1 << 62)])
            node.attribute.append(helper.make_attribute(name, values))
        self.done.append(f"node {node.name or node.op_type} attribute {name} set to {values}")
        return True

    def attribute_presence(self, model):
        node = self.node_where(model, lambda n: n.attribute)
        if node is None:
            return False
        position = self.rng.randrange(len(node.attribute))
        if self.rng.random() < 0.5:
            name = node.attribute[position].name
            del node.attribute[position]
            self.done.append(f"node {node.name or node.op_type} dropped attribute {name}")
        else:
            node.attribute.append(copy.deepcopy(node.attribute[position]))
            self.done.append(f"node {node.name or node.op_type} duplicated attribute {node.attribute[position].name}")
        return True

    def node_inputs(self, model):
        graph = model.graph
        nodes = [n for n in graph.node if n.input]
        node = self.choice(nodes)
        if node is None:
            return False
        position = self.rng.randrange(len(node.input))
        kind = self.rng.randrange(5)
        label = node.name or node.op_type
        if kind == 0:
            del node.input[position]
            self.done.append(f"node {label} dropped input {position}")
        elif kind == 1:
            node.input.append(node.input[position])
            self.done.append(f"node {label} duplicated input {position}")
        elif kind == 2:
            node.input[position] = "dangling_tensor_name"
            self.done.append(f"node {label} input {position} -> a dangling name")
        elif kind == 3:
            later = [o for n in graph.node[list(graph.node).index(node):] for o in n.output if o]
            target = self.choice(later)
            if target is None:
                return False
            node.input[position] = target
            self.done.append(f"node {label} input {position} -> {target} (a later output: cycle or self-loop)")
        else:
            node.input[position] = ""
            self.done.append(f"node {label} input {position} -> empty (optional)")
        return True

    def node_outputs(self, model):
        node = self.choice([n for n in model.graph.node if n.output])
        if node is None:
            return False
        label = node.name or node.op_type
        kind = self.rng.randrange(4)
        if kind == 0:
            del node.output[self.rng.randrange(len(node.output))]
            self.done.append(f"node {label} dropped an output")
        elif kind == 1:
            node.output.append(node.output[0])
            self.done.append(f"node {label} output repeated")
        elif kind == 2:
            node.output.extend([f"extra_{i}" for i in range(self.rng.choice([1, 5, 300]))])
            self.done.append(f"node {label} extra outputs")
        else:
            other = self.choice([o for n in model.graph.node for o in n.output if o] + [i.name for i in model.graph.initializer])
            node.output[0] = other
            self.done.append(f"node {label} output 0 -> {other} (defined elsewhere)")
        return True

    def node_type(self, model):
        nodes = list(model.graph.node)
        if not nodes:
            return False
        node = self.choice(nodes)
        types = sorted({n.op_type for n in nodes} | {"Reshape", "Gemm", "Conv", "Concat", "Split", "Resize", "Slice", "Tile",
                                                     "Expand", "Range", "ConstantOfShape", "OneHot", "TopK", "Einsum", "Loop"})
        new = self.choice(types)
        self.done.append(f"node {node.name or node.op_type} type -> {new}")
        node.op_type = new
        return True

    def node_name(self, model):
        nodes = list(model.graph.node)
        if len(nodes) < 2:
            return False
        a, b = self.rng.sample(range(len(nodes)), 2)
        nodes[b].name = nodes[a].name
        self.done.append(f"node {b} renamed to node {a}'s name \"{nodes[a].name}\"")
        return True

    def initializer_data(self, model):
        target = self.choice(list(model.graph.initializer))
        if target is None:
            return False
        kind = self.rng.randrange(5)
        if kind == 0 and target.raw_data:
            cut = self.rng.randrange(len(target.raw_data))
            target.raw_data = target.raw_data[:cut]
            self.done.append(f"initializer {target.name} raw_data cut to {cut} bytes")
        elif kind == 1:
            target.raw_data = bytes(target.raw_data) + bytes(self.rng.choice([1, 3, 7, 4096]))
            self.done.append(f"initializer {target.name} raw_data lengthened")
        elif kind == 2:
            value = self.choice(DATA_TYPES)
            target.data_type = value
            self.done.append(f"initializer {target.name} data_type -> {value}")
        elif kind == 3:
            model.graph.initializer.append(copy.deepcopy(target))
            self.done.append(f"initializer {target.name} duplicated")
        else:
            target.ClearField("raw_data")
            target.int64_data.extend([(1 << 62)] * self.rng.choice([1, 2, 100]))
            self.done.append(f"initializer {target.name} holds int64_data of another length")
        return True

    def external_data(self, model):
        target = self.choice(list(model.graph.initializer))
        if target is None:
            return False
        side = f"case-{self.index}.bin"
        with open(os.path.join(self.directory, side), "wb") as handle:
            handle.write(bytes(16))
        location = self.choice(["missing-weights.bin", "/etc/hostname", "../../outside.bin", "../" + side, side,
                                "/dev/zero", "", "a" * 5000])
        target.ClearField("raw_data")
        del target.external_data[:]
        target.data_location = TensorProto.EXTERNAL
        entries = {"location": location}
        if self.rng.random() < 0.6:
            entries["offset"] = str(self.choice([0, 8, 1 << 40, -1, (1 << 63) - 1]))
            entries["length"] = str(self.choice([0, 8, 1 << 40, -1, 12345678901234567890]))
        if self.rng.random() < 0.2:
            entries["checksum"] = "nonsense"
        for key, value in entries.items():
            entry = target.external_data.add()
            entry.key = key
            entry.value = value
        self.done.append(f"initializer {target.name} external data {entries}")
        return True

    def header(self, model):
        kind = self.rng.randrange(3)
        if kind == 0:
            model.ir_version = 0
            self.done.append("ir_version 0")
        elif kind == 1:
            value = self.choice([0, 6, 29, 1 << 40, -3])
            for opset in model.opset_import:
                if opset.domain in ("", "ai.onnx"):
                    opset.version = value
            self.done.append(f"default opset -> {value}")
        else:
            kept = [o for o in model.opset_import if o.domain not in ("", "ai.onnx")]
            del model.opset_import[:]
            model.opset_import.extend(kept)
            self.done.append("no default-domain opset")
        return True

    def empty_graph(self, model):
        if self.rng.random() < 0.5:
            del model.graph.node[:]
            self.done.append("no nodes")
        else:
            del model.graph.output[:]
            self.done.append("no graph outputs")
        return True

    def nested_subgraph(self, model):
        graph = model.graph
        if not graph.node:
            return False
        position = self.rng.randrange(len(graph.node))
        node = copy.deepcopy(graph.node[position])
        label = node.name or node.op_type
        if self.rng.random() < 0.6:
            depth = self.choice([1, 2, 5, 30])
            inner = copy.deepcopy(node)
            outputs = list(node.output)
            for level in range(depth):
                branch_outputs = [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outputs if o]
                then_graph = helper.make_graph([inner], f"then{level}", [], branch_outputs)
                else_graph = helper.make_graph([copy.deepcopy(node)] if self.rng.random() < 0.8 else [], f"else{level}", [],
                                               branch_outputs)
                condition = self.choice(["cond_missing", ""] + [i.name for i in graph.input])
                inner = helper.make_node("If", [condition] if condition else [], outputs, name=f"{node.name or 'n'}_if{level}",
                                         then_branch=then_graph, else_branch=else_graph)
            graph.node[position].CopyFrom(inner)
            self.done.append(f"node {label} wrapped in {depth} nested If")
        else:
            body_input = [helper.make_tensor_value_info("iter", TensorProto.INT64, []),
                          helper.make_tensor_value_info("cond_in", TensorProto.BOOL, [])]
            body_output = [helper.make_tensor_value_info("cond_in", TensorProto.BOOL, [])]
            body = helper.make_graph([copy.deepcopy(node)], "body", body_input[:self.rng.randrange(3)], body_output)
            trips = helper.make_tensor(f"trips{self.index}", TensorProto.INT64, [], [self.choice([0, 1, 1 << 62, -1])])
            graph.initializer.append(trips)
            outer = helper.make_node("Loop", [trips.name, ""], list(node.output)[:1], name=f"{node.name or 'n'}_loop", body=body)
            graph.node[position].CopyFrom(outer)
            self.done.append(f"node {label} wrapped in a Loop")
        return True

    # -- gentle mutations: the model stays valid enough to load, so plan and the simulator run on
    #    sizes and geometries the seed models do not have (unchecked arithmetic in shape rules and
    #    cost shows there, not in a model refused at import) --

    def input_rescale(self, model):
        """A static dimension of a graph input changed to another positive size."""
        inputs = [i for i in model.graph.input if i.type.tensor_type.shape.dim
                  and all(d.dim_value > 0 for d in i.type.tensor_type.shape.dim)
                  and i.name not in {t.name for t in model.graph.initializer}]
        target = self.choice(inputs)
        if target is None:
            return False
        dims = target.type.tensor_type.shape.dim
        # Not the channel axis of an image or sequence batch: the weights fix it.
        axis = self.choice([a for a in range(len(dims)) if len(dims) < 3 or a != 1])
        old = dims[axis].dim_value
        value = self.choice([old + 1, old * 2, max(1, old // 2), old + 16, 2, 3])
        dims[axis].dim_value = value
        self.done.append(f"input {target.name} dim {axis}: {old} -> {value}")
        return True

    def window_geometry(self, model):
        """A Conv's or pooling's strides, pads or dilations set to other small valid values."""
        node = self.node_where(model, lambda n: n.op_type in ("Conv", "MaxPool", "AveragePool", "ConvTranspose"))
        if node is None:
            return False
        kernel = next((list(a.ints) for a in node.attribute if a.name == "kernel_shape"), None)
        rank = len(kernel) if kernel else next((len(a.ints) for a in node.attribute if a.name in ("strides", "dilations")), 2)
        names = ["strides", "pads"] + (["dilations"] if node.op_type in ("Conv", "ConvTranspose") else [])
        name = self.choice(names)
        value = self.choice([1, 2, 3]) if name != "pads" else self.choice([0, 1, 2])
        values = [value] * (2 * rank if name == "pads" else rank)
        kept = [a for a in node.attribute if a.name != name and not (name == "pads" and a.name == "auto_pad")]
        del node.attribute[:]
        node.attribute.extend(kept + [helper.make_attribute(name, values)])
        self.done.append(f"{node.op_type} {node.name!r} {name} -> {values}")
        return True

    def activation_swap(self, model):
        """A unary activation replaced by another one with no required attribute."""
        unary = ["Relu", "Sigmoid", "Tanh", "Elu", "HardSwish", "Softplus", "LeakyRelu", "Abs", "Neg", "Exp"]
        node = self.node_where(model, lambda n: n.op_type in unary and not n.attribute)
        if node is None:
            return False
        old = node.op_type
        node.op_type = self.choice([u for u in unary if u != old])
        self.done.append(f"{old} {node.name!r} -> {node.op_type}")
        return True

    GENTLE_MUTATIONS = ["input_rescale", "input_rescale", "window_geometry", "window_geometry", "activation_swap"]

    def mutate_gently(self, model):
        for _ in range(self.rng.randrange(1, 3)):
            for _attempt in range(8):
                if getattr(self, self.choice(self.GENTLE_MUTATIONS))(model):
                    break

    MODEL_MUTATIONS = ["input_dimension", "initializer_dimension", "shape_value", "shape_value", "attribute_type",
                       "attribute_value", "attribute_value", "attribute_added", "attribute_added", "attribute_presence", "node_inputs", "node_inputs", "node_outputs",
                       "node_type", "node_name", "initializer_data", "initializer_data", "external_data", "header",
                       "empty_graph", "nested_subgraph"]

    def mutate_model(self, model):
        for _ in range(self.rng.randrange(1, 4)):
            for _attempt in range(8):
                name = self.choice(self.MODEL_MUTATIONS)
                before = copy.deepcopy(model)
                try:
                    if getattr(self, name)(model):
                        break
                except Exception as error:  # the Python runtime refused the mutant (e.g. nesting past its limit)
                    model.CopyFrom(before)
                    self.done.append(f"({name} not applied: {type(error).__name__})")

    def mutate_bytes(self, data):
        if self.rng.random() < 0.5:
            cut = self.rng.randrange(len(data))
            self.done.append(f"file truncated to {cut} of {len(data)} bytes")
            return data[:cut]
        data = bytearray(data)
        count = self.choice([1, 2, 8, 64])
        for _ in range(count):
            position = self.rng.randrange(len(data))
            data[position] = self.rng.randrange(256)
        self.done.append(f"{count} random bytes overwritten")
        return bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("models", nargs="+")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--cases", type=int, required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.directory, exist_ok=True)
    seeds = [(path, onnx.load(path, load_external_data=False)) for path in arguments.models]
    rng = random.Random(arguments.seed)
    cases = []
    for index in range(arguments.cases):
        path, seed = seeds[index % len(seeds)]
        mutator = Mutator(rng, arguments.directory, index)
        model = copy.deepcopy(seed)
        if rng.random() < 0.5:
            mutator.mutate_gently(model)
            data = model.SerializeToString()
        else:
            byte_level = rng.random() < 0.15
            if not byte_level or rng.random() < 0.3:
                mutator.mutate_model(model)
            data = model.SerializeToString()
            if byte_level:
                data = mutator.mutate_bytes(data)
        name = f"case-{index}.onnx"
        with open(os.path.join(arguments.directory, name), "wb") as handle:
            handle.write(data)
        cases.append({"file": name, "seed": os.path.basename(path), "mutations": mutator.done})
    with open(os.path.join(arguments.directory, "cases.json"), "w") as handle:
        json.dump(cases, handle, indent=1)


if __name__ == "__main__":
    main()
