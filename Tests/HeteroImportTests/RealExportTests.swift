import Foundation
import HeteroIR
@testable import HeteroImport
import SwiftProtobuf
import TestSupport
import XCTest

/// Models as real exporters write them, and the skipping of weight payloads at import.
final class RealExportTests: XCTestCase {
    /// `Scripts/make_real_models.py --only llama_op23_tiny`: a one-layer Llama (vocabulary 64,
    /// hidden 32, MLP 64, 4 query and 2 key/value heads of 8) with a KV cache, exported by torch's
    /// dynamo exporter at opset 23 (ONNX Attention, RotaryEmbedding, RMSNormalization).
    static let llama = Repository.path("Tests/Fixtures/ONNX/llama_op23_tiny.onnx")

    static func llamaShapes(past: Int, sequence: Int) -> [String: [Int]] {
        ["input_ids": [1, sequence], "attention_mask": [1, past + sequence], "position_ids": [1, sequence],
         "past_key_values.0.key": [1, 2, past, 8], "past_key_values.0.value": [1, 2, past, 8]]
    }

    /// Per token: q 32·32, k and v 32·16 each, o 32·32, gate/up/down 3·32·64, lm head 32·64 =
    /// 11,264 MACs; attention: 4 heads · sequence · (past + sequence) · (8 + 8).
    static func expectedMACs(past: Int, sequence: Int) -> Int {
        sequence * 11_264 + 4 * sequence * (past + sequence) * 16
    }

    func testLlamaWithKVCachePrefillAndDecode() throws {
        for (past, sequence) in [(0, 5), (7, 1), (31, 4)] {
            let graph = try ModelLoader.load(path: Self.llama, inputShapes: Self.llamaShapes(past: past, sequence: sequence))
            XCTAssertEqual(graph.totalWork.macs, Self.expectedMACs(past: past, sequence: sequence), "past \(past)")
            XCTAssertEqual(graph.tensor(named: "logits")?.shape, [1, sequence, 64])
            XCTAssertEqual(graph.tensor(named: "present.0.key")?.shape, [1, 2, past + sequence, 8])
            XCTAssertEqual(graph.operators.filter { $0.type == "Attention" }.count, 1)
        }
    }

    /// The importer decodes a model without the values of tensors larger than it ever reads, and
    /// the graph is the one the full decoding gives.
    func testWeightPayloadsAreSkippedWithoutChangingTheGraph() throws {
        var fixture = ONNXFixture(opset: 13)
        fixture.input("x", [2, 64, 128])
        fixture.rawWeight("w", [128, 64], fill: 0x3F)
        fixture.ints("shape", [64, 128])  // small: its values are read, so it must survive
        fixture.node("MatMul", ["x", "w"], ["y"])
        fixture.node("Reshape", ["y", "shape"], ["z"])
        fixture.output("z")
        let bytes = fixture.bytes()

        let stripped = try XCTUnwrap(bytes.withUnsafeBytes { ONNXWeightPayloads.stripped($0) })
        XCTAssertLessThan(stripped.count, bytes.count - 128 * 64 * 4 + 64)
        let decoded = try Onnx_ModelProto(serializedBytes: stripped)
        XCTAssertEqual(decoded.graph.initializer.map(\.name), ["w", "shape"])
        XCTAssertTrue(decoded.graph.initializer[0].rawData.isEmpty)
        XCTAssertEqual(decoded.graph.initializer[0].dims, [128, 64])
        XCTAssertEqual(decoded.graph.initializer[1].int64Data, [64, 128])

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let importer = ONNXImporter()
        let full = try importer.importModel(decoded: Onnx_ModelProto(serializedBytes: bytes), file: "m.onnx")
        let skipped = try importer.importModel(bytes, file: "m.onnx")
        XCTAssertEqual(try encoder.encode(skipped), try encoder.encode(full))
        XCTAssertEqual(skipped.tensor(named: "z")?.shape, [64, 128])
        XCTAssertEqual(skipped.totalWork.macs, 2 * 64 * 64 * 128)
    }

    /// Truncated or corrupt bytes are not filtered; the protobuf decoder reports them as before.
    func testMalformedBytesAreLeftToTheDecoder() throws {
        var fixture = ONNXFixture(opset: 13)
        fixture.input("x", [1, 8])
        fixture.rawWeight("w", [8, 8192])
        fixture.node("MatMul", ["x", "w"], ["y"])
        fixture.output("y")
        let bytes = fixture.bytes()
        XCTAssertNotNil(bytes.withUnsafeBytes { ONNXWeightPayloads.stripped($0) })
        for cut in [1, 7, bytes.count / 2, bytes.count - 1] {
            let truncated = Array(bytes[..<cut])
            XCTAssertNil(truncated.withUnsafeBytes { ONNXWeightPayloads.stripped($0) }, "cut at \(cut)")
        }
        XCTAssertThrowsError(try ONNXImporter().importModel(Array(bytes[..<(bytes.count / 2)]), file: "cut.onnx")) { error in
            guard case .malformedONNX(let file, _)? = error as? ImportError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "cut.onnx")
        }
    }
}
