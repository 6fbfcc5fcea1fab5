import Foundation
import HeteroImport
import HeteroIR
import TestSupport
import XCTest

/// The nine bundled ImageNet models import with the published MAC counts.
final class ModelZooTests: XCTestCase {
    /// Reference MACs (Conv and Gemm/MatMul only, batch 1, 224x224), from the issue.
    static let referenceMACs: [(file: String, gigaMACs: Double)] = [
        ("light_bvlc_alexnet.onnx", 0.655),
        ("light_densenet121.onnx", 2.834),
        ("light_inception_v1.onnx", 1.432),
        ("light_inception_v2.onnx", 2.019),
        ("light_resnet50.onnx", 4.089),
        ("light_shufflenet.onnx", 0.125),
        ("light_squeezenet.onnx", 0.349),
        ("light_vgg19.onnx", 19.632),
        ("light_zfnet512.onnx", 1.482),
    ]

    func testEveryModelMatchesReferenceMACsWithinHalfAPercent() throws {
        for (file, gigaMACs) in Self.referenceMACs {
            let graph = try ModelLoader.load(path: Repository.model(file))
            let measured = Double(graph.totalWork.macs) / 1e9
            XCTAssertEqual(measured, gigaMACs, accuracy: gigaMACs * 0.005, "\(file): \(measured) GMACs")
        }
    }

    func testWeightGeneratorsAreFoldedIntoConstants() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_densenet121.onnx"))
        let types = Set(graph.operators.map(\.type))
        XCTAssertFalse(types.contains("ConstantOfShape"))
        XCTAssertFalse(types.contains("Unsqueeze"))
        XCTAssertEqual(graph.operators.filter { $0.type == "Conv" }.count, 121)
        // DenseNet-121 has about 8.0 M parameters (fp32), plus BN statistics.
        let weights = graph.tensors.filter { $0.kind == .constant }.reduce(0) { $0 + $1.byteSize }
        XCTAssertEqual(Double(weights) / 4e6, 8.1, accuracy: 0.3)
    }

    func testResNet50ShapesAndOrder() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_resnet50.onnx"))
        XCTAssertEqual(graph.operators.count, 176)
        let output = try XCTUnwrap(graph.tensor(named: graph.outputs[0]))
        XCTAssertEqual(output.shape, [1, 1000])
        // Topological: every input of every operator is produced earlier.
        for (index, op) in graph.operators.enumerated() {
            for predecessor in graph.predecessors(of: index) {
                XCTAssertLessThan(predecessor, index, op.name)
            }
        }
    }

    func testImportIsDeterministic() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let path = Repository.model("light_inception_v2.onnx")
        let first = try encoder.encode(ModelLoader.load(path: path))
        let second = try encoder.encode(ModelLoader.load(path: path))
        XCTAssertEqual(first, second)
    }

    func testGraphRoundTripsThroughCodable() throws {
        let graph = try ModelLoader.load(path: Repository.model("light_squeezenet.onnx"))
        let data = try JSONEncoder().encode(graph)
        let decoded = try JSONDecoder().decode(Graph.self, from: data)
        XCTAssertEqual(decoded.operators, graph.operators)
        XCTAssertEqual(decoded.tensors, graph.tensors)
    }
}
