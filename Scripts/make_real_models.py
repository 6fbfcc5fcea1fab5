#!/usr/bin/env python3
"""Exports real model architectures with their real exporters, for `Results/real-models.md`.

Every model is built from its library's own configuration with seeded random weights (no weights
are downloaded: this machine reaches only the package registries) and exported by the exporter its
users run:
- YOLO detectors (ultralytics: `YOLO("yolov8n.yaml")`, `yolo11n.yaml`, `yolov5nu.yaml`),
  exported by ultralytics' own `model.export(format="onnx")`;
- a GRU keyword-spotting CRNN (a convolutional front end, a 2-layer bidirectional GRU, a linear
  classifier) and a 2-layer LSTM language model, exported by `torch.onnx.export` (TorchScript path,
  which emits ONNX GRU/LSTM operators as deployed recurrent models carry them);
- a transformer encoder (transformers `BertModel`, a BERT-mini configuration) and DistilBERT at its
  published base size, exported by `torch.onnx.export` (the dynamo exporter, torch's default);
- the Whisper-tiny speech encoder (transformers `WhisperModel` with whisper-tiny's published
  configuration), encoder only;
- decoder-only LLM blocks with a KV cache (transformers `LlamaForCausalLM` with grouped-query
  attention and `GPT2LMHeadModel`, small configurations), exported as optimum's `with_past`
  decoders are: inputs `input_ids`, `attention_mask`, `position_ids` and `past_key_values.N.key/value`
  with a dynamic past length, outputs `logits` and `present.N.key/value`. Past length 0 is the
  prefill, a positive past length is a decode step.

Each export is checked by running it once in onnxruntime. Versions of torch, transformers,
ultralytics and onnx are recorded per model in `manifest.json` beside the models.

Usage: python3 Scripts/make_real_models.py [--out DIR] [--only NAME ...]
(default DIR: /tmp/real-models). `--only llama_op23_tiny` exports the test fixture
Tests/Fixtures/ONNX/llama_op23_tiny.onnx (a one-layer Llama of hidden size 32, exported like
`llama_op23`); copy it there from DIR. Needs torch (CPU), transformers, ultralytics, onnxscript, onnx and
onnxruntime from PyPI; hetero-plan itself never runs Python. PyPI's torchvision (which ultralytics
imports) is built against PyPI's CUDA build of torch, so the YOLO exports need that torch (it runs
on the CPU), e.g. in a venv: `pip install torch==2.13.0 torchvision==0.28.0 ultralytics onnx
onnxruntime onnxscript`, then `VENV/bin/python Scripts/make_real_models.py --only yolov8n yolo11n
yolov5nu`; the other models need only the CPU build of torch and transformers.
"""
import argparse
import copy
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import onnx
import onnxruntime
import torch

SEED = 0


def seed():
    torch.manual_seed(SEED)
    np.random.seed(SEED)


def check(path, feeds):
    session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
    session.run(None, feeds)


# ---------------------------------------------------------------------------------------------
# YOLO (ultralytics)


def yolo(out, config, name):
    from ultralytics import YOLO

    seed()
    work = tempfile.mkdtemp()
    cwd = os.getcwd()
    os.chdir(work)
    try:
        model = YOLO(config)
        from ultralytics.utils.torch_utils import get_flops

        # ultralytics' own count (thop profiler, FLOPs = 2 x MACs) of the fused model, for comparison.
        profiled = get_flops(copy.deepcopy(model.model).fuse(), imgsz=640)
        exported = model.export(format="onnx", imgsz=640, simplify=False, dynamic=False)
    finally:
        os.chdir(cwd)
    shutil.move(os.path.join(work, exported) if not os.path.isabs(exported) else exported, os.path.join(out, name))
    shutil.rmtree(work, ignore_errors=True)
    path = os.path.join(out, name)
    check(path, {"images": np.zeros((1, 3, 640, 640), np.float32)})
    return {"inputs": {"images": [1, 3, 640, 640]}, "thop_gflops": profiled}


# ---------------------------------------------------------------------------------------------
# Recurrent models (torch.nn.GRU / LSTM)


