import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// onnxruntime-genai's int4 Llama (`Tests/Fixtures/ONNX/ort/genai_llama_tiny_int4.onnx`, from
/// `Scripts/make_ort_models.py --fixtures`): MatMulNBits with accuracy level 4 runs as an int8
/// kernel on units with int8 MAC throughput, reading its 4-bit weights as stored.
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
            // The NPU's operator list has no MatMulNBits.
            XCTAssertNil(int8Costs[index][unit("npu")].timeUS, op.name)
        }
    }
}
