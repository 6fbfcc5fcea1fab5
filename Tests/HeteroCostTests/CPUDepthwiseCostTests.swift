import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// A grouped-convolution rule limited to data types (`"data_types"`): Meteor Lake's P- and
/// E-cores run an int8 depthwise convolution with one product per VPDPBUSD lane (oneDNN's brdgmm
/// kernel on AVX2-VNNI), a quarter of their int8 MAC rate, and a float32 one at the full FMA rate.
final class CPUDepthwiseCostTests: XCTestCase {
    private func check(_ model: String, dataType: DataType, factor: Double) throws {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let cpu = try XCTUnwrap(platform.units.firstIndex { $0.name == "pcores" })
        XCTAssertEqual(platform.units[cpu].groupedConvolution, .reductionWidth(4, dataTypes: [.int8]))
        var plain = platform
        plain.units[cpu].groupedConvolution = nil
        let graph = try ModelLoader.load(path: Repository.path(model))
        let with = try CostEngine(platform: platform).evaluate(graph).details
        let without = try CostEngine(platform: plain).evaluate(graph).details
        let unit = platform.units[cpu]
        let rate = try XCTUnwrap(unit.macsPerCycle[dataType]) * unit.clockMHz * (unit.support(for: "Conv")?.efficiency ?? 1)
        var depthwise = 0
        for (index, op) in graph.operators.enumerated() where op.type == "Conv" {
            let base = without[index][cpu].computeUS
            if (op.attributes["group"]?.intValue ?? 1) > 1 {
                let macUS = Double(op.work.macs) / rate
                let expected = base + (factor - 1) * macUS
                XCTAssertEqual(with[index][cpu].computeUS, expected, accuracy: 1e-9 * expected, op.name)
                depthwise += 1
            } else {
                XCTAssertEqual(with[index][cpu].computeUS, base, op.name)
            }
        }
        XCTAssertEqual(depthwise, 17)
    }

    func testInt8DepthwiseRunsAtAQuarterOfTheVNNIRate() throws {
        try check("Tests/Fixtures/ONNX/qdq_mobilenet_v2.onnx", dataType: .int8, factor: 4)
    }

    func testFloat32DepthwiseIsUnchanged() throws {
        try check("Tests/Fixtures/ONNX/light_mobilenet_v2.onnx", dataType: .float32, factor: 1)
    }

    func testRuleAppliesOnlyToItsDataTypes() {
        let rule = GroupedConvolution.reductionWidth(4, dataTypes: [.int8])
        XCTAssertTrue(rule.applies(to: .int8))
        XCTAssertFalse(rule.applies(to: .float32))
        XCTAssertTrue(GroupedConvolution.reductionWidth(8).applies(to: .float16))
        XCTAssertTrue(GroupedConvolution.expandedToDense.applies(to: .int8))
    }
}