class KeywordCRNN(torch.nn.Module):
    """A keyword-spotting CRNN over 40 log-mel bands: conv front end, bidirectional GRU, classifier."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Sequential(
            torch.nn.Conv2d(1, 32, (20, 5), stride=(8, 2)), torch.nn.BatchNorm2d(32), torch.nn.ReLU())
        self.gru = torch.nn.GRU(32 * 3, 64, num_layers=2, batch_first=True, bidirectional=True)
        self.classifier = torch.nn.Linear(128, 12)

    def forward(self, mel):  # mel: [batch, 1, 40, frames]
        x = self.conv(mel)  # [batch, 32, 3, frames']
        x = x.flatten(1, 2).transpose(1, 2)  # [batch, frames', 96]
        x, _ = self.gru(x)
        return self.classifier(x[:, -1])


class LSTMLanguageModel(torch.nn.Module):
    """A word-level LSTM language model (embedding, 2-layer LSTM, tied-size decoder)."""

    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(10000, 256)
        self.lstm = torch.nn.LSTM(256, 512, num_layers=2)
        self.decoder = torch.nn.Linear(512, 10000)

    def forward(self, tokens, h0, c0):  # tokens: [steps, batch]
        x, (h, c) = self.lstm(self.embedding(tokens), (h0, c0))
        return self.decoder(x), h, c


def legacy_export(model, args, path, input_names, output_names, dynamic_axes, opset):
    torch.onnx.export(model, args, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=opset, dynamo=False)


def gru_kws(out, name):
    seed()
    model = KeywordCRNN().eval()
    mel = torch.randn(1, 1, 40, 101)
    path = os.path.join(out, name)
    legacy_export(model, (mel,), path, ["mel"], ["logits"], {"mel": {0: "batch", 3: "frames"}}, 17)
    check(path, {"mel": mel.numpy()})
    return {"inputs": {"mel": [1, 1, 40, 101]}}


def lstm_lm(out, name):
    seed()
    model = LSTMLanguageModel().eval()
    tokens = torch.randint(0, 10000, (35, 1))
    h0 = torch.zeros(2, 1, 512)
    c0 = torch.zeros(2, 1, 512)
    path = os.path.join(out, name)
    legacy_export(model, (tokens, h0, c0), path, ["tokens", "h0", "c0"], ["logits", "h", "c"],
                  {"tokens": {0: "steps", 1: "batch"}, "h0": {1: "batch"}, "c0": {1: "batch"}}, 14)
    check(path, {"tokens": tokens.numpy(), "h0": h0.numpy(), "c0": c0.numpy()})
    return {"inputs": {"tokens": [35, 1], "h0": [2, 1, 512], "c0": [2, 1, 512]}}


# ---------------------------------------------------------------------------------------------
# Transformers


def dynamo_export(model, args, path, input_names, output_names, dynamic_shapes, kwargs=None, opset=None):
    program = torch.onnx.export(model, args, kwargs=kwargs, input_names=input_names, output_names=output_names,
                                dynamic_shapes=dynamic_shapes, dynamo=True, external_data=False, opset_version=opset)
    program.save(path)


def bert(out, name, config_kwargs, sequence):
    from transformers import BertConfig, BertModel

    seed()
    config = BertConfig(**config_kwargs)
    model = BertModel(config).eval()
    ids = torch.randint(0, config.vocab_size, (1, sequence))
    mask = torch.ones(1, sequence, dtype=torch.int64)
    types = torch.zeros(1, sequence, dtype=torch.int64)
    path = os.path.join(out, name)
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence", max=512)
    dynamo_export(model, (ids, mask, types), path, ["input_ids", "attention_mask", "token_type_ids"],
                  ["last_hidden_state", "pooler_output"],
                  ({0: batch, 1: seq}, {0: batch, 1: seq}, {0: batch, 1: seq}))
    check(path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "token_type_ids": types.numpy()})
    return {"inputs": {"input_ids": [1, sequence], "attention_mask": [1, sequence], "token_type_ids": [1, sequence]},
            "config": config_kwargs}


def distilbert(out, name, sequence):
    from transformers import DistilBertConfig, DistilBertModel

    seed()
    config = DistilBertConfig()  # distilbert-base-uncased: 6 layers, 768 hidden, 12 heads
    model = DistilBertModel(config).eval()
    ids = torch.randint(0, config.vocab_size, (1, sequence))
    mask = torch.ones(1, sequence, dtype=torch.int64)
    path = os.path.join(out, name)
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence", max=512)
    dynamo_export(model, (ids, mask), path, ["input_ids", "attention_mask"], ["last_hidden_state"],
                  ({0: batch, 1: seq}, {0: batch, 1: seq}))
    check(path, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    return {"inputs": {"input_ids": [1, sequence], "attention_mask": [1, sequence]}, "config": "DistilBertConfig()"}


class WhisperEncoderOnly(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.encoder = model.get_encoder()

    def forward(self, input_features):
        return self.encoder(input_features).last_hidden_state


def whisper_encoder(out, name):
    from transformers import WhisperConfig, WhisperModel

    seed()
    # whisper-tiny's published configuration.
    settings = dict(d_model=384, encoder_layers=4, decoder_layers=4, encoder_attention_heads=6,
                    decoder_attention_heads=6, encoder_ffn_dim=1536, decoder_ffn_dim=1536, num_mel_bins=80,
                    vocab_size=51865, max_source_positions=1500)
    model = WhisperEncoderOnly(WhisperModel(WhisperConfig(**settings))).eval()
    features = torch.randn(1, 80, 3000)
    path = os.path.join(out, name)
    dynamo_export(model, (features,), path, ["input_features"], ["last_hidden_state"], ({0: torch.export.Dim("batch")},))
    check(path, {"input_features": features.numpy()})
    return {"inputs": {"input_features": [1, 80, 3000]}, "config": settings}


class WhisperDecoderWithPast(torch.nn.Module):
    """Whisper's text decoder for one generation step: new tokens, the encoder's output and the
    self-attention KV cache in, logits and the grown cache out (cross-attention keys and values are
    recomputed from the encoder output, as optimum's decoder without cross-attention cache)."""

    def __init__(self, model, layers):
        super().__init__()
        self.model = model
        self.layers = layers

    def forward(self, input_ids, encoder_hidden_states, *past):
        from transformers import DynamicCache, EncoderDecoderCache

        self_cache = DynamicCache()
        for layer in range(self.layers):
            self_cache.update(past[2 * layer], past[2 * layer + 1], layer)
        cache = EncoderDecoderCache(self_cache, DynamicCache())
        result = self.model(decoder_input_ids=input_ids, encoder_outputs=(encoder_hidden_states,),
                            past_key_values=cache, use_cache=True)
        present = []
        for layer in range(self.layers):
            keys, values = _layer_cache(result.past_key_values.self_attention_cache, layer)
            present += [keys, values]
        return (result.logits, *present)


def whisper_decoder(out, name):
    from transformers import WhisperConfig, WhisperForConditionalGeneration

    seed()
    settings = dict(d_model=384, encoder_layers=4, decoder_layers=4, encoder_attention_heads=6,
                    decoder_attention_heads=6, encoder_ffn_dim=1536, decoder_ffn_dim=1536, num_mel_bins=80,
                    vocab_size=51865, max_source_positions=1500, max_target_positions=448,
                    attn_implementation="eager")
    layers, heads, head_dim = 4, 6, 64
    wrapper = WhisperDecoderWithPast(WhisperForConditionalGeneration(WhisperConfig(**settings)).eval(), layers).eval()
    past_length, new_tokens = 8, 1
    ids = torch.randint(0, settings["vocab_size"], (1, new_tokens))
    encoded = torch.randn(1, 1500, settings["d_model"])
    past = [torch.randn(1, heads, past_length, head_dim) for _ in range(2 * layers)]
    caches = [(layer, kind) for layer in range(layers) for kind in ("key", "value")]
    input_names = ["input_ids", "encoder_hidden_states"] + [f"past_key_values.{l}.decoder.{k}" for l, k in caches]
    output_names = ["logits"] + [f"present.{l}.decoder.{k}" for l, k in caches]
    dynamic_axes = {"input_ids": {0: "batch", 1: "sequence"}, "encoder_hidden_states": {0: "batch"},
                    "logits": {0: "batch", 1: "sequence"}}
    dynamic_axes.update({n: {0: "batch", 2: "past"} for n in input_names[2:]})
    dynamic_axes.update({n: {0: "batch", 2: "total"} for n in output_names[1:]})
    path = os.path.join(out, name)
    legacy_export(wrapper, (ids, encoded, *past), path, input_names, output_names, dynamic_axes, 18)
    feeds = {"input_ids": ids.numpy(), "encoder_hidden_states": encoded.numpy()}
    feeds.update({n: p.numpy() for n, p in zip(input_names[2:], past)})
    check(path, feeds)
    return {"past_inputs": input_names[2:], "kv_heads": heads, "head_dim": head_dim, "layers": layers,
            "inputs": {"input_ids": [1, new_tokens], "encoder_hidden_states": [1, 1500, settings["d_model"]]},
            "config": settings}


class DecoderWithPast(torch.nn.Module):
    """A causal LM taking and returning its KV cache as flat tensors, as optimum's `with_past` export."""

    def __init__(self, model, layers):
        super().__init__()
        self.model = model
        self.layers = layers

    def forward(self, input_ids, attention_mask, position_ids, *past):
        from transformers import DynamicCache

        cache = DynamicCache()
        for layer in range(self.layers):
            cache.update(past[2 * layer], past[2 * layer + 1], layer)
        result = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                            past_key_values=cache, use_cache=True)
        present = []
        for layer in range(self.layers):
            keys, values = _layer_cache(result.past_key_values, layer)
            present += [keys, values]
        return (result.logits, *present)


