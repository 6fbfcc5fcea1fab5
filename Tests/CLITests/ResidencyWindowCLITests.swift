import Foundation
import TestSupport
import XCTest

/// The GLPK window over eviction victims, as a user sees it through `hetero-plan plan`.
final class ResidencyWindowCLITests: XCTestCase {
    /// PEFT's plan of Inception-v1 on the shipped onnc-cpu-dsp-dla (contention off, so simulation
    /// must equal prediction exactly; the residency stage runs on every strategy's plan)
    /// overflows the 1 MiB SoC SRAM, and the victims the window's MILP chose beat the
    /// candidate-evaluating ones (optimize's plan shows the same in the residency benchmark's
    /// "window" column, but takes minutes in a debug build): the plan's
    /// decisions say which evictions it chose, the SRAM's peak fits, and the plan simulates as
    /// predicted. (Session 23's first case, ResNet-50 on the NPU with a 1 MiB CMX, stopped
    /// choosing the window once the NPU's per-operation cost became the sourced 0.63 us.)
    func testWindowEvictionsStandOnInceptionInTheSoCSRAM() throws {
        let result = try CLI.run(["plan", Repository.model("light_inception_v1.onnx"), "--platform", Repository.platform("onnc-cpu-dsp-dla.json"),
                                  "--strategy", "peft", "--contention", "off", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let decisions = try XCTUnwrap(plan["decisions"] as? [[String: Any]])
        let windowed = decisions.filter { ($0["reason"] as? String)?.contains("chosen by a MILP over") == true }
        XCTAssertFalse(windowed.isEmpty, "no eviction of the window stood")
        XCTAssertTrue(windowed.allSatisfy { $0["kind"] as? String == "memory-spill" && ($0["reason"] as? String)?.hasPrefix("soc_sram needs") == true })
        let planned = try XCTUnwrap(plan["memories"] as? [[String: Any]])
        let sram = try XCTUnwrap(planned.first { $0["name"] as? String == "soc_sram" })
        XCTAssertLessThanOrEqual(try XCTUnwrap(sram["peak_bytes"] as? Int), try XCTUnwrap(sram["capacity_bytes"] as? Int))
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        let predicted = try XCTUnwrap(summary["makespan_us"] as? Double)
        let simulated = try XCTUnwrap(summary["simulated_makespan_us"] as? Double)
        XCTAssertEqual(simulated, predicted, accuracy: 1e-9 * predicted)
    }
}
