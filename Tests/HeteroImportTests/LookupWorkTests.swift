import Foundation
import HeteroIR
import HeteroImport
import TestSupport
import XCTest

/// Table lookups read only the rows they look up (`WorkFigures.rowsRead`), and rotary position
/// embedding costs its rotation (`WorkFigures.rotaryArithmetic`): on the fixtures ONNX Runtime's
/// tools wrote and on single operators.
final class LookupWorkTests: XCTestCase {
    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/ONNX/ort/\(name)") }

    /// The transformer optimizer's BERT (hidden 32, 16 tokens): EmbedLayerNormalization reads 16
    /// rows of the word (128 × 32) and position (64 × 32) tables, the whole 2-row segment table
    /// (fewer rows than tokens) and its gamma and beta: 2,048 + 2,048 + 256 + 256 bytes, where the
    /// whole tables are 25,088.
    func testEmbedLayerNormalizationReadsTheGatheredRows() throws {
        let shapes = ["input_ids": [1, 16], "attention_mask": [1, 16], "token_type_ids": [1, 16]]
        let graph = try ModelLoader.load(path: Self.fixture("bert_tiny_ortopt.onnx"), inputShapes: shapes)
        let embed = try XCTUnwrap(graph.operators.first { $0.type == "EmbedLayerNormalization" })
        XCTAssertEqual(embed.work.weightBytesRead, 16 * 32 * 4 + 16 * 32 * 4 + 2 * 32 * 4 + 2 * 32 * 4)
    }

    /// onnxruntime-genai's Llama (vocabulary 64, hidden 64, 4 query and 2 key/value heads of 16,
    /// rotary inside GroupQueryAttention, cos/sin caches [64, 8]) at prefill of 5 tokens: the token
    /// embedding Gather reads 5 rows of 64 floats; GroupQueryAttention reads 5 rows of each cache
    /// and rotates the 5 · 64 query and 5 · 2 · 16 new key elements, 3 operations each.
    func testGroupQueryAttentionRotaryAndEmbeddingGather() throws {
        let shapes = ["input_ids": [1, 5], "attention_mask": [1, 5],
                      "past_key_values.0.key": [1, 2, 0, 16], "past_key_values.0.value": [1, 2, 0, 16]]
        let graph = try ModelLoader.load(path: Self.fixture("genai_llama_tiny_int4.onnx"), inputShapes: shapes)
        let gather = try XCTUnwrap(graph.operators.first { $0.type == "Gather" && $0.inputs[0] == "model.embed_tokens.weight" })
        XCTAssertEqual(gather.work.weightBytesRead, 5 * 64 * 4)
        let attention = try XCTUnwrap(graph.operators.first { $0.type == "GroupQueryAttention" })
        XCTAssertEqual(attention.attributes["do_rotary"]?.intValue, 1)
        // Plus total_sequence_length, an int32 scalar the importer folds from the mask's shape.
        XCTAssertEqual(attention.work.weightBytesRead, 2 * 5 * 8 * 4 + 4)
        let inputs = attention.inputs.map { $0.isEmpty ? nil : graph.tensor(named: $0) }
        let outputs = attention.outputs.compactMap { graph.tensor(named: $0) }
        var plain = attention
        plain.attributes["do_rotary"] = .int(0)
        let withoutRotary = try WorkFigures.work(of: plain, inputs: inputs, outputs: outputs)
        XCTAssertEqual(attention.work.flops - withoutRotary.flops, 3 * (5 * 64 + 5 * 2 * 16))
        XCTAssertEqual(withoutRotary.weightBytesRead, 2 * 64 * 8 * 4 + 4, "without rotary the caches are not looked up")
    }

    /// RotaryEmbedding, ONNX Runtime's (input, position_ids, cos, sin; partial rotary: 8 of each
    /// head's 16 channels) and ONNX's (X, cos, sin, position_ids; whole heads).
    func testRotaryEmbeddingRotatesTheRotaryChannelsAndReadsCacheRows() throws {
        func tensor(_ name: String, _ shape: [Int], _ kind: TensorKind = .activation, _ type: ElementType = .float32) -> Tensor {
            Tensor(name: name, shape: shape, elementType: type, kind: kind)
        }
        let contrib = Operator(name: "rope", type: "RotaryEmbedding",
                               attributes: ["domain": .string("com.microsoft"), "num_heads": .int(4), "rotary_embedding_dim": .int(8)],
                               inputs: ["x", "pos", "cos", "sin"], outputs: ["y"])
        let work = try WorkFigures.work(of: contrib, inputs: [tensor("x", [1, 5, 64]), tensor("pos", [1, 5], .activation, .int64),
                                                              tensor("cos", [64, 4], .constant), tensor("sin", [64, 4], .constant)],
                                        outputs: [tensor("y", [1, 5, 64])])
        XCTAssertEqual(work.flops, 3 * 5 * 64 / 2)
        XCTAssertEqual(work.weightBytesRead, 2 * 5 * 4 * 4)
        let onnx = Operator(name: "rope23", type: "RotaryEmbedding", inputs: ["x", "cos", "sin", "pos"], outputs: ["y"])
        let whole = try WorkFigures.work(of: onnx, inputs: [tensor("x", [1, 4, 5, 16]), tensor("cos", [64, 8], .constant),
                                                          tensor("sin", [64, 8], .constant), tensor("pos", [1, 5], .activation, .int64)],
                                         outputs: [tensor("y", [1, 4, 5, 16])])
        XCTAssertEqual(whole.flops, 3 * 4 * 5 * 16)
        XCTAssertEqual(whole.weightBytesRead, 2 * 5 * 8 * 4)
    }
}