def _layer_cache(cache, layer):
    if hasattr(cache, "layers"):
        return cache.layers[layer].keys, cache.layers[layer].values
    return cache.key_cache[layer], cache.value_cache[layer]


def decoder(out, name, model, layers, kv_heads, head_dim, vocab):
    seed()
    wrapper = DecoderWithPast(model.eval(), layers).eval()
    past_length, new_tokens = 8, 4
    ids = torch.randint(0, vocab, (1, new_tokens))
    mask = torch.ones(1, past_length + new_tokens, dtype=torch.int64)
    positions = torch.arange(past_length, past_length + new_tokens).unsqueeze(0)
    past = []
    input_names = ["input_ids", "attention_mask", "position_ids"]
    output_names = ["logits"]
    dynamic_axes = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "total"},
                    "position_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}}
    for layer in range(layers):
        for kind in ("key", "value"):
            past.append(torch.randn(1, kv_heads, past_length, head_dim))
            input_names.append(f"past_key_values.{layer}.{kind}")
            output_names.append(f"present.{layer}.{kind}")
            dynamic_axes[input_names[-1]] = {0: "batch", 2: "past"}
            dynamic_axes[output_names[-1]] = {0: "batch", 2: "total"}
    path = os.path.join(out, name)
    legacy_export(wrapper, (ids, mask, positions, *past), path, input_names, output_names, dynamic_axes, 18)
    feeds = {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "position_ids": positions.numpy()}
    feeds.update({n: p.numpy() for n, p in zip(input_names[3:], past)})
    check(path, feeds)
    return {"past_inputs": input_names[3:], "kv_heads": kv_heads, "head_dim": head_dim, "layers": layers}


