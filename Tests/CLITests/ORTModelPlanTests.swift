import Foundation
import TestSupport
import XCTest

/// Models as ONNX Runtime's tools write them (Tests/Fixtures/ONNX/ort, `Scripts/make_ort_models.py
/// --fixtures`) go through `inspect`, `plan` and the simulator on both phone and PC platforms.
final class ORTModelPlanTests: XCTestCase {
    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/ONNX/ort/\(name)") }

    static let genaiPrefill = ["--input-shape", "input_ids=1,5", "--input-shape", "attention_mask=1,5",
                               "--input-shape", "past_key_values.0.key=1,2,0,16", "--input-shape", "past_key_values.0.value=1,2,0,16"]

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testInspectShowsTheKVCacheAndFourBitWeights() throws {
        let result = try CLI.run(["inspect", Self.fixture("genai_llama_tiny_int4.onnx"), "--format", "json"] + Self.genaiPrefill)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        XCTAssertEqual(report["macs"] as? Int, 208_000)
        let tensors = try XCTUnwrap(report["tensors"] as? [[String: Any]])
        let present = try XCTUnwrap(tensors.first { $0["name"] as? String == "present.0.key" })
        XCTAssertEqual(present["shape"] as? [Int], [1, 2, 5, 16])
        // The lm head's packed weights: N 64 × K 64 / 2 bytes.
        let head = try XCTUnwrap(tensors.first { $0["name"] as? String == "lm_head.MatMul.weight_Q4" })
        XCTAssertEqual(head["bytes"] as? Int, 64 * 64 / 2)
        XCTAssertEqual(head["element_type"] as? String, "uint8")
    }

    func testPlansAndSimulatesOnMeteorLakeAndSnapdragon() throws {
        let cases: [(String, [String])] = [
            ("genai_llama_tiny_int4.onnx", Self.genaiPrefill),
            ("bert_tiny_ortopt.onnx", ["--input-shape", "input_ids=1,16", "--input-shape", "attention_mask=1,16",
                                       "--input-shape", "token_type_ids=1,16"]),
            ("cnn_qoperator.onnx", []),
            ("cnn_ort_extended.onnx", []),
            ("cnn_ort_all.onnx", []),
        ]
        for (model, shapes) in cases {
            for platform in ["meteor-lake.json", "snapdragon-8gen2.json"] {
                let result = try CLI.run(["plan", Self.fixture(model), "--platform", Repository.platform(platform), "--format", "json",
                                          "--evaluations", "200"] + shapes)
                XCTAssertEqual(result.status, 0, "\(model) on \(platform): \(result.stderr)")
                guard result.status == 0 else { continue }
                let summary = try XCTUnwrap(try json(result.stdout)["summary"] as? [String: Any])
                let planned = try XCTUnwrap(summary["makespan_us"] as? Double)
                let simulated = try XCTUnwrap(summary["simulated_makespan_us"] as? Double, "\(model) on \(platform)")
                XCTAssertGreaterThan(planned, 0)
                XCTAssertEqual(simulated, planned, accuracy: planned * 0.1, "\(model) on \(platform)")
            }
        }
    }
}
