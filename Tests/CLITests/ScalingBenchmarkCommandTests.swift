import Foundation
import TestSupport
import XCTest

/// `benchmark scaling`: each case runs in a child process capped in CPU seconds, so a case that
/// uses up the cap is reported as stopped at it (a finished case takes minutes in a debug build;
/// `ScalingReportTests` covers how finished cases are reported).
final class ScalingBenchmarkCommandTests: XCTestCase {
    private func cases(in directory: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/scaling.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    func testCaseOverTheCPUCapIsStoppedAndReported() throws {
        let directory = try makeTemporaryDirectory()
        let output = directory.path("results")
        let result = try CLI.run(["benchmark", "scaling", "--models", Repository.model("light_resnet50.onnx"), "--tiles", "400",
                                  "--cap", "0.5", "--output", output])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try cases(in: output)
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["status"] as? String, "CPU cap (1 s)")
        XCTAssertNil(rows[0]["plan_seconds"])
        // The kernel stopped it once it had used the cap (whole seconds: 0.5 rounds up to 1).
        let cpu = try XCTUnwrap(rows[0]["cpu_seconds"] as? Double)
        XCTAssertGreaterThanOrEqual(cpu, 0.95)
        let report = try String(contentsOfFile: output + "/scaling.md", encoding: .utf8)
        XCTAssertTrue(report.contains("stopped once it has used 1 CPU seconds"), report)
        XCTAssertTrue(report.contains("| light_resnet50.onnx | 400 | 401 | CPU cap (1 s) |"), report)
    }
}
