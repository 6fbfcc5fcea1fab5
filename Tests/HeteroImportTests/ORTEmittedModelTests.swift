import Foundation
import HeteroIR
@testable import HeteroImport
import SwiftProtobuf
import TestSupport
import XCTest

/// Models as ONNX Runtime's own tools write them (`Scripts/make_ort_models.py --fixtures`, the
/// fixtures under Tests/Fixtures/ONNX/ort): onnxruntime-genai's int4 Llama, the transformer
/// optimizer's BERT, quantize_static's QOperator CNN and a CNN saved at ORT_ENABLE_EXTENDED.
/// Every MAC count below equals `Scripts/count_macs.py`'s (onnxruntime executing the model).
final class ORTEmittedModelTests: XCTestCase {
    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/ONNX/ort/\(name)") }

    /// onnxruntime-genai's builder, int4 for the CPU: a one-layer Llama (vocabulary 64, hidden 64,
    /// MLP 128, 4 query and 2 key/value heads of 16) as GroupQueryAttention on packed QKV with
    /// rotary inside, six MatMulNBits (4 bits, block 32, accuracy level 4) and
    /// SkipSimplifiedLayerNormalization writing only its output and its sum (`[y, "", "", sum]`).
    static let genai = fixture("genai_llama_tiny_int4.onnx")

    static func genaiShapes(past: Int, sequence: Int) -> [String: [Int]] {
        ["input_ids": [1, sequence], "attention_mask": [1, past + sequence],
         "past_key_values.0.key": [1, 2, past, 16], "past_key_values.0.value": [1, 2, past, 16]]
    }

    /// Per token: QKV 64·(64 + 2·32), o 64·64, gate/up 2·64·128, down 128·64, lm head 64·64 =
    /// 40,960 MACs; attention: 4 heads · sequence · (past + sequence) · (16 + 16).
    static func genaiMACs(past: Int, sequence: Int) -> Int {
        sequence * 40_960 + 4 * sequence * (past + sequence) * 32
    }

    func testGenAIInt4LlamaPrefillAndDecode() throws {
        for (past, sequence) in [(0, 5), (7, 1), (30, 3)] {
            let graph = try ModelLoader.load(path: Self.genai, inputShapes: Self.genaiShapes(past: past, sequence: sequence))
            XCTAssertEqual(graph.totalWork.macs, Self.genaiMACs(past: past, sequence: sequence), "past \(past)")
            XCTAssertEqual(graph.tensor(named: "logits")?.shape, [1, sequence, 64])
            // The present cache holds total_sequence_length positions (from the mask's shape).
            XCTAssertEqual(graph.tensor(named: "present.0.key")?.shape, [1, 2, past + sequence, 16])
            XCTAssertEqual(graph.tensor(named: "present.0.value")?.shape, [1, 2, past + sequence, 16])
            let attention = try XCTUnwrap(graph.operators.first { $0.type == "GroupQueryAttention" })
            XCTAssertEqual(graph.tensor(named: attention.outputs[0])?.shape, [1, sequence, 64])
        }
        // The values at prefill: 208,000 and 41,984 MACs at past 7 (count_macs.py agrees).
        XCTAssertEqual(Self.genaiMACs(past: 0, sequence: 5), 208_000)
    }

