#!/usr/bin/env python3
"""Makes models as ONNX Runtime's own tools emit them, for `Results/real-models.md` (issue 12).

Users of onnxruntime-genai, Olive and optimum bring models that ONNX Runtime's tools rewrote; this
script applies those tools, with their default settings unless noted, to the exports of
`Scripts/make_real_models.py` (in --source, default /tmp/real-models) and to bundled CNNs:

1. the transformer optimizer (`onnxruntime.transformers.optimizer.optimize_model`, what
   `python -m onnxruntime.transformers.optimizer` runs) on BERT-mini, DistilBERT, GPT-2 and the Llama
   decoder, fp32 and (`--float16`, `use_gpu=True`) fp16; and on a BERT-mini exported by the
   TorchScript exporter (opset 14, as optimum exported BERT), which it fuses into com.microsoft
   Attention and EmbedLayerNormalization, and, with `use_multi_head_attention`, MultiHeadAttention;
2. onnxruntime-genai's model builder (`python -m onnxruntime_genai.models.builder`, what
   onnxruntime-genai ships its LLMs with) on the Llama configuration of make_real_models.py with
   random weights saved by transformers: int4 for the CPU (GroupQueryAttention with packed QKV and
   rotary inside, MatMulNBits block 32, accuracy level 4, SkipSimplifiedLayerNormalization), int4
   for DirectML with block size 128 (separate RotaryEmbedding), fp32 for the CPU;
   `onnxruntime.quantization.matmul_nbits_quantizer.MatMulNBitsQuantizer` (4 bits, block 32 and 128)
   on the Llama and GPT-2 exports; `quantize_dynamic` on BERT-mini and GPT-2 (DynamicQuantizeLinear,
   MatMulInteger); `quantize_static` in the QOperator format on the bundled ResNet-50 and
   SqueezeNet (QLinearConv, QLinearAdd, QLinearGlobalAveragePool, QLinearConcat ...), calibrated on
   seeded random images;
3. ONNX Runtime's graph optimizer at ORT_ENABLE_EXTENDED on the CPU, saved with
   `SessionOptions.optimized_model_filepath` (FusedConv, FusedGemm, FusedMatMul, QuickGelu, ...)
   on ResNet-50, BERT-mini (TorchScript export), GPT-2 and the Llama decoder; and at
   ORT_ENABLE_ALL on ResNet-50, with NCHWc layout operators (domain com.microsoft.nchwc; ONNX
   Runtime warns that such a saved model is specific to the machine that optimized it: the
   channel block is its CPU's vector width).

Every model written is run once by onnxruntime as a check. `--fixtures` instead writes the small
test fixtures under Tests/Fixtures/ONNX/ort (each < 300 KB): a one-layer Llama of hidden size 64
through the genai builder (int4, block 32), a BERT of hidden size 32 through the transformer
optimizer (Attention, EmbedLayerNormalization, SkipLayerNormalization, BiasGelu), a small CNN
through quantize_static (QOperator) and ORT_ENABLE_EXTENDED (FusedConv), and a CNN through
ORT_ENABLE_ALL (`cnn_ort_all.onnx`: every NCHWc operator; its channel block is the optimizing
CPU's, 16 on the AVX-512 machine that wrote the committed one).

Usage: python3 Scripts/make_ort_models.py [--source DIR] [--out DIR] [--only NAME ...] | --fixtures [FIXTURE ...]
(default --out: /tmp/ort-models). Needs onnx, onnxruntime, onnxruntime-genai (`pip install --no-deps
onnxruntime-genai`: its model builder only), torch (CPU) and transformers from PyPI; nothing is
downloaded from a model hub. hetero-plan itself never runs Python.
"""
import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
SEED = 0


