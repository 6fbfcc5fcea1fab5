import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// Channels padded to the unit's multiple (`channel_alignment`): the NPU 3720's compiler pads the
/// channels of its DPU layers to 16 (a 3-channel int8 input to 4, the compressed convolution), and
/// the DPU computes and moves the zeros. On the shipped platform, MobileNet-v2's convolutions with
/// 24 channels cost 32/24 of their MACs and bytes there; aligned ones are unchanged; without the
/// field nothing is padded.
final class ChannelAlignmentCostTests: XCTestCase {
    private struct Case {
        let graph: Graph
        let with: [[OperatorCost]]
        let without: [[OperatorCost]]
        let npu: ProcessingUnit
        let npuIndex: Int
    }

    /// The model on the shipped meteor-lake with its NPU's alignment and without it.
    private func evaluate(_ model: String) throws -> Case {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let npu = try XCTUnwrap(platform.units.firstIndex { $0.name == "npu" })
        var plain = platform
        plain.units[npu].channelAlignment = nil
        let graph = try ModelLoader.load(path: Repository.path(model))
        return Case(graph: graph, with: try CostEngine(platform: platform).evaluate(graph).details,
                    without: try CostEngine(platform: plain).evaluate(graph).details, npu: platform.units[npu], npuIndex: npu)
    }

    private func padded(_ count: Int) -> Int { (count + 15) / 16 * 16 }

    /// Every ungrouped Conv: its MAC time grows by (padded out / out) x (padded in / in), its other
    /// arithmetic by padded out / out; returns the MAC factor of each.
    private func checkDenseConvolutions(_ c: Case, dataType: DataType, firstInput: Int) throws -> [Int: Double] {
        var factors: [Int: Double] = [:]
        let rate = try XCTUnwrap(c.npu.macsPerCycle[dataType]) * c.npu.clockMHz * (c.npu.support(for: "Conv")?.efficiency ?? 1)
        for (index, op) in c.graph.operators.enumerated() where op.type == "Conv" && (op.attributes["group"]?.intValue ?? 1) == 1 {
            let input = try XCTUnwrap(c.graph.tensor(named: op.inputs[0])?.shape)[1]
            let output = try XCTUnwrap(c.graph.tensor(named: op.outputs[0])?.shape)[1]
            let inFactor = Double(input == 3 ? firstInput : padded(input)) / Double(input)
            let outFactor = Double(padded(output)) / Double(output)
            let base = c.without[index][c.npuIndex]
            let macUS = Double(op.work.macs) / rate
            XCTAssertLessThanOrEqual(macUS, base.computeUS * (1 + 1e-12))
            let expected = macUS * outFactor * inFactor + (base.computeUS - macUS) * outFactor
            XCTAssertEqual(c.with[index][c.npuIndex].computeUS, expected, accuracy: 1e-9 * expected, op.name)
            if outFactor * inFactor == 1 {
                XCTAssertEqual(c.with[index][c.npuIndex].bytes, base.bytes, op.name)
            } else {
                XCTAssertGreaterThan(c.with[index][c.npuIndex].bytes, base.bytes, "\(op.name): the padded channels are moved")
            }
            factors[index] = outFactor * inFactor
        }
        return factors
    }

    func testInt8ConvolutionsComputeAndMovePaddedChannels() throws {
        let c = try evaluate("Tests/Fixtures/ONNX/qdq_mobilenet_v2.onnx")
        XCTAssertEqual(c.npu.channelAlignment, ChannelAlignment(channels: 16, compressedInputChannels: 4, operators: ["Conv", "MaxPool", "AveragePool"]))
        let factors = try checkDenseConvolutions(c, dataType: .int8, firstInput: 4)
        XCTAssertEqual(factors.count, 35)
        let first = try XCTUnwrap(c.graph.operators.firstIndex { $0.type == "Conv" })
        XCTAssertEqual(try XCTUnwrap(factors[first]), 4.0 / 3.0, accuracy: 1e-12, "an int8 3-channel input is compressed to 4, not 16")
        // 4/3 also for the 24-channel bottleneck: 96 -> 24, 24 -> 144, 144 -> 24, 24 -> 144 (and the first, 3 -> 4).
        XCTAssertEqual(factors.values.filter { abs($0 - 32.0 / 24.0) < 1e-12 }.count, 5)
        XCTAssertEqual(factors.values.filter { $0 == 1 }.count, 30)
    }

