import Foundation
import TestSupport
import XCTest

/// Issue 12's must-show: the QDQ ResNet-50 that ONNX Runtime's `quantize_static` makes from the
/// bundled model (Scripts/make_qdq_fixture.py) folds into int8 operators that the NPU runs, and
/// plans faster than its float original on meteor-lake.
final class QuantizedPlanTests: XCTestCase {
    static let qdq = Repository.path("Tests/Fixtures/ONNX/qdq_resnet50.onnx")
    static let float = Repository.model("light_resnet50.onnx")

    /// The plan's makespan and the unit of each operator type's operators.
    func plan(_ model: String, _ options: [String]) throws -> (makespan: Double, units: [String: Set<String>]) {
        let result = try CLI.run(["plan", model, "--platform", Repository.platform("meteor-lake.json"), "--no-simulate",
                                  "--format", "json"] + options)
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let makespan = try XCTUnwrap((plan["summary"] as? [String: Any])?["makespan_us"] as? Double)
        var units: [String: Set<String>] = [:]
        for op in try XCTUnwrap(plan["operators"] as? [[String: Any]]) {
            units[op["type"] as? String ?? "", default: []].insert(op["unit"] as? String ?? "")
        }
        return (makespan, units)
    }

    func testQDQResNet50RunsOnTheNPUAndPlansFasterThanTheFloatModel() throws {
        // The residual Sum -> Relu -> Q folds (ReluQuantFusion, Sum as Add): of ONNX Runtime's 181
        // DQ and 73 Q, only the input Q, the last block's float tail (Sum, Relu, AveragePool,
        // Reshape before its Q) and the output DQ stay.
        let inspect = try CLI.run(["inspect", Self.qdq, "--format", "json"])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        let summary = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let types = try XCTUnwrap(summary["operators_by_type"] as? [String: Int])
        XCTAssertEqual(types, ["Conv": 53, "Sum": 16, "DequantizeLinear": 3, "QuantizeLinear": 2, "AveragePool": 1, "Gemm": 1,
                               "MaxPool": 1, "Relu": 1, "Reshape": 1, "Softmax": 1])

        // OpenVINO HETERO's order (NPU first): every operator but Softmax (SHAVE) stays on the NPU,
        // which now runs the remaining Quantize/Dequantize on its DPU.
        let priority = ["--strategy", "fallback", "--fallback-priority", "npu", "shave", "pcores"]
        let quantized = try plan(Self.qdq, priority)
        let original = try plan(Self.float, priority)
        for (type, units) in quantized.units where type != "Softmax" { XCTAssertEqual(units, ["npu"], type) }
        // The npu computes the float model in FP16 (its compute type, as OpenVINO's NPU plugin does)
        // and the QDQ model in int8: twice the MAC rate and half the bytes, so NPU-first the QDQ
        // model takes a little over half the float model's time (1,810 against 3,127 us).
        XCTAssertLessThan(quantized.makespan, original.makespan * 0.7)
        XCTAssertGreaterThan(quantized.makespan, original.makespan * 0.45)

        // The optimizer, with a fixed budget so the debug build plans in seconds. (It gives most of
        // the int8 model to the iGPU, whose int8 rate the platform assumes to be 4x its float32.)
        let budget = ["--evaluations", "500"]
        XCTAssertLessThan(try plan(Self.qdq, budget).makespan, try plan(Self.float, budget).makespan)
    }
}