def check(path, head_size=None):
    """Runs the model once in onnxruntime on zero/one-filled inputs of small sizes (`head_size`:
    the genai cache's `kv_cache_dim`, else read from genai_config.json beside the model)."""
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    feeds = {}
    config = os.path.join(os.path.dirname(path), "genai_config.json")
    if head_size is None and os.path.exists(config):
        head_size = json.load(open(config))["model"]["decoder"]["head_size"]
    for value in session.get_inputs():
        # Symbolic dimensions: batch 1, past length 0 (a prefill), the genai cache's head size, other lengths 4.
        dims = [d if isinstance(d, int) else 1 if "batch" in d else 0 if "past" in d else
                head_size if d == "kv_cache_dim" else 4 for d in value.shape]
        if "past" in value.name and not any(isinstance(d, str) and "past" in d for d in value.shape):
            dims[2] = 0  # a past key/value whose length axis has another name
        dtype = {"tensor(float)": np.float32, "tensor(float16)": np.float16, "tensor(int64)": np.int64,
                 "tensor(int32)": np.int32}[value.type]
        feeds[value.name] = np.ones(dims, dtype=dtype) if "mask" in value.name else np.zeros(dims, dtype=dtype)
    session.run(None, feeds)


def op_counts(path):
    model = onnx.load(path, load_external_data=False)
    counts = collections.Counter(f"{n.domain}:{n.op_type}" if n.domain else n.op_type for n in model.graph.node)
    return dict(sorted(counts.items()))


# ---------------------------------------------------------------------------------------------
# 1. Transformer optimizer


def transformer_optimizer(source, out, model_type, heads, hidden, float16=False, multi_head=False):
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    options = FusionOptions(model_type)
    if multi_head:
        options.use_multi_head_attention = True
    model = optimize_model(source, model_type=model_type, num_heads=heads, hidden_size=hidden,
                           optimization_options=options, use_gpu=float16, opt_level=0)
    if float16:
        model.convert_float_to_float16(keep_io_types=True)
    model.save_model_to_file(out)
    return {"tool": f"optimize_model(model_type={model_type!r}, num_heads={heads}, hidden_size={hidden}"
                    + (", use_gpu=True) + convert_float_to_float16(keep_io_types=True)" if float16 else ")")
                    + (" with use_multi_head_attention" if multi_head else "")}