    func testFloat16FirstConvolutionPadsItsInputTo16() throws {
        let c = try evaluate("Tests/Fixtures/ONNX/light_mobilenet_v2.onnx")
        let factors = try checkDenseConvolutions(c, dataType: .float16, firstInput: 16)
        let first = try XCTUnwrap(c.graph.operators.firstIndex { $0.type == "Conv" })
        XCTAssertEqual(try XCTUnwrap(factors[first]), 16.0 / 3.0, accuracy: 1e-12)
    }

    /// Operators the rule does not list (element-wise adds, the SHAVE unit's operators) and every
    /// other unit are unchanged.
    func testOtherOperatorsAndUnitsAreUnchanged() throws {
        let c = try evaluate("Tests/Fixtures/ONNX/qdq_mobilenet_v2.onnx")
        var compared = 0
        for (index, op) in c.graph.operators.enumerated() {
            for unit in c.with[index].indices where unit != c.npuIndex || !["Conv", "MaxPool", "AveragePool"].contains(op.type) {
                XCTAssertEqual(c.with[index][unit].timeUS, c.without[index][unit].timeUS, "\(op.name) on unit \(unit)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// Where a padded tensor lives is a planning decision (`ResidencyCost`): its operand moves the
    /// padded bytes, whether the operator is costed alone or in a fused chain.
    func testResidencyOperandsMoveThePaddedBytes() throws {
        var platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let npu = try XCTUnwrap(platform.units.firstIndex { $0.name == "npu" })
        let graph = try ModelLoader.load(path: Repository.path("Tests/Fixtures/ONNX/qdq_mobilenet_v2.onnx"))
        let with = try CostEngine(platform: platform).evaluate(graph).table.residency
        platform.units[npu].channelAlignment = nil
        let without = try CostEngine(platform: platform).evaluate(graph).table.residency
        var checked = 0
        for (index, op) in graph.operators.enumerated() where op.type == "Conv" {
            let padded = try XCTUnwrap(with[index][npu]), plain = try XCTUnwrap(without[index][npu])
            for name in op.inputs + op.outputs {
                guard let tensor = graph.tensorIndex[name], graph.tensors[tensor].shape?.count == 4,
                      graph.tensors[tensor].shape?[1] == 24 else { continue }
                // An intermediate of a fused chain is no operand (it never leaves the unit).
                guard let real = plain.operands.first(where: { $0.tensor == tensor })?.bytes else { continue }
                let moved = try XCTUnwrap(padded.operands.first { $0.tensor == tensor }).bytes
                XCTAssertEqual(moved, real * 32 / 24, accuracy: 1e-9 * moved, "\(op.name): \(name)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 4)
    }

    func testPaddingArithmetic() {
        let rule = ChannelAlignment(channels: 16, compressedInputChannels: 4, operators: ["Conv"])
        XCTAssertEqual(rule.padded(24), 32)
        XCTAssertEqual(rule.padded(32), 32)
        XCTAssertEqual(rule.padded(1), 16)
        XCTAssertEqual(rule.paddedConvolutionInput(3, grouped: false, integer: true), 4)
        XCTAssertEqual(rule.paddedConvolutionInput(3, grouped: false, integer: false), 16)
        XCTAssertEqual(rule.paddedConvolutionInput(3, grouped: true, integer: true), 16)
        XCTAssertEqual(rule.paddedConvolutionInput(5, grouped: false, integer: true), 16)
        XCTAssertEqual(ChannelAlignment(channels: 16, operators: ["Conv"]).paddedConvolutionInput(3, grouped: false, integer: true), 16)
    }
}
