#!/usr/bin/env python3
"""Generates Tests/Fixtures/ONNX/light_mobilenet_v2.onnx: MobileNet-v2 (width 1.0, 224x224), the
architecture of torchvision's `mobilenet_v2` (Sandler et al. 2018, Table 2) restated in PyTorch
because PyPI's torchvision does not install beside the CPU build of torch here.

Layers, as torchvision builds them: a 3x3 stride-2 convolution to 32 channels; inverted residual
blocks (t, c, n, s) = (1,16,1,1), (6,24,2,2), (6,32,3,2), (6,64,4,2), (6,96,3,1), (6,160,3,2),
(6,320,1,1), each a 1x1 expansion (when t > 1), a 3x3 depthwise convolution and a linear 1x1
projection, every convolution followed by BatchNormalization and (but the projection) ReLU6,
with a residual Add where stride is 1 and the channel counts match; a 1x1 convolution to 1,280
channels; global average pooling; Dropout(0.2); a fully connected layer to 1,000 classes. The
exporter folds each BatchNormalization into its convolution (eval mode, constant folding on), as an
inference export does; ReLU6 becomes Clip(0, 6).
300.8 M multiply-accumulates (torchvision's model card: 0.30 GFLOPS, counted as MACs).

The model is exported by torch's TorchScript exporter (opset 13, eval mode, seeded random weights;
nothing is downloaded) and made "light" as the bundled models are: every float initializer of more
than 64 elements becomes a ConstantOfShape node, so the file is a few kilobytes while the graph
and shapes are the export's. `Scripts/make_qdq_fixture.py qdq_mobilenet_v2.onnx` then quantizes
it. ONNX Runtime runs the full-weight export once as a check. Only tests and benchmarks use it.
Run from the repository root: python3 Scripts/make_mobilenet_v2.py
"""
import io
import os

import numpy as np
import onnx
import onnxruntime
import torch
from torch import nn

from make_qdq_fixture import lighten

OUT = "Tests/Fixtures/ONNX/light_mobilenet_v2.onnx"
SETTINGS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def conv_bn(inputs, outputs, kernel, stride, groups=1, activation=True):
    layers = [nn.Conv2d(inputs, outputs, kernel, stride, (kernel - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(outputs)]
    if activation:
        layers.append(nn.ReLU6(inplace=True))
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, inputs, outputs, stride, expansion):
        super().__init__()
        hidden = inputs * expansion
        layers = [conv_bn(inputs, hidden, 1, 1)] if expansion != 1 else []
        layers += [conv_bn(hidden, hidden, 3, stride, groups=hidden), conv_bn(hidden, outputs, 1, 1, activation=False)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and inputs == outputs

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


class MobileNetV2(nn.Module):
    def __init__(self, classes=1000):
        super().__init__()
        layers = [conv_bn(3, 32, 3, 2)]
        channels = 32
        for expansion, outputs, repeats, stride in SETTINGS:
            for index in range(repeats):
                layers.append(InvertedResidual(channels, outputs, stride if index == 0 else 1, expansion))
                channels = outputs
        layers.append(conv_bn(channels, 1280, 1, 1))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, classes))

    def forward(self, x):
        x = self.features(x)
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.classifier(x)


def main():
    torch.manual_seed(7)
    net = MobileNetV2().eval()
    for module in net.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_var.uniform_(0.5, 1.5)
            module.running_mean.normal_(0, 0.1)
    image = torch.rand(1, 3, 224, 224)
    buffer = io.BytesIO()
    torch.onnx.export(net, (image,), buffer, input_names=["input"], output_names=["logits"], opset_version=13,
                      dynamo=False, do_constant_folding=True, training=torch.onnx.TrainingMode.EVAL)
    model = onnx.load_from_string(buffer.getvalue())
    session = onnxruntime.InferenceSession(buffer.getvalue(), providers=["CPUExecutionProvider"])
    expected = net(image).detach().numpy()
    (logits,) = session.run(None, {"input": image.numpy()})
    assert np.allclose(logits, expected, atol=1e-3), "onnxruntime disagrees with torch"
    model.graph.name = "mobilenet_v2"
    light = lighten(model, kind=np.floating, fill=0.01)
    onnx.checker.check_model(light)
    onnx.save(light, OUT)
    counts = {}
    for node in model.graph.node:
        counts[node.op_type] = counts.get(node.op_type, 0) + 1
    print(f"{OUT}: {os.path.getsize(OUT)} bytes, nodes {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