LLAMA_SMALL = dict(vocab_size=32000, hidden_size=512, intermediate_size=1376, num_hidden_layers=2,
                   num_attention_heads=8, num_key_value_heads=2, max_position_embeddings=2048)
# The test fixture Tests/Fixtures/ONNX/llama_op23_tiny.onnx (a few tens of kilobytes).
LLAMA_TINY = dict(vocab_size=64, hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                  num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128)


def llama_dynamo(out, name, opset=None, settings=LLAMA_SMALL):
    """The Llama decoder with PyTorch's scaled-dot-product attention, exported by the dynamo exporter
    (at its default opset, or at opset 23, where it emits ONNX Attention, RotaryEmbedding and
    RMSNormalization)."""
    from transformers import LlamaConfig, LlamaForCausalLM

    seed()
    settings = dict(settings, attn_implementation="sdpa")
    layers = settings["num_hidden_layers"]
    kv_heads = settings["num_key_value_heads"]
    head_dim = settings["hidden_size"] // settings["num_attention_heads"]
    wrapper = DecoderWithPast(LlamaForCausalLM(LlamaConfig(**settings)).eval(), layers).eval()
    past_length, new_tokens = 8, 4
    ids = torch.randint(0, settings["vocab_size"], (1, new_tokens))
    mask = torch.ones(1, past_length + new_tokens, dtype=torch.int64)
    positions = torch.arange(past_length, past_length + new_tokens).unsqueeze(0)
    past = [torch.randn(1, kv_heads, past_length, head_dim) for _ in range(2 * layers)]
    caches = [(layer, kind) for layer in range(layers) for kind in ("key", "value")]
    input_names = ["input_ids", "attention_mask", "position_ids"] + [f"past_key_values.{l}.{k}" for l, k in caches]
    output_names = ["logits"] + [f"present.{l}.{k}" for l, k in caches]
    sequence, total, past_dim = torch.export.Dim("sequence"), torch.export.Dim("total"), torch.export.Dim("past")
    path = os.path.join(out, name)
    dynamo_export(wrapper, (ids, mask, positions, *past), path, input_names, output_names,
                  ({1: sequence}, {1: total}, {1: sequence}, tuple({2: past_dim} for _ in past)), opset=opset)
    feeds = {"input_ids": ids.numpy(), "attention_mask": mask.numpy(), "position_ids": positions.numpy()}
    feeds.update({n: p.numpy() for n, p in zip(input_names[3:], past)})
    check(path, feeds)
    return {"past_inputs": input_names[3:], "kv_heads": kv_heads, "head_dim": head_dim, "layers": layers,
            "config": settings}