    /// MatMulNBits' weights are 4-bit: the packed uint8 B holds K·N/2 bytes and the float scales
    /// one per block of 32, and the operator reads exactly those; accuracy level 4 makes it an int8
    /// kernel for the cost model.
    func testMatMulNBitsWeightsAreFourBitAndAccuracyLevelFourComputesInInt8() throws {
        let graph = try ModelLoader.load(path: Self.genai, inputShapes: Self.genaiShapes(past: 0, sequence: 5))
        let quantized = graph.operators.filter { $0.type == "MatMulNBits" }
        XCTAssertEqual(quantized.count, 6)
        var shapes: [[Int]] = []
        for op in quantized {
            let k = try XCTUnwrap(op.attributes["K"]?.intValue)
            let n = try XCTUnwrap(op.attributes["N"]?.intValue)
            shapes.append([k, n])
            XCTAssertEqual(op.attributes["bits"]?.intValue, 4)
            XCTAssertEqual(op.attributes["block_size"]?.intValue, 32)
            let packed = try XCTUnwrap(graph.tensor(named: op.inputs[1]))
            let scales = try XCTUnwrap(graph.tensor(named: op.inputs[2]))
            XCTAssertEqual(packed.elementType, .uint8)
            XCTAssertEqual(packed.byteSize, k * n / 2, op.name)
            XCTAssertEqual(scales.byteSize, n * (k / 32) * 4, op.name)
            XCTAssertEqual(op.work.weightBytesRead, k * n / 2 + n * (k / 32) * 4, op.name)
            XCTAssertEqual(op.work.macs, 5 * k * n, op.name)
            XCTAssertEqual(op.quantizedType, .int8, op.name)
        }
        XCTAssertEqual(shapes.sorted { $0.lexicographicallyPrecedes($1) },
                       [[64, 64], [64, 64], [64, 128], [64, 128], [64, 128], [128, 64]])

        // The same model with accuracy level 0 (dequantize, compute in A's float type).
        var model = try Onnx_ModelProto(serializedBytes: Data(contentsOf: URL(fileURLWithPath: Self.genai)))
        for index in model.graph.node.indices where model.graph.node[index].opType == "MatMulNBits" {
            for attribute in model.graph.node[index].attribute.indices where model.graph.node[index].attribute[attribute].name == "accuracy_level" {
                model.graph.node[index].attribute[attribute].i = 0
            }
        }
        let bytes: [UInt8] = try model.serializedBytes()
        let floatKernel = try ONNXImporter(inputShapes: Self.genaiShapes(past: 0, sequence: 5)).importModel(bytes, file: "level0.onnx")
        let floatOps = floatKernel.operators.filter { $0.type == "MatMulNBits" }
        XCTAssertEqual(floatOps.count, 6)
        XCTAssertEqual(floatOps.map(\.quantizedType), Array(repeating: nil, count: 6))
        XCTAssertEqual(floatKernel.totalWork, graph.totalWork)
    }

    /// The transformer optimizer on a TorchScript-exported BERT (hidden 32, 2 heads, MLP 64, one
    /// layer): EmbedLayerNormalization, packed Attention, SkipLayerNormalization, BiasGelu.
    func testTransformerOptimizerBERT() throws {
        let shapes = ["input_ids": [1, 16], "attention_mask": [1, 16], "token_type_ids": [1, 16]]
        let graph = try ModelLoader.load(path: Self.fixture("bert_tiny_ortopt.onnx"), inputShapes: shapes)
        let types = Dictionary(grouping: graph.operators, by: \.type).mapValues(\.count)
        XCTAssertEqual(types["EmbedLayerNormalization"], 1)
        XCTAssertEqual(types["Attention"], 1)
        XCTAssertEqual(types["SkipLayerNormalization"], 2)
        XCTAssertEqual(types["BiasGelu"], 1)
        // Per token: QKV 32·96, output 32·32, MLP 2·32·64 = 8,192; attention 2 heads · 16 · 16 ·
        // (16 + 16); the pooler 32·32 once.
        XCTAssertEqual(graph.totalWork.macs, 16 * 8_192 + 2 * 16 * 16 * 32 + 1_024)
        XCTAssertEqual(graph.tensor(named: "last_hidden_state")?.shape, [1, 16, 32])
        let embed = try XCTUnwrap(graph.operators.first { $0.type == "EmbedLayerNormalization" })
        XCTAssertEqual(graph.tensor(named: embed.outputs[0])?.shape, [1, 16, 32])
        XCTAssertEqual(graph.tensor(named: embed.outputs[1])?.shape, [1])
        XCTAssertEqual(graph.tensor(named: embed.outputs[1])?.elementType, .int32)
    }