def bert_torchscript(path, config_kwargs, sequence=128):
    """BERT exported by torch's TorchScript exporter at opset 14 (how optimum exported it)."""
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(SEED)
    config = BertConfig(attn_implementation="eager", **config_kwargs)
    bert = BertModel(config).eval()

    class Encoder(torch.nn.Module):  # keyword arguments: BertModel.forward's positions changed across releases
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            result = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return result.last_hidden_state, result.pooler_output

    model = Encoder().eval()
    ids = torch.randint(0, config.vocab_size, (1, sequence))
    mask = torch.ones(1, sequence, dtype=torch.int64)
    types = torch.zeros(1, sequence, dtype=torch.int64)
    dynamic = {n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids", "last_hidden_state")}
    torch.onnx.export(model, (ids, mask, types), path, input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["last_hidden_state", "pooler_output"], dynamic_axes=dynamic, opset_version=14,
                      dynamo=False)


BERT_MINI = dict(vocab_size=30522, hidden_size=256, num_hidden_layers=4, num_attention_heads=4, intermediate_size=1024)
BERT_TINY = dict(vocab_size=128, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64,
                 max_position_embeddings=64)


# ---------------------------------------------------------------------------------------------
# 2. LLM builders and quantizers


LLAMA_SMALL = dict(vocab_size=32000, hidden_size=512, intermediate_size=1376, num_hidden_layers=2,
                   num_attention_heads=8, num_key_value_heads=2, max_position_embeddings=2048)
LLAMA_TINY = dict(vocab_size=64, hidden_size=64, intermediate_size=128, num_hidden_layers=1,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64)


def hugging_face_llama(directory, settings):
    """A LlamaForCausalLM with seeded random weights and a word-level tokenizer over its vocabulary,
    saved as a Hugging Face checkpoint (the genai builder reads the config, weights and tokenizer)."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    torch.manual_seed(SEED)
    LlamaForCausalLM(LlamaConfig(**settings)).save_pretrained(directory)
    vocab = {f"t{i}": i for i in range(settings["vocab_size"])}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="t0"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="t0", bos_token="t1", eos_token="t2").save_pretrained(directory)


def genai_builder(out, settings, precision, provider, extra=()):
    """onnxruntime-genai's model builder on a random-weight Llama checkpoint; returns the model path
    (model.onnx with its weights in model.onnx.data, as the builder writes them)."""
    work = tempfile.mkdtemp()
    try:
        checkpoint = os.path.join(work, "hf")
        hugging_face_llama(checkpoint, settings)
        built = os.path.join(work, "built")
        command = [sys.executable, "-m", "onnxruntime_genai.models.builder", "-m", "llama", "-i", checkpoint, "-o", built,
                   "-p", precision, "-e", provider, "-c", os.path.join(work, "cache")]
        if extra:
            command += ["--extra_options"] + list(extra)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-2000:])
        os.makedirs(out, exist_ok=True)
        for name in ("model.onnx", "model.onnx.data", "genai_config.json"):
            if os.path.exists(os.path.join(built, name)):
                shutil.copy(os.path.join(built, name), os.path.join(out, name))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"tool": f"onnxruntime_genai.models.builder -m llama -p {precision} -e {provider}"
                    + (f" --extra_options {' '.join(extra)}" if extra else ""), "config": settings}


def nbits(source, out, block_size):
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    model = onnx.load(source)
    config = DefaultWeightOnlyQuantConfig(block_size=block_size, is_symmetric=True, accuracy_level=4)
    quantizer = MatMulNBitsQuantizer(model, algo_config=config)
    quantizer.process()
    quantizer.model.save_model_to_file(out, use_external_data_format=False)
    return {"tool": f"MatMulNBitsQuantizer(DefaultWeightOnlyQuantConfig(block_size={block_size}, is_symmetric=True, accuracy_level=4))"}


def dynamic(source, out):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(source, out, weight_type=QuantType.QInt8)
    return {"tool": "quantize_dynamic(weight_type=QInt8)"}


def static_qoperator(source, out, images=2):
    """A bundled CNN with seeded random weights, prepared as make_qdq_fixture.py prepares it
    (materialized weights, opset 13, quant_pre_process) and quantized by quantize_static in the
    QOperator format."""
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_static
    from make_qdq_fixture import RandomImages, prepare

    rng = np.random.default_rng(12)
    with tempfile.TemporaryDirectory() as tmp:
        prepared, image, shape = prepare(source, tmp, rng)
        quantize_static(prepared, out, RandomImages(image, shape, images, rng), quant_format=QuantFormat.QOperator,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=False)
    return {"tool": "quant_pre_process + quantize_static(QOperator, activations QUInt8, weights QInt8)"}


# ---------------------------------------------------------------------------------------------
# 3. ORT's graph optimizer


def ort_saved(source, out, level=onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED, float_cnn=False):
    if float_cnn:  # a bundled light CNN: real float weights first (make_qdq_fixture.materialize)
        from make_qdq_fixture import materialize

        model = materialize(onnx.load(source), np.random.default_rng(12))
        model.ir_version = max(model.ir_version, 7)
        temporary = out + ".float.onnx"
        onnx.save(model, temporary)
        source = temporary
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = level
    options.optimized_model_filepath = out
    onnxruntime.InferenceSession(source, options, providers=["CPUExecutionProvider"])
    if float_cnn:
        os.remove(source)
    return {"tool": f"SessionOptions(graph_optimization_level={level.name}, optimized_model_filepath), CPU"}


# ---------------------------------------------------------------------------------------------


def models(source, out):
    src = lambda name: os.path.join(source, name)
    dst = lambda name: os.path.join(out, name)
    repo = lambda name: os.path.join(HERE, "..", name)

    def bert_legacy(name):
        path = dst("bert_mini_ts.onnx")
        if not os.path.exists(path):
            bert_torchscript(path, BERT_MINI)
        return path

    return {
        "bert_mini_ortopt": lambda: transformer_optimizer(src("bert_mini.onnx"), dst("bert_mini_ortopt.onnx"), "bert", 4, 256),
        "bert_mini_ts_ortopt": lambda: transformer_optimizer(bert_legacy(""), dst("bert_mini_ts_ortopt.onnx"), "bert", 4, 256),
        "bert_mini_ts_ortopt_fp16": lambda: transformer_optimizer(bert_legacy(""), dst("bert_mini_ts_ortopt_fp16.onnx"), "bert", 4, 256, float16=True),
        "bert_mini_ts_ortopt_mha": lambda: transformer_optimizer(bert_legacy(""), dst("bert_mini_ts_ortopt_mha.onnx"), "bert", 4, 256, multi_head=True),
        "distilbert_ortopt": lambda: transformer_optimizer(src("distilbert_base.onnx"), dst("distilbert_ortopt.onnx"), "bert", 12, 768),
        "gpt2_ortopt": lambda: transformer_optimizer(src("gpt2_with_past.onnx"), dst("gpt2_ortopt.onnx"), "gpt2", 12, 768),
        "gpt2_ortopt_fp16": lambda: transformer_optimizer(src("gpt2_with_past.onnx"), dst("gpt2_ortopt_fp16.onnx"), "gpt2", 12, 768, float16=True),
        "llama_ortopt": lambda: transformer_optimizer(src("llama_gqa_with_past.onnx"), dst("llama_ortopt.onnx"), "gpt2", 8, 512),
        "genai_llama_int4_cpu": lambda: genai_builder(dst("genai_llama_int4_cpu"), LLAMA_SMALL, "int4", "cpu"),
        "genai_llama_int4_dml_b128": lambda: genai_builder(dst("genai_llama_int4_dml_b128"), LLAMA_SMALL, "int4", "dml", ["int4_block_size=128"]),
        "genai_llama_fp32_cpu": lambda: genai_builder(dst("genai_llama_fp32_cpu"), LLAMA_SMALL, "fp32", "cpu"),
        "llama_nbits32": lambda: nbits(src("llama_gqa_with_past.onnx"), dst("llama_nbits32.onnx"), 32),
        "gpt2_nbits128": lambda: nbits(src("gpt2_with_past.onnx"), dst("gpt2_nbits128.onnx"), 128),
        "bert_mini_dynamic": lambda: dynamic(src("bert_mini.onnx"), dst("bert_mini_dynamic.onnx")),
        "gpt2_dynamic": lambda: dynamic(src("gpt2_with_past.onnx"), dst("gpt2_dynamic.onnx")),
        "resnet50_qoperator": lambda: static_qoperator(repo("Models/light_resnet50.onnx"), dst("resnet50_qoperator.onnx")),
        "squeezenet_qoperator": lambda: static_qoperator(repo("Models/light_squeezenet.onnx"), dst("squeezenet_qoperator.onnx")),
        "resnet50_ort_extended": lambda: ort_saved(repo("Models/light_resnet50.onnx"), dst("resnet50_ort_extended.onnx"), float_cnn=True),
        "resnet50_ort_all": lambda: ort_saved(repo("Models/light_resnet50.onnx"), dst("resnet50_ort_all.onnx"),
                                              level=onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL, float_cnn=True),
        "bert_mini_ts_ort_extended": lambda: ort_saved(bert_legacy(""), dst("bert_mini_ts_ort_extended.onnx")),
        "gpt2_ort_extended": lambda: ort_saved(src("gpt2_with_past.onnx"), dst("gpt2_ort_extended.onnx")),
        "llama_ort_extended": lambda: ort_saved(src("llama_gqa_with_past.onnx"), dst("llama_ort_extended.onnx")),
    }


def output_path(out, name):
    directory = os.path.join(out, name)
    return os.path.join(directory, "model.onnx") if os.path.isdir(directory) else directory + ".onnx"


def fixtures(only=()):
    """The small test fixtures under Tests/Fixtures/ONNX/ort (all, or the named ones)."""
    out = os.path.join(HERE, "..", "Tests", "Fixtures", "ONNX", "ort")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        def llama():
            genai_builder(os.path.join(work, "llama"), LLAMA_TINY, "int4", "cpu")
            model = onnx.load(os.path.join(work, "llama", "model.onnx"))  # weights inlined
            onnx.save(model, os.path.join(out, "genai_llama_tiny_int4.onnx"))
            return "onnxruntime-genai builder, int4 CPU, " + json.dumps(LLAMA_TINY)

        def bert():
            legacy = os.path.join(work, "bert_tiny.onnx")
            bert_torchscript(legacy, BERT_TINY, sequence=16)
            transformer_optimizer(legacy, os.path.join(out, "bert_tiny_ortopt.onnx"), "bert", 2, 32)
            return "TorchScript BERT + optimize_model(bert), " + json.dumps(BERT_TINY)

        def qoperator():
            static_qoperator(tiny_cnn(os.path.join(work, "cnn.onnx")), os.path.join(out, "cnn_qoperator.onnx"), images=1)
            return "small CNN + quantize_static(QOperator)"

        def extended():
            ort_saved(tiny_cnn(os.path.join(work, "cnn.onnx")), os.path.join(out, "cnn_ort_extended.onnx"))
            return "small CNN + ORT_ENABLE_EXTENDED"

        def all_level():
            ort_saved(nchwc_cnn(os.path.join(work, "nchwc_cnn.onnx")), os.path.join(out, "cnn_ort_all.onnx"),
                      level=onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL)
            return "CNN + ORT_ENABLE_ALL (NCHWc, with the channel block of this machine's CPU)"

        table = {"genai_llama_tiny_int4.onnx": llama, "bert_tiny_ortopt.onnx": bert, "cnn_qoperator.onnx": qoperator,
                 "cnn_ort_extended.onnx": extended, "cnn_ort_all.onnx": all_level}
        made = {name: make() for name, make in table.items() if not only or name in only}
    for name, what in made.items():
        path = os.path.join(out, name)
        check(path, head_size=LLAMA_TINY["hidden_size"] // LLAMA_TINY["num_attention_heads"])
        size = os.path.getsize(path)
        assert size < 300_000, f"{name}: {size} bytes"
        print(f"{name}: {size} bytes, {what}: {op_counts(path)}")


def tiny_cnn(path):
    """A seeded CNN with the blocks ResNet and SqueezeNet quantize into: Conv+BatchNorm+Relu, a
    residual Add, Concat, MaxPool, GlobalAveragePool, Flatten, Gemm+Relu (FusedGemm at EXTENDED)."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(SEED)
    init = []

    def weight(name, shape, scale=None):
        values = (rng.standard_normal(shape) / np.sqrt(np.prod(shape[1:]) if len(shape) > 1 else 1)).astype(np.float32)
        init.append(numpy_helper.from_array(values if scale is None else np.full(shape, scale, np.float32), name))
        return name

    nodes = [
        helper.make_node("Conv", ["x", weight("w1", [16, 3, 3, 3]), weight("b1", [16])], ["c1"], pads=[1, 1, 1, 1], strides=[2, 2]),
        helper.make_node("BatchNormalization", ["c1", weight("g", [16], 1.0), weight("beta", [16]), weight("mean", [16]),
                                                weight("var", [16], 1.0)], ["n1"]),
        helper.make_node("Relu", ["n1"], ["r1"]),
        helper.make_node("Conv", ["r1", weight("w2", [16, 16, 3, 3]), weight("b2", [16])], ["c2"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("Add", ["r1", "r2"], ["a"]),
        helper.make_node("Conv", ["a", weight("w3", [8, 16, 1, 1]), weight("b3", [8])], ["c3"]),
        helper.make_node("Relu", ["c3"], ["r3"]),
        helper.make_node("Concat", ["r3", "r3"], ["cat"], axis=1),
        helper.make_node("MaxPool", ["cat"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("GlobalAveragePool", ["p"], ["g1"]),
        helper.make_node("Flatten", ["g1"], ["f"]),
        helper.make_node("Gemm", ["f", weight("wf", [10, 16]), weight("bf", [10])], ["fc"], transB=1),
        helper.make_node("Relu", ["fc"], ["y"]),
    ]
    graph = helper.make_graph(nodes, "tiny_cnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_ort_models")
    model.ir_version = 8
    onnx.save(model, path)
    return path


def nchwc_cnn(path):
    """A seeded CNN on which ORT_ENABLE_ALL's NCHWc transformer writes every operator of the domain
    com.microsoft.nchwc: Conv (with a fused Relu and a fused residual Sum), MaxPool, AveragePool,
    Upsample (from Resize nearest/asymmetric), GlobalAveragePool, GlobalMaxPool, ReorderOutput, and
    ReorderInput after a Softmax over channels (which runs in NCHW). Channel counts 24 and 40 are
    padded to the block (16 with AVX-512: 32 and 48; 8 with AVX2: 24 and 40)."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(SEED)
    init = [numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales")]

    def weight(name, shape):
        init.append(numpy_helper.from_array((rng.standard_normal(shape) * 0.1).astype(np.float32), name))
        return name

    nodes = [
        helper.make_node("Conv", ["x", weight("w1", [24, 3, 3, 3]), weight("b1", [24])], ["c1"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("Conv", ["r1", weight("w2", [24, 1, 3, 3]), weight("b2", [24])], ["c2"], pads=[1, 1, 1, 1], group=24),
        helper.make_node("Conv", ["c2", weight("w3", [32, 24, 1, 1]), weight("b3", [32])], ["c3"]),
        helper.make_node("MaxPool", ["c3"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("AveragePool", ["p1"], ["p2"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Conv", ["p2", weight("w4", [32, 32, 3, 3]), weight("b4", [32])], ["c4"], pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["c4", "p2"], ["residual"]),
        helper.make_node("Relu", ["residual"], ["r4"]),
        helper.make_node("Resize", ["r4", "", "scales"], ["up"], mode="nearest", coordinate_transformation_mode="asymmetric",
                         nearest_mode="floor"),
        helper.make_node("Conv", ["up", weight("w5", [40, 32, 3, 3]), weight("b5", [40])], ["c5"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c5"], ["r5"]),
        helper.make_node("Softmax", ["r5"], ["soft"], axis=1),
        helper.make_node("Conv", ["soft", weight("w6", [16, 40, 1, 1]), weight("b6", [16])], ["c6"]),
        helper.make_node("GlobalMaxPool", ["c6"], ["y1"]),
        helper.make_node("Conv", ["r4", weight("w7", [16, 32, 1, 1]), weight("b7", [16])], ["c7"]),
        helper.make_node("GlobalAveragePool", ["c7"], ["y2"]),
    ]
    graph = helper.make_graph(nodes, "nchwc_cnn", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("y1", TensorProto.FLOAT, [1, 16, 1, 1]),
                               helper.make_tensor_value_info("y2", TensorProto.FLOAT, [1, 16, 1, 1])], init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_ort_models")
    model.ir_version = 8
    onnx.save(model, path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default="/tmp/real-models")
    parser.add_argument("--out", default="/tmp/ort-models")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--fixtures", nargs="*", metavar="FIXTURE", help="write the test fixtures (all, or the named ones)")
    args = parser.parse_args()
    if args.fixtures is not None:
        fixtures(args.fixtures)
        return 0
    os.makedirs(args.out, exist_ok=True)
    table = models(args.source, args.out)

    def make(name):
        record = table[name]()
        path = output_path(args.out, name)
        check(path)
        record["operators"] = op_counts(path)
        record["versions"] = {"onnxruntime": onnxruntime.__version__, "onnx": onnx.__version__}
        print(json.dumps(record["operators"]), flush=True)
        return record

    from make_real_models import record_runs

    return 1 if record_runs(args.out, args.only or table, make) else 0

if __name__ == "__main__":
    sys.exit(main())
