import Foundation
import TestSupport
import XCTest

/// The GLPK window over eviction victims, as a user sees it through `hetero-plan plan`.
final class ResidencyWindowCLITests: XCTestCase {
    /// ResNet-50 on Meteor Lake's NPU and SHAVE (fallback) with a 1 MiB CMX overflows it, and the
    /// victims the window's MILP chose beat the candidate-evaluating ones (4421.031 us before the
    /// window, 4400.357 us with it, release build): the plan's decisions say which evictions it
    /// chose, CMX's peak fits, and the plan simulates as predicted.
    func testWindowEvictionsStandOnResNetWithASmallCMX() throws {
        let directory = try makeTemporaryDirectory()
        let platformData = try Data(contentsOf: URL(fileURLWithPath: Repository.platform("meteor-lake.json")))
        var platform = try XCTUnwrap(JSONSerialization.jsonObject(with: platformData) as? [String: Any])
        var memories = try XCTUnwrap(platform["memories"] as? [[String: Any]])
        let cmx = try XCTUnwrap(memories.firstIndex { $0["name"] as? String == "cmx" })
        memories[cmx]["capacity_bytes"] = 1 << 20
        platform["memories"] = memories
        let platformPath = directory.path("meteor-lake-1mib-cmx.json")
        try JSONSerialization.data(withJSONObject: platform).write(to: URL(fileURLWithPath: platformPath))
        let result = try CLI.run(["plan", Repository.model("light_resnet50.onnx"), "--platform", platformPath, "--strategy", "fallback",
                                  "--fallback-priority", "npu", "shave", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let decisions = try XCTUnwrap(plan["decisions"] as? [[String: Any]])
        let windowed = decisions.filter { ($0["reason"] as? String)?.contains("chosen by a MILP over") == true }
        XCTAssertFalse(windowed.isEmpty, "no eviction of the window stood")
        XCTAssertTrue(windowed.allSatisfy { $0["kind"] as? String == "memory-spill" && ($0["reason"] as? String)?.hasPrefix("cmx needs") == true })
        let planned = try XCTUnwrap(plan["memories"] as? [[String: Any]])
        let cmxUsage = try XCTUnwrap(planned.first { $0["name"] as? String == "cmx" })
        XCTAssertLessThanOrEqual(try XCTUnwrap(cmxUsage["peak_bytes"] as? Int), 1 << 20)
        let summary = try XCTUnwrap(plan["summary"] as? [String: Any])
        let predicted = try XCTUnwrap(summary["makespan_us"] as? Double)
        XCTAssertLessThan(predicted, 4421.0, "no better than the candidate-evaluating evictions")
        let simulated = try XCTUnwrap(summary["simulated_makespan_us"] as? Double)
        XCTAssertEqual(simulated, predicted, accuracy: 1e-9 * predicted)
    }
}
