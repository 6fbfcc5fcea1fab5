#!/usr/bin/env python3
"""Generates the QDQ-quantized fixtures under Tests/Fixtures/ONNX from the bundled float models.

For each model (SqueezeNet 1.0, ResNet-50, GoogLeNet (Inception-v1) and DenseNet-121 from Models/,
MobileNet-v2 from Tests/Fixtures/ONNX/light_mobilenet_v2.onnx (Scripts/make_mobilenet_v2.py);
name some of the output files as arguments to make only those):
1. the "light" model's ConstantOfShape weights become real initializers with seeded random values
   (ONNX Runtime's quantizer needs initializers to quantize weights);
2. `onnxruntime.quantization.quant_pre_process` optimises it as ONNX Runtime's quantization guide
   recommends (BatchNormalization folded into the convolutions, shapes inferred), then
   `onnxruntime.quantization.quantize_static` quantizes it in the QDQ format (uint8 activations,
   int8 per-tensor weights, int32 biases: the quantizer's defaults) calibrated on seeded random
   inputs, after the opset is raised to 13 (QDQ needs QuantizeLinear; the quantizer would raise it);
3. ONNX Runtime runs the quantized model once as a check that it is a valid QDQ model;
4. the quantized weights are made light again: every integer initializer larger than 64 elements
   becomes a ConstantOfShape with a one-element value of the same type, so the fixture is a few
   kilobytes while the graph, shapes and element types are the quantizer's output.

Only tests use the fixtures; hetero-plan never runs onnx or onnxruntime.
Run from the repository root: python3 Scripts/make_qdq_fixture.py [qdq_resnet50.onnx ...]
"""
import os
import sys
import tempfile

import numpy as np
import onnx
from onnx import helper, numpy_helper, version_converter
from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process
import onnxruntime

OUT = "Tests/Fixtures/ONNX"
MODELS = [("Models/light_squeezenet.onnx", "qdq_squeezenet.onnx"), ("Models/light_resnet50.onnx", "qdq_resnet50.onnx"),
          ("Models/light_inception_v1.onnx", "qdq_inception_v1.onnx"), ("Models/light_densenet121.onnx", "qdq_densenet121.onnx"),
          (OUT + "/light_mobilenet_v2.onnx", "qdq_mobilenet_v2.onnx")]


def materialize(model, rng):
    """Replaces ConstantOfShape nodes fed by shape initializers with random float initializers and
    drops inference-time Dropout (its consumers read its input, as ONNX Runtime's optimizer does)."""
    renamed = {}
    for node in model.graph.node:
        if node.op_type == "Dropout":
            renamed[node.output[0]] = node.input[0]
    for node in model.graph.node:
        for index, name in enumerate(node.input):
            node.input[index] = renamed.get(name, name)
    shapes = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    # BatchNormalization scale (1) and variance (4) must be positive, or the float model makes NaNs.
    positive = {node.input[i] for node in model.graph.node if node.op_type == "BatchNormalization" for i in (1, 4)}
    constants = set(shapes)
    kept = []
    for node in model.graph.node:
        if node.op_type == "Dropout":
            continue
        if node.op_type == "ConstantOfShape" and node.input[0] in shapes:
            shape = [int(d) for d in shapes[node.input[0]]]
            fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
            if node.output[0] in positive:
                values = rng.uniform(0.5, 1.5, shape).astype(np.float32)
            else:
                values = (rng.standard_normal(shape) / np.sqrt(fan_in)).astype(np.float32)
            model.graph.initializer.append(numpy_helper.from_array(values, node.output[0]))
        else:
            kept.append(node)
    del model.graph.node[:]
    model.graph.node.extend(kept)
    used = {name for node in model.graph.node for name in node.input}
    inits = [init for init in model.graph.initializer if init.name in used]
    del model.graph.initializer[:]
    model.graph.initializer.extend(inits)
    # Initializers listed as graph inputs (IR 3) would be overridable inputs to the quantizer.
    constants |= {init.name for init in inits}
    inputs = [value for value in model.graph.input if value.name not in constants]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    return model


class RandomImages(CalibrationDataReader):
    def __init__(self, name, shape, count, rng):
        self.batches = iter([{name: rng.random(shape, dtype=np.float32)} for _ in range(count)])

    def get_next(self):
        return next(self.batches, None)


def lighten(model, kind=np.integer, fill=1):
    """Initializers of `kind` (integer by default) above 64 elements become ConstantOfShape nodes
    whose one-element value `fill` has the initializer's type."""
    nodes = []
    inits = []
    for init in model.graph.initializer:
        array = numpy_helper.to_array(init)
        if array.size > 64 and np.issubdtype(array.dtype, kind):
            shape_name = init.name + "__SHAPE"
            inits.append(numpy_helper.from_array(np.array(array.shape, dtype=np.int64), shape_name))
            value = numpy_helper.from_array(np.array([fill], dtype=array.dtype))
            nodes.append(helper.make_node("ConstantOfShape", [shape_name], [init.name], value=value))
        else:
            inits.append(init)
    del model.graph.initializer[:]
    model.graph.initializer.extend(inits)
    rest = list(model.graph.node)
    del model.graph.node[:]
    model.graph.node.extend(nodes + rest)
    return model


def prepare(source, directory, rng):
    """Steps 1-2 for the quantizer: the bundled model with real weights (light ones materialized),
    at opset 13, through quant_pre_process; returns the prepared file, the image input's name and
    its shape."""
    model = onnx.load(source)
    if any(node.op_type == "ConstantOfShape" for node in model.graph.node):
        model = materialize(model, rng)
    model.ir_version = max(model.ir_version, 7)  # initializers need not be graph inputs from IR 4 on
    model = version_converter.convert_version(model, 13)
    image = model.graph.input[0]
    shape = [d.dim_value for d in image.type.tensor_type.shape.dim]
    float_path = os.path.join(directory, "float.onnx")
    prepared_path = os.path.join(directory, "prepared.onnx")
    onnx.save(model, float_path)
    quant_pre_process(float_path, prepared_path, skip_symbolic_shape=True)
    return prepared_path, image.name, shape


def main():
    wanted = set(sys.argv[1:])
    for source, name in MODELS:
        if wanted and name not in wanted:
            continue
        rng = np.random.default_rng(12)
        with tempfile.TemporaryDirectory() as tmp:
            qdq_path = os.path.join(tmp, "qdq.onnx")
            prepared_path, image_name, shape = prepare(source, tmp, rng)
            quantize_static(prepared_path, qdq_path, RandomImages(image_name, shape, 2, rng), quant_format=QuantFormat.QDQ,
                            activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=False)
            session = onnxruntime.InferenceSession(qdq_path, providers=["CPUExecutionProvider"])
            session.run(None, {image_name: rng.random(shape, dtype=np.float32)})
            quantized = onnx.load(qdq_path)
        counts = {}
        for node in quantized.graph.node:
            counts[node.op_type] = counts.get(node.op_type, 0) + 1
        light = lighten(quantized)
        onnx.checker.check_model(light)
        path = os.path.join(OUT, name)
        onnx.save(light, path)
        print(f"{path}: {os.path.getsize(path)} bytes, nodes {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
