import Foundation
import HeteroIR
import HeteroImport
import TestSupport
import XCTest

/// ONNX Runtime's NCHWc layout operators (`com.microsoft.nchwc`), as its graph optimizer writes
/// them at ORT_ENABLE_ALL: `Tests/Fixtures/ONNX/ort/cnn_ort_all.onnx` (`Scripts/make_ort_models.py
/// --fixtures cnn_ort_all.onnx`, on an AVX-512 machine: channel block 16) holds every operator of
/// the domain, and channel counts (24, 40) that the block pads.
final class NCHWcImportTests: XCTestCase {
    static let model = Repository.path("Tests/Fixtures/ONNX/ort/cnn_ort_all.onnx")

    func testEveryNCHWcOperatorGetsTheBlockedShapes() throws {
        let graph = try ModelLoader.load(path: Self.model)
        let nchwc = graph.operators.filter { $0.attributes["domain"]?.stringValue == "com.microsoft.nchwc" }
        XCTAssertEqual(Dictionary(grouping: nchwc, by: \.type).mapValues(\.count),
                       ["Conv": 7, "MaxPool": 1, "AveragePool": 1, "Upsample": 1, "GlobalAveragePool": 1, "GlobalMaxPool": 1,
                        "ReorderInput": 1, "ReorderOutput": 3])
        func output(_ type: String) throws -> [Int]? {
            let op = try XCTUnwrap(nchwc.first { $0.type == type }, type)
            return graph.tensor(named: op.outputs[0])?.shape
        }
        // The 40-channel Softmax output is reordered into 48 blocked channels (3 blocks of 16).
        XCTAssertEqual(try output("ReorderInput"), [1, 48, 32, 32])
        XCTAssertEqual(try output("MaxPool"), [1, 32, 16, 16])
        XCTAssertEqual(try output("AveragePool"), [1, 32, 16, 16])
        XCTAssertEqual(try output("Upsample"), [1, 32, 32, 32])
        XCTAssertEqual(try output("GlobalMaxPool"), [1, 16, 1, 1])
        XCTAssertEqual(try output("GlobalAveragePool"), [1, 16, 1, 1])
        // ReorderOutput drops the padding: 48 blocked channels back to the original 40.
        let reorders = nchwc.filter { $0.type == "ReorderOutput" }.compactMap { graph.tensor(named: $0.outputs[0])?.shape }
        XCTAssertEqual(Set(reorders), [[1, 40, 32, 32], [1, 16, 1, 1]])
        XCTAssertEqual(graph.tensor(named: "y1")?.shape, [1, 16, 1, 1])
        XCTAssertEqual(graph.tensor(named: "y2")?.shape, [1, 16, 1, 1])
    }

    /// MACs are the plain convolution's formula on the blocked shapes (what MLAS computes, padding
    /// included): output elements × weight channels × kernel, summed over the seven Conv:
    /// 32·32²·3·9 + 32·32²·9 (depthwise) + 32·32²·32 + 32·16²·32·9 + 48·32²·32·9 + 16·32²·48 + 16·16²·32
    /// = 19,660,800 (`Scripts/count_macs.py` on the executed shapes agrees). The reorders and pools
    /// have none; the reorders move their input and output bytes.
    func testMACsAreTheConvolutionsOnBlockedShapesAndReordersMoveData() throws {
        let graph = try ModelLoader.load(path: Self.model)
        XCTAssertEqual(graph.totalWork.macs, 884_736 + 294_912 + 1_048_576 + 2_359_296 + 14_155_776 + 786_432 + 131_072)
        XCTAssertEqual(graph.totalWork.macs, 19_660_800)
        let reorder = try XCTUnwrap(graph.operators.first { $0.type == "ReorderInput" })
        XCTAssertEqual(reorder.work.macs, 0)
        XCTAssertEqual(reorder.work.flops, 0)
        XCTAssertEqual(reorder.work.activationBytesRead, 40 * 32 * 32 * 4)
        XCTAssertEqual(reorder.work.bytesWritten, 48 * 32 * 32 * 4)
        // The Conv with a fused residual Sum (input 3) and Relu: one op per output for each, and
        // one for the bias.
        let summed = try XCTUnwrap(graph.operators.first { $0.type == "Conv" && $0.inputs.count == 4 })
        XCTAssertEqual(summed.attributes["activation"]?.stringValue, "Relu")
        XCTAssertEqual(summed.work.flops, 3 * 32 * 16 * 16)
        XCTAssertEqual(summed.work.activationBytesRead, 2 * 32 * 16 * 16 * 4)
    }

    func testUnknownBlockAndBadAttributesAreErrorsNamingTheNode() throws {
        let nchwc = AttributeValue.string("com.microsoft.nchwc")
        let x = Tensor(name: "x", shape: [1, 40, 8, 8], elementType: .float32, kind: .activation)
        func infer(_ type: String, _ attributes: [String: AttributeValue], _ input: Tensor = x) throws -> [Int] {
            let op = Operator(name: "n1", type: type, attributes: attributes.merging(["domain": nchwc]) { $1 }, inputs: ["x"], outputs: ["y"])
            return try ShapeInference.infer(op, inputs: [input])[0].shape
        }
        // With AVX2's block of 8, 40 channels stay 40 and 20 become 24.
        XCTAssertEqual(try infer("ReorderInput", ["nchwc_block": .int(8)]), [1, 40, 8, 8])
        XCTAssertEqual(try infer("ReorderInput", ["nchwc_block": .int(8)],
                                 Tensor(name: "x", shape: [1, 20, 8, 8], elementType: .float32, kind: .activation)), [1, 24, 8, 8])
        // A channels-last input is reordered into the blocked NCHW form too.
        XCTAssertEqual(try infer("ReorderInput", ["nchwc_block": .int(8), "channels_last": .int(1)],
                                 Tensor(name: "x", shape: [1, 8, 6, 20], elementType: .float32, kind: .activation)), [1, 24, 8, 6])
        XCTAssertEqual(try infer("ReorderOutput", ["channels": .int(36), "channels_last": .int(1)]), [1, 8, 8, 36])
        XCTAssertEqual(try infer("Upsample", ["scales": .ints([1, 1, 2, 3])]), [1, 40, 16, 24])
        XCTAssertThrowsError(try infer("ReorderInput", [:])) { error in
            XCTAssertTrue("\(error)".contains("n1") && "\(error)".contains("channel block is unknown"), "\(error)")
        }
        XCTAssertThrowsError(try infer("ReorderOutput", ["channels": .int(41)])) { error in
            XCTAssertTrue("\(error)".contains("n1") && "\(error)".contains("channels must be between 1 and the blocked channel count 40"), "\(error)")
        }
        XCTAssertThrowsError(try infer("Upsample", ["scales": .ints([1, 2])])) { error in
            XCTAssertTrue("\(error)".contains("scales must give a positive integer for each of the 4 axes"), "\(error)")
        }
        XCTAssertThrowsError(try infer("ReorderInput", ["nchwc_block": .int(8)],
                                       Tensor(name: "x", shape: [1, 40, 8, 8], elementType: .float16, kind: .activation))) { error in
            XCTAssertTrue("\(error)".contains("float32"), "\(error)")
        }
    }
}