    /// quantize_static (QOperator) and ORT_ENABLE_EXTENDED on one small CNN: both keep the float
    /// model's 733,344 MACs; the quantized operators are int8 kernels with uint8 outputs (the
    /// pooling's output type is its y_zero_point's, input 4), the fused ones float.
    func testQOperatorAndGraphOptimizedCNN() throws {
        let quantized = try ModelLoader.load(path: Self.fixture("cnn_qoperator.onnx"))
        let fused = try ModelLoader.load(path: Self.fixture("cnn_ort_extended.onnx"))
        // Conv 16·16·16·27 + 16·16·16·144 + 8·16·16·16, Gemm 10·16.
        XCTAssertEqual(quantized.totalWork.macs, 733_344)
        XCTAssertEqual(fused.totalWork.macs, 733_344)
        let types = Dictionary(grouping: quantized.operators, by: \.type).mapValues(\.count)
        XCTAssertEqual(types, ["QuantizeLinear": 1, "QLinearConv": 3, "QLinearAdd": 1, "QLinearConcat": 1, "MaxPool": 1,
                               "QLinearGlobalAveragePool": 1, "Flatten": 1, "QGemm": 1, "DequantizeLinear": 1])
        for op in quantized.operators where op.type.hasPrefix("QLinear") || op.type == "QGemm" {
            XCTAssertNotNil(op.quantizedType, op.name)
            XCTAssertEqual(quantized.tensor(named: op.outputs[0])?.elementType, .uint8, op.name)
        }
        let concat = try XCTUnwrap(quantized.operators.first { $0.type == "QLinearConcat" })
        XCTAssertEqual(quantized.tensor(named: concat.outputs[0])?.shape, [1, 16, 16, 16])
        let pool = try XCTUnwrap(quantized.operators.first { $0.type == "QLinearGlobalAveragePool" })
        XCTAssertEqual(quantized.tensor(named: pool.outputs[0])?.shape, [1, 16, 1, 1])
        let gemm = try XCTUnwrap(quantized.operators.first { $0.type == "QGemm" })
        XCTAssertEqual(quantized.tensor(named: gemm.outputs[0])?.shape, [1, 10])
        XCTAssertEqual(gemm.work.macs, 160)

        let fusedTypes = Dictionary(grouping: fused.operators, by: \.type).mapValues(\.count)
        XCTAssertEqual(fusedTypes["FusedConv"], 3)
        XCTAssertEqual(fusedTypes["FusedGemm"], 1)
        XCTAssertEqual(fused.operators.first { $0.type == "FusedGemm" }?.work.macs, 160)
    }

    /// ONNX Runtime's graph optimizer writes LayerNormalization (its own default-domain operator
    /// since version 1) into models of any opset; it is checked against ONNX's LayerNormalization-17.
    func testOnnxRuntimeLayerNormalizationBeforeOpset17() throws {
        func model(attribute: String) -> [UInt8] {
            var fixture = ONNXFixture(opset: 14)
            fixture.input("x", [2, 8])
            fixture.weight("scale", [8])
            fixture.weight("bias", [8])
            fixture.node("LayerNormalization", ["x", "scale", "bias"], ["y"], name: "ln", int: [attribute: -1])
            fixture.output("y")
            return fixture.bytes()
        }
        let graph = try ONNXImporter().importModel(model(attribute: "axis"), file: "ln.onnx")
        XCTAssertEqual(graph.tensor(named: "y")?.shape, [2, 8])
        XCTAssertThrowsError(try ONNXImporter().importModel(model(attribute: "axes"), file: "ln.onnx")) { error in
            XCTAssertTrue("\(error)".contains(#"attribute "axes" is not an attribute of LayerNormalization-17"#), "\(error)")
        }
    }

    /// A contrib operator whose node declares more outputs than its rule infers is an error naming
    /// it, not an index out of range (a SkipSimplifiedLayerNormalization written `[y, "", "", sum]`
    /// trapped before its rule returned all four outputs).
    func testMoreDeclaredOutputsThanInferredIsAnError() throws {
        var fixture = ONNXFixture(opset: 17)
        fixture.input("x", [1, 4, 8])
        fixture.node("FastGelu", ["x"], ["y", "", "z"], name: "gelu", domain: "com.microsoft")
        fixture.output("y")
        XCTAssertThrowsError(try ONNXImporter().importModel(fixture.bytes(), file: "gelu.onnx")) { error in
            XCTAssertEqual("\(error)", #"gelu.onnx: FastGelu "gelu": declares 3 outputs but the operator produces 1"#)
        }
        var skip = ONNXFixture(opset: 17)
        skip.input("x", [1, 4, 8])
        skip.input("r", [1, 4, 8])
        skip.weight("gamma", [8])
        skip.node("SkipSimplifiedLayerNormalization", ["x", "r", "gamma"], ["y", "", "", "sum"], name: "skip", domain: "com.microsoft")
        skip.output("y")
        skip.output("sum")
        let graph = try ONNXImporter().importModel(skip.bytes(), file: "skip.onnx")
        XCTAssertEqual(graph.tensor(named: "sum")?.shape, [1, 4, 8])
    }
}
