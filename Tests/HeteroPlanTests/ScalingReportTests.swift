@testable import HeteroBench
import XCTest

/// `Results/scaling.md` is generated whole: the comparison, exponents and reading come from the
/// cases, and hand-written notes live in a file the benchmark links to but never writes.
final class ScalingReportTests: XCTestCase {
    private func row(_ build: String, tiles: Int, plan: Double?, cpu: Double) -> ScalingBenchmark.Case {
        var row = ScalingBenchmark.Case(model: "m.onnx", tiles: tiles, units: tiles + 1, operators: 10,
                                        status: plan == nil ? "time cap (240 s)" : "finished", loadSeconds: 0.1, planSeconds: plan,
                                        stageSeconds: plan == nil ? [:] : ["refinement": plan! / 2], makespanUS: plan.map { _ in 100 },
                                        simulatedMakespanUS: plan.map { _ in 100 }, unitsUsed: plan.map { _ in 3 })
        row.build = build
        row.cpuSeconds = cpu
        row.loadAverage = 2
        return row
    }

    func testReportComparesBuildsAndReadsTheFigures() {
        let cases = [
            row("before", tiles: 4, plan: 2, cpu: 2), row("after", tiles: 4, plan: 1, cpu: 1),
            row("before", tiles: 400, plan: nil, cpu: 200), row("after", tiles: 400, plan: 20, cpu: 20),
        ]
        let text = ScalingReport(cases: cases, capSeconds: 240, baseline: "old/hetero-plan", notesExist: true).markdown()
        XCTAssertTrue(text.contains("| m.onnx | 4 | 2.00 | 1.00 | 0.500 | 2.0 | 1.0 | 0.500 |"), text)
        XCTAssertTrue(text.contains("| m.onnx | 400 | time cap (240 s) | 20.00 |  | 200.0 | 20.0 |  |"), text)
        XCTAssertTrue(text.contains("- m.onnx, 400 tiles: 20.0 s CPU for the case (parse, plan, simulate), within the 30 s target; "
                                    + "planned in 20.0 s of wall-clock time at load 2.0 (within the target)."), text)
        // Only cases both builds finished are compared in CPU seconds.
        XCTAssertTrue(text.contains("- m.onnx: after / before CPU seconds 0.50 at 4 tiles (less inflated"), text)
        XCTAssertTrue(text.contains("- m.onnx: finishes now at 400 tiles, where the baseline did not."), text)
        // Slope of log(1, 20) against log(5, 401): log 20 / log 80.2.
        XCTAssertTrue(text.contains(String(format: "grows as units^%.2f from 5 to 401 units", log(20) / log(80.2))), text)
        XCTAssertTrue(text.contains("[scaling-notes.md](scaling-notes.md)"), text)
        XCTAssertFalse(ScalingReport(cases: cases, capSeconds: 240, baseline: nil, notesExist: false).markdown().contains("scaling-notes"))
    }

    /// On a loaded machine the wall-clock time can be over the target while the CPU time is within it:
    /// the reading says which is which instead of one verdict from the inflated figure.
    func testTheTargetIsJudgedOnCPUAndWallClockSeparately() {
        let loaded = [row("after", tiles: 400, plan: 45, cpu: 18)]
        let text = ScalingReport(cases: loaded, capSeconds: 240, baseline: nil, notesExist: false).markdown()
        XCTAssertTrue(text.contains("- m.onnx, 400 tiles: 18.0 s CPU for the case (parse, plan, simulate), within the 30 s target; "
                                    + "planned in 45.0 s of wall-clock time at load 2.0 (over the target)."), text)
        XCTAssertFalse(text.contains("CPU seconds 0."), text)
    }
}
