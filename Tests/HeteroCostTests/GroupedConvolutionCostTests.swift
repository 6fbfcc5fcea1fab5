import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// A grouped (depthwise) convolution keeps only part of a MAC array busy on a unit that says how it
/// runs them: Intel's NPU 3720 reduces 8 input channels per output per cycle, so a depthwise
/// convolution (one input channel per group) runs at 1/8 of the rate; NVDLA's compiler expands the
/// groups into a dense convolution, `group` times the MACs and the weights. Ungrouped convolutions
/// and units without the field are unchanged.
final class GroupedConvolutionCostTests: XCTestCase {
    /// Each Conv's group count and input channels per group.
    private func groups(_ graph: Graph) throws -> [Int: (groups: Int, perGroup: Int)] {
        var result: [Int: (groups: Int, perGroup: Int)] = [:]
        for (index, op) in graph.operators.enumerated() where op.type == "Conv" {
            let weights = try XCTUnwrap(graph.tensor(named: op.inputs[1])?.shape)
            result[index] = (op.attributes["group"]?.intValue ?? 1, weights[1])
        }
        return result
    }

    private func details(_ graph: Graph, _ platform: Platform) throws -> [[OperatorCost]] {
        try CostEngine(platform: platform).evaluate(graph).details
    }

    /// The time `op`'s MACs take on `unit`'s full MAC array in int8 (both units compute int8 here),
    /// at its Conv efficiency; the rest of its compute time (bias, requantization) is unchanged.
    private func macUS(_ graph: Graph, _ op: Int, _ unit: ProcessingUnit) throws -> Double {
        let rate = try XCTUnwrap(unit.macsPerCycle[.int8]) * unit.clockMHz * (unit.support(for: "Conv")?.efficiency ?? 1)
        return Double(graph.operators[op].work.macs) / rate
    }

    /// MobileNet-v2's depthwise convolutions on the NPU with `grouping` (nil: none) against the
    /// same platform without the field: each depthwise one takes `factor` times its MAC time at the
    /// full rate (`macUS`), the dense ones are unchanged.
    private func checkDepthwise(_ grouping: GroupedConvolution?, factor: Double) throws {
        var platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let npu = try XCTUnwrap(platform.units.firstIndex { $0.name == "npu" })
        platform.units[npu].groupedConvolution = grouping
        var plain = platform
        plain.units[npu].groupedConvolution = nil
        let graph = try ModelLoader.load(path: Repository.path("Tests/Fixtures/ONNX/qdq_mobilenet_v2.onnx"))
        let with = try details(graph, platform), without = try details(graph, plain)
        var depthwise = 0, dense = 0
        for (op, shape) in try groups(graph) {
            let base = without[op][npu].computeUS
            XCTAssertGreaterThan(base, 0)
            if shape.groups > 1 {
                XCTAssertEqual(shape.perGroup, 1, "MobileNet-v2's grouped convolutions are depthwise")
                let macs = try macUS(graph, op, platform.units[npu])
                XCTAssertEqual(with[op][npu].computeUS, base + (factor - 1) * macs, accuracy: 1e-9 * base)
                depthwise += 1
            } else {
                XCTAssertEqual(with[op][npu].computeUS, base)
                dense += 1
            }
        }
        XCTAssertEqual(depthwise, 17)
        XCTAssertEqual(dense, 35)
    }

    /// Without a measured efficiency a depthwise convolution runs at 1/8 of the NPU's rate, at
    /// Conv's efficiency.
    func testDepthwiseConvolutionsRunAtAnEighthOfTheNPURate() throws {
        try checkDepthwise(.reductionWidth(8), factor: 8)
    }

    /// The shipped NPU runs them at 1/8 of its MAC rate and at their measured efficiency (0.3, from
    /// npu-nn-cost-model's ground-truth cycles) in place of Conv's assumed 0.7: 8 x 0.7 / 0.3 times
    /// their MAC time at the full rate.
    func testDepthwiseConvolutionsRunAtTheirMeasuredEfficiencyOnTheShippedNPU() throws {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let npu = try XCTUnwrap(platform.units.first { $0.name == "npu" })
        XCTAssertEqual(npu.groupedConvolution, .reductionWidth(8, efficiency: 0.3))
        XCTAssertEqual(npu.support(for: "Conv")?.efficiency, 0.7)
        try checkDepthwise(npu.groupedConvolution, factor: 8 * 0.7 / 0.3)
    }

    func testNVDLAExpandsGroupsIntoADenseConvolution() throws {
        let platform = try Platform.load(path: Repository.platform("nvdla-full.json"))
        let conv = try XCTUnwrap(platform.units.firstIndex { $0.name == "conv" })
        XCTAssertEqual(platform.units[conv].groupedConvolution, .expandedToDense)
        var plain = platform
        plain.units[conv].groupedConvolution = nil
        let graph = try ModelLoader.load(path: Repository.path("Tests/Fixtures/ONNX/light_mobilenet_v2.onnx"))
        let with = try details(graph, platform), without = try details(graph, plain)
        var checked = 0
        for (op, shape) in try groups(graph) where shape.groups > 1 {
            let macs = try macUS(graph, op, platform.units[conv])
            XCTAssertEqual(with[op][conv].computeUS, without[op][conv].computeUS + Double(shape.groups - 1) * macs,
                           accuracy: 1e-9 * with[op][conv].computeUS)
            XCTAssertGreaterThan(with[op][conv].bytes, without[op][conv].bytes, "the expanded weights are streamed")
            checked += 1
        }
        XCTAssertEqual(checked, 17)
    }

    func testUtilisationFollowsTheChannelsPerGroup() {
        let npu = GroupedConvolution.reductionWidth(8)
        XCTAssertEqual(npu.utilisation(groups: 1, channelsPerGroup: 3), 1, "an ungrouped convolution is not a grouped one")
        XCTAssertEqual(npu.utilisation(groups: 32, channelsPerGroup: 1), 0.125)
        XCTAssertEqual(npu.utilisation(groups: 8, channelsPerGroup: 4), 0.5)
        XCTAssertEqual(npu.utilisation(groups: 3, channelsPerGroup: 80), 1, "ShuffleNet's 1x1 group convolutions fill the array")
        XCTAssertEqual(GroupedConvolution.expandedToDense.utilisation(groups: 4, channelsPerGroup: 80), 0.25)
        XCTAssertEqual(GroupedConvolution.expandedToDense.weightFactor(groups: 4), 4)
        XCTAssertEqual(npu.weightFactor(groups: 4), 1)
        XCTAssertNil(npu.efficiency)
        XCTAssertEqual(GroupedConvolution.reductionWidth(8, efficiency: 0.3).efficiency, 0.3)
        XCTAssertEqual(GroupedConvolution.reductionWidth(8, efficiency: 0.3).utilisation(groups: 32, channelsPerGroup: 1), 0.125,
                       "the efficiency is not part of the array's utilisation")
        XCTAssertNil(GroupedConvolution.expandedToDense.efficiency)
    }
}
