import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// onnxruntime-genai's int4 Llama (`Tests/Fixtures/ONNX/ort/genai_llama_tiny_int4.onnx`, from
/// `Scripts/make_ort_models.py --fixtures`): MatMulNBits with accuracy level 4 runs as an int8
/// kernel on units with int8 MAC throughput, reading its 4-bit weights as stored; ONNX Runtime's
/// kernels run on the NPUs under the entries of the operators they compute.
final class WeightOnlyCostTests: XCTestCase {
    static let path = Repository.path("Tests/Fixtures/ONNX/ort/genai_llama_tiny_int4.onnx")
    static let shapes = ["input_ids": [1, 5], "attention_mask": [1, 5],
                         "past_key_values.0.key": [1, 2, 0, 16], "past_key_values.0.value": [1, 2, 0, 16]]

    func testAccuracyLevelFourRunsAtTheInt8RateOnWeightsAsStored() throws {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let graph = try ModelLoader.load(path: Self.path, inputShapes: Self.shapes)
        // The same graph with the MatMulNBits computed in float (accuracy level 0).
        var operators = graph.operators
        for index in operators.indices where operators[index].type == "MatMulNBits" { operators[index].quantizedType = nil }
        let floatKernels = try Graph(name: graph.name, tensors: graph.tensors, operators: operators, inputs: graph.inputs, outputs: graph.outputs)
        let int8Costs = try CostEngine(platform: platform).evaluate(graph).details
        let floatCosts = try CostEngine(platform: platform).evaluate(floatKernels).details
        func unit(_ name: String) -> Int { platform.units.firstIndex { $0.name == name }! }
        let quantized = graph.operators.indices.filter { graph.operators[$0].type == "MatMulNBits" }
        XCTAssertEqual(quantized.count, 6)
        for index in quantized {
            let op = graph.operators[index]
            // pcores: float32 at 96 MACs per cycle, int8 (VNNI) at 384.
            let cpu = unit("pcores")
            assertClose(int8Costs[index][cpu].computeUS, floatCosts[index][cpu].computeUS / 4, op.name)
            // The bytes moved are the operator's own: float A and Y, the packed 4-bit weights
            // (K·N/2) and float scales, whichever type it computes in.
            XCTAssertEqual(int8Costs[index][cpu].bytes, floatCosts[index][cpu].bytes, op.name)
            XCTAssertEqual(int8Costs[index][cpu].bytes, op.work.activationBytesRead + op.work.weightBytesRead + op.work.bytesWritten, op.name)
            // gpu: float16 (its compute type) at 2,048 MACs per cycle, int8 at 4,096.
            let gpu = unit("gpu")
            assertClose(int8Costs[index][gpu].computeUS, floatCosts[index][gpu].computeUS / 2, op.name)
            // npu runs it under its MatMul entry (int8 and float16): 4,096 int8 MACs per cycle
            // against 2,048 in FP16, its float compute type (W4A16 at accuracy level 0).
            let npu = unit("npu")
            XCTAssertNotNil(int8Costs[index][npu].timeUS, op.name)
            assertClose(int8Costs[index][npu].computeUS, floatCosts[index][npu].computeUS / 2, op.name)
        }
    }

    /// QOperator kernels run on an NPU under the entry of the operator they compute (QLinearConv
    /// under Conv, QGemm under Gemm, ...), in int8: on meteor-lake's npu and snapdragon's htp.
    func testQOperatorKernelsRunUnderTheirOperatorsEntries() throws {
        let graph = try ModelLoader.load(path: Repository.path("Tests/Fixtures/ONNX/ort/cnn_qoperator.onnx"))
        for (file, accelerator) in [("meteor-lake.json", "npu"), ("snapdragon-8gen2.json", "htp")] {
            var platform = try Platform.load(path: Repository.platform(file))
            let index = platform.units.firstIndex { $0.name == accelerator }!
            // The bounds below are for the real channel counts (padding: ChannelAlignmentCostTests).
            platform.units[index].channelAlignment = nil
            let costs = try CostEngine(platform: platform).evaluate(graph).details
            let cpu = platform.units.firstIndex { $0.kind == .cpu }!
            for (position, op) in graph.operators.enumerated() where op.type == "QLinearConv" {
                XCTAssertNotNil(costs[position][index].timeUS, "\(op.name) on \(accelerator)")
                // The CPU's int8 (VNNI / dot-product) rate is lower than the accelerator's.
                XCTAssertLessThan(costs[position][index].computeUS, costs[position][cpu].computeUS, op.name)
                // The int8 MAC rate of the accelerator at its Conv entry's efficiency (plus the bias on its vector units).
                let support = try XCTUnwrap(platform.units[index].support(for: op.type))
                XCTAssertEqual(support.operatorType, "Conv")
                let rate = try XCTUnwrap(platform.units[index].macsPerCycle[.int8]) * platform.units[index].clockMHz * support.efficiency
                XCTAssertGreaterThanOrEqual(costs[position][index].computeUS, Double(op.work.macs) / rate * (1 - 1e-9), op.name)
                XCTAssertLessThan(costs[position][index].computeUS, Double(op.work.macs) / rate * 2, op.name)
            }
        }
        // NhwcConv (channels last, the CPU kernel's layout) is not mapped.
        XCTAssertNil(OperatorSupport.computedOperator["NhwcConv"])
    }
}