def llama(out, name):
    from transformers import LlamaConfig, LlamaForCausalLM

    seed()
    settings = dict(vocab_size=32000, hidden_size=512, intermediate_size=1376, num_hidden_layers=2,
                    num_attention_heads=8, num_key_value_heads=2, max_position_embeddings=2048,
                    attn_implementation="eager")
    model = LlamaForCausalLM(LlamaConfig(**settings))
    info = decoder(out, name, model, 2, 2, 64, settings["vocab_size"])
    info["config"] = settings
    return info


def gpt2(out, name):
    from transformers import GPT2Config, GPT2LMHeadModel

    seed()
    settings = dict(vocab_size=50257, n_positions=1024, n_embd=768, n_layer=2, n_head=12,
                    attn_implementation="eager")
    model = GPT2LMHeadModel(GPT2Config(**settings))
    info = decoder(out, name, model, 2, 12, 64, settings["vocab_size"])
    info["config"] = settings
    return info


MODELS = {
    "yolov8n": lambda out: yolo(out, "yolov8n.yaml", "yolov8n.onnx"),
    "yolo11n": lambda out: yolo(out, "yolo11n.yaml", "yolo11n.onnx"),
    "yolov5nu": lambda out: yolo(out, "yolov5nu.yaml", "yolov5nu.onnx"),
    "gru_kws": lambda out: gru_kws(out, "gru_kws.onnx"),
    "lstm_lm": lambda out: lstm_lm(out, "lstm_lm.onnx"),
    "bert_mini": lambda out: bert(out, "bert_mini.onnx", dict(vocab_size=30522, hidden_size=256, num_hidden_layers=4,
                                                             num_attention_heads=4, intermediate_size=1024), 128),
    "distilbert": lambda out: distilbert(out, "distilbert_base.onnx", 128),
    "whisper_tiny_encoder": lambda out: whisper_encoder(out, "whisper_tiny_encoder.onnx"),
    "whisper_tiny_decoder": lambda out: whisper_decoder(out, "whisper_tiny_decoder_with_past.onnx"),
    "llama_gqa": lambda out: llama(out, "llama_gqa_with_past.onnx"),
    "llama_sdpa_dynamo": lambda out: llama_dynamo(out, "llama_sdpa_dynamo_with_past.onnx"),
    "llama_op23": lambda out: llama_dynamo(out, "llama_op23_with_past.onnx", opset=23),
    "llama_op23_tiny": lambda out: llama_dynamo(out, "llama_op23_tiny.onnx", opset=23, settings=LLAMA_TINY),
    "gpt2": lambda out: gpt2(out, "gpt2_with_past.onnx"),
}


def versions():
    import importlib.metadata as metadata

    found = {}
    for package in ("torch", "transformers", "ultralytics", "onnxscript", "onnx", "onnxruntime", "numpy"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = None
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="/tmp/real-models")
    parser.add_argument("--only", nargs="*", choices=sorted(MODELS))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    def export(name):
        record = MODELS[name](args.out)
        record["versions"] = versions()
        return record

    return 1 if record_runs(args.out, args.only or MODELS, export) else 0


def record_runs(out, names, make):
    """Calls make(name) for each name and records what it returns, or its error, under the name in
    OUT/manifest.json (kept across runs); one model failing must not hide the others. Returns the
    number of failures."""
    manifest_path = os.path.join(out, "manifest.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    failures = 0
    for name in names:
        print(f"== {name}", flush=True)
        try:
            manifest[name] = make(name)
        except Exception as error:  # report and go on
            failures += 1
            manifest[name] = {"error": f"{type(error).__name__}: {error}"}
            print(f"FAILED {name}: {type(error).__name__}: {str(error)[-1500:]}", file=sys.stderr, flush=True)
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
