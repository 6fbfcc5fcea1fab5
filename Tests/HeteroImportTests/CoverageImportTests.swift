import Foundation
import HeteroImport
import HeteroIR
import TestSupport
import XCTest

/// Real-world ONNX patterns (issue 12) through the importer: constant folding, KV caches with
/// zero-size dimensions, recurrent models, contrib domains, and sizes beyond the limit (issue 14).
/// Fixtures come from Scripts/make_coverage_fixtures.py, which checks them against onnx's shape inference.
final class CoverageImportTests: XCTestCase {
    var files: TemporaryDirectory!

    override func setUpWithError() throws {
        files = try makeTemporaryDirectory()
    }

    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/ONNX/\(name)") }

    func testSTFTPadFoldsThroughSliceWithNegativeStepAndTranspose() throws {
        let graph = try ModelLoader.load(path: Self.fixture("stft_pad.onnx"))
        // ConstantOfShape -> Concat -> Reshape [3, 2] -> Slice(step -1) -> Transpose -> Reshape -> Cast.
        XCTAssertEqual(graph.tensor(named: "pads")?.intValues, [0, 0, 0, 0, 0, 3])
        XCTAssertEqual(graph.tensor(named: "pads")?.kind, .constant)
        XCTAssertEqual(graph.tensor(named: "y")?.shape, [1, 1, 19])
        XCTAssertEqual(graph.operators.map(\.type), ["Pad", "Relu"])
    }

    func testKVCacheAttentionAtPrefillAndDecode() throws {
        let path = Self.fixture("kv_cache_attention.onnx")
        // Prefill: 5 tokens, empty cache (past length 0).
        let prefill = try ModelLoader.load(path: path, inputShapes: ["x": [1, 5, 64], "past_key": [1, 1, 0, 16], "past_value": [1, 1, 0, 16]])
        XCTAssertEqual(prefill.tensor(named: "present_key")?.shape, [1, 1, 5, 16])
        XCTAssertEqual(prefill.tensor(named: "past_key")?.byteSize, 0)
        // Projections 5·64·(64 + 16 + 16 + 64); attention over 5 keys: 5·(5·64 + 5·64).
        XCTAssertEqual(prefill.totalWork.macs, 5 * 64 * 160 + 5 * (320 + 320))
        // Decode: one token after 7 cached ones.
        let decode = try ModelLoader.load(path: path, inputShapes: ["x": [1, 1, 64], "past_key": [1, 1, 7, 16], "past_value": [1, 1, 7, 16]])
        XCTAssertEqual(decode.tensor(named: "present_value")?.shape, [1, 1, 8, 16])
        XCTAssertEqual(decode.totalWork.macs, 64 * 160 + 8 * (64 + 64))
    }

    func testBidirectionalLSTMRecognizer() throws {
        let graph = try ModelLoader.load(path: Self.fixture("lstm_recognizer.onnx"))
        XCTAssertEqual(graph.tensor(named: "y")?.shape, [20, 2, 1, 32])
        XCTAssertEqual(graph.tensor(named: "logits")?.shape, [20, 1, 37])
        let lstm = try XCTUnwrap(graph.operators.first { $0.type == "LSTM" })
        XCTAssertEqual(lstm.work.macs, 20 * (2 * 128 * 24 + 2 * 128 * 32))
        XCTAssertEqual(lstm.work.weightBytesRead, (2 * 128 * 24 + 2 * 128 * 32 + 2 * 256) * 4)
        XCTAssertEqual(graph.totalWork.macs, 20 * (2 * 128 * 24 + 2 * 128 * 32) + 20 * 64 * 37)
    }

    func testMicrosoftDomainOperatorsImport() throws {
        var fixture = ONNXFixture()
        fixture.input("x", [2, 7, 64])
        fixture.weight("skip", [2, 7, 64])
        fixture.weight("gamma", [64])
        fixture.weight("w", [64, 32])
        fixture.node("SkipLayerNormalization", ["x", "skip", "gamma"], ["n"], name: "sln", domain: "com.microsoft")
        fixture.node("FusedMatMul", ["n", "w"], ["m"], name: "fmm", domain: "com.microsoft")
        fixture.node("FastGelu", ["m"], ["y"], name: "gelu", domain: "com.microsoft")
        fixture.output("y")
        let graph = try ModelLoader.load(path: try files.write("contrib.onnx", bytes: fixture.bytes()))
        XCTAssertEqual(graph.tensor(named: "y")?.shape, [2, 7, 32])
        XCTAssertEqual(graph.operators.first { $0.type == "FusedMatMul" }?.work.macs, 2 * 7 * 32 * 64)
    }

    func testUnknownOperatorsNameTheirDomain() throws {
        var fixture = ONNXFixture.convRelu()
        fixture.node("Frobnicate", ["z"], ["f"], name: "frob", domain: "com.microsoft")
        let path = try files.write("unknown-contrib.onnx", bytes: fixture.bytes())
        XCTAssertThrowsError(try ModelLoader.load(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): operator type \"Frobnicate\" of domain \"com.microsoft\" (node \"frob\") has no shape rule; hetero-plan cannot size its output")
        }
        var vendor = ONNXFixture.convRelu()
        vendor.node("Gelu", ["z"], ["g"], name: "vendor", domain: "com.vendor")
        let vendorPath = try files.write("vendor.onnx", bytes: vendor.bytes())
        XCTAssertThrowsError(try ModelLoader.load(path: vendorPath)) { error in
            XCTAssertEqual("\(error)", "\(vendorPath): node \"vendor\" (Gelu) uses operator domain \"com.vendor\"; supported domains: the default ONNX domain, com.microsoft and com.microsoft.nchwc")
        }
    }

    /// Issue 14: dimensions of 2^62 or Int64.max, or a batch of 2^40, are errors naming the tensor.
    func testHugeDimensionsAreErrorsNotTraps() throws {
        let path = try files.write("conv.onnx", bytes: ONNXFixture.convRelu(batch: "N").bytes())
        for batch in [1 << 62, Int.max, 1 << 50] {
            XCTAssertThrowsError(try ModelLoader.load(path: path, inputShapes: ["x": [batch, 3, 8, 8]])) { error in
                XCTAssertEqual("\(error)", "\(path): tensor \"x\" of shape [\(batch), 3, 8, 8] (float32) exceeds 2^53 elements, bytes or operations, the largest size hetero-plan computes with")
            }
        }
        var fixture = ONNXFixture()
        fixture.input("x", [1, 4])
        fixture.weight("w", [1 << 62, 4])
        fixture.node("MatMul", ["x", "w"], ["y"])
        fixture.output("y")
        let weightPath = try files.write("weight.onnx", bytes: fixture.bytes())
        XCTAssertThrowsError(try ModelLoader.load(path: weightPath)) { error in
            XCTAssertTrue("\(error)".contains("tensor \"w\" of shape [\(1 << 62), 4]"), "\(error)")
        }
        // Each tensor fits, the work does not: a [2^20, 2^20] x [2^20, 2^20] product is 2^60 MACs.
        var work = ONNXFixture()
        work.input("a", [1 << 20, 1 << 20])
        work.input("b", [1 << 20, 1 << 20])
        work.node("MatMul", ["a", "b"], ["c"], name: "mm")
        work.output("c")
        let workPath = try files.write("work.onnx", bytes: work.bytes())
        XCTAssertThrowsError(try ModelLoader.load(path: workPath)) { error in
            XCTAssertTrue("\(error)".contains("the work of MatMul \"mm\" exceeds 2^53"), "\(error)")
        }
    }
}

/// If, Loop and Scan (see ONNXGraphBuilder+ControlFlow for the policy).
final class ControlFlowImportTests: XCTestCase {
    func testRuntimeIfCostsTheExpensiveBranchAndLoopCostsTripsTimesBody() throws {
        let graph = try ModelLoader.load(path: CoverageImportTests.fixture("control_flow.onnx"))
        XCTAssertEqual(graph.operators.map(\.type), ["If", "Loop"])
        let branch = graph.operators[0]
        // then_branch: a [2, 16] x [16, 16] MatMul (512 MACs); else_branch: a Relu (32 ops).
        XCTAssertEqual(branch.work.macs, 2 * 16 * 16)
        XCTAssertEqual(branch.attributes["costed_branch"], .string("then_branch"))
        // The If reads the outer x and w its branches use, so the plan moves them to it.
        XCTAssertEqual(Set(branch.inputs), ["flag", "x", "w"])
        let loop = graph.operators[1]
        XCTAssertEqual(loop.work.macs, 4 * 2 * 16 * 16)
        XCTAssertEqual(loop.work.flops, 4 * 2 * 16)
        XCTAssertEqual(loop.attributes["trip_count"], .int(4))
        XCTAssertEqual(graph.tensor(named: "final")?.shape, [2, 16])
        XCTAssertEqual(graph.tensor(named: "steps")?.shape, [4, 2, 16])
    }

    func testIfWithAConstantConditionFoldsToItsBranch() throws {
        let graph = try ModelLoader.load(path: CoverageImportTests.fixture("if_constant.onnx"))
        XCTAssertEqual(graph.operators.map(\.type), ["Relu", "Identity", "Loop"])
        XCTAssertEqual(graph.tensor(named: "chosen")?.shape, [2, 16])
    }
}
